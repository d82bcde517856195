/**
 * The one policy model every input format maps to. Adapters in formats/ build it from text;
 * rules/ and features/ work only on it. Ranges are document offsets (UTF-16 code units),
 * computed once by the adapter; conversion to line/character happens at the service edge.
 */
import type { CatalogNode } from '../catalog/types';
import type { SeverityName } from '../service/protocolTypes';

export interface OffsetRange { start: number; end: number }

/** A value as written, with where it was written. */
export interface Located<T> {
  value: T;
  /** The value's text. */
  range: OffsetRange;
  /** The key's text, where the format has a key ("omaUri:"). */
  keyRange?: OffsetRange;
}

export type SourceFormat =
  | 'whfb-yaml'              // our policy file
  | 'settings-catalog-json'  // Graph deviceManagementConfigurationPolicy
  | 'settings-catalog-yaml'  // the same object as IntuneCD YAML
  | 'custom-profile-json'    // Graph windows10CustomConfiguration (omaSettings[])
  | 'custom-profile-yaml'    // the same as IntuneCD YAML
  | 'syncml'                 // OMA-DM SyncML XML
  | 'text';                  // OMA-URIs loose in Markdown, PowerShell or plain text

export interface Deployment {
  /** The whole `deployment:` block (or its key when the value is empty). */
  range: OffsetRange;
  model?: Located<string>;
  trust?: Located<string>;
  join?: Located<string>;
  authentication?: Located<string>;
  management?: Located<string>;
  minimumOsBuild?: Located<string>;
}

/** Value types as a policy file or export writes them, normalised. */
export type ValueType = 'bool' | 'int' | 'string' | 'xml' | 'base64' | 'float' | 'date';

export interface PolicySetting {
  /** Position in the file's list of settings (stable id within one parse). */
  index: number;
  /** The whole entry, for symbols, folding and "reveal in editor". */
  range: OffsetRange;
  /** OMA-URI as written (custom profile, policy YAML, SyncML LocURI, loose text). */
  omaUri?: Located<string>;
  /** Settings Catalog settingDefinitionId as written, where the format uses ids. */
  settingDefinitionId?: Located<string>;
  /** The catalog node the OMA-URI or id resolves to, when it resolves. */
  node?: CatalogNode;
  /** Type as written, raw ("boolean", "chr", "#microsoft.graph.omaSettingInteger") and normalised. */
  type?: Located<string> & { normalized?: ValueType };
  /** Value as written, after format decoding (Settings Catalog choice "_true" -> true, "1" -> 1 where typed). */
  value?: Located<unknown>;
  /** Display name as written. */
  name?: Located<string>;
  /** Codes silenced for this entry by `# whfb-ignore CODE` (or format equivalent). */
  ignoredCodes: string[];
}

export interface GroupPolicyEntry {
  index: number;
  range: OffsetRange;
  policy: Located<string>;
  scope?: Located<string>;
  state?: Located<string>;
  ignoredCodes: string[];
}

/** A finding before it becomes a Diagnostic: ranges are offsets, severity a name. */
export interface Finding {
  code: string;
  severity: SeverityName;
  message: string;
  range: OffsetRange;
  href?: string;
  related?: { range: OffsetRange; message: string }[];
  /** Data a quick fix needs (a replacement, the successor path, ...). */
  data?: FixData;
  /**
   * The catalog paths (CatalogNode.path) of the settings this finding is about, present or
   * missing, so a client links a diagnostic to a setting without reading its message (the
   * checklist view). Set by the rule for a missing setting; filled in from the entry the
   * finding stands on otherwise (rules/runRules.ts).
   */
  paths?: string[];
}

export type FixData =
  | { fix: 'replace'; title: string; replacements: { range: OffsetRange; newText: string }[] }
  | { fix: 'insert-settings'; title: string; text: string; at: number };

export interface PolicyModel {
  format: SourceFormat;
  /** The document text the model was built from. */
  text: string;
  /** Top-level `whfb:` version, policy YAML only. */
  formatVersion?: Located<unknown>;
  name?: Located<string>;
  tenantId?: Located<string>;
  deployment?: Deployment;
  settings: PolicySetting[];
  /** The `settings:` key (policy YAML only): where findings about the settings as a whole stand. */
  settingsKey?: OffsetRange;
  groupPolicy: GroupPolicyEntry[];
  /** Syntax and shape findings found while building the model. */
  findings: Finding[];
  /** Codes silenced for the whole file. */
  ignoredCodes?: string[];
}
