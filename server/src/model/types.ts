/**
 * The one policy model every input format maps to. Adapters in formats/ build it from text;
 * rules/ and features/ work only on it. Ranges are document offsets (UTF-16 code units),
 * computed once by the adapter; conversion to line/character happens at the service edge.
 */
import type { CatalogNode } from '../catalog/types';
import type { SeverityName } from '../../../shared/protocol';

export interface OffsetRange { start: number; end: number }

/** A value as written, with where it was written. */
export interface Located<T> {
  value: T;
  /** The value's text. */
  range: OffsetRange;
  /** The key's text, where the format has a key ("omaUri:"). */
  keyRange?: OffsetRange;
}

/** Part of the protocol (the policy summary names it): defined in shared/. */
import type { SourceFormat } from '../../../shared/protocol';
export type { SourceFormat };

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

/** Value types as a policy file or export writes them, normalised (spelled once, in the vocabulary). */
import type { VocabularyValueType } from '../vocabulary/valueTypes';
export type ValueType = VocabularyValueType;

export interface PolicySetting {
  /** Position in the file's list of settings (stable id within one parse). */
  index: number;
  /** The whole entry, for symbols, folding and "reveal in editor". */
  range: OffsetRange;
  /** OMA-URI as written (custom profile, policy YAML, SyncML LocURI, loose text). */
  omaUri?: Located<string>;
  /**
   * Settings Catalog settingDefinitionId as written, where the format uses ids; for Graph objects
   * mapped through data/mappings (Identity protection profile, enrollment policy, intents) the Graph
   * property name or intent definitionId as written.
   */
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
  /**
   * Set when the value is delivered by Group Policy, not MDM (a GPO backup: registry.pol,
   * gpreport.xml): the Group Policy entry it belongs to. Rules that compare Group Policy with MDM
   * skip it; value and trust rules judge it like any setting.
   */
  groupPolicy?: GroupPolicyEntry;
}

export interface GroupPolicyEntry {
  index: number;
  range: OffsetRange;
  policy: Located<string>;
  scope?: Located<string>;
  state?: Located<string>;
  ignoredCodes: string[];
}

/**
 * Another place a finding points at: in the same document, or (cross-file findings, WHFB300+) in
 * another one, named by `uri`; `range` is then an offset range of that document's text.
 */
export interface RelatedLocation {
  range: OffsetRange;
  message: string;
  uri?: string;
}

/**
 * Who a policy reaches, read from an export's `assignments` (Graph, IntuneCD). A policy with no
 * `assignments` in its file has no audience in the model: unknown, not "nobody".
 */
export interface PolicyAudience {
  /** Where `assignments` is written. */
  range: OffsetRange;
  allDevices: boolean;
  allUsers: boolean;
  /** Included groups: the group id (Graph) or name (IntuneCD writes groupName), lowercased. */
  groups: string[];
  /** Excluded groups, the same way. */
  excludedGroups: string[];
  /** Some target carries an assignment filter, so it reaches only part of its group. */
  filtered: boolean;
}

/** A finding before it becomes a Diagnostic: ranges are offsets, severity a name. */
export interface Finding {
  code: string;
  severity: SeverityName;
  message: string;
  range: OffsetRange;
  href?: string;
  related?: RelatedLocation[];
  /** What would fix it, in terms of the model (set by the rule; no text). */
  fix?: Fix;
  /** The fix as text edits for this document's format (rendered by its adapter; absent where the format cannot express it). */
  data?: FixData;
  /**
   * The catalog paths (CatalogNode.path) of the settings this finding is about, present or
   * missing, so a client links a diagnostic to a setting without reading its message (the
   * checklist view). Set by the rule for a missing setting; filled in from the entry the
   * finding stands on otherwise (rules/runRules.ts).
   */
  paths?: string[];
}

/**
 * A fix as meaning: what to change in the model, never how the format spells it. Each format
 * adapter renders it into text edits for its own syntax (FormatAdapter.renderFix) or renders none.
 */
export type Fix =
  | { kind: 'set-value'; title: string; setting: PolicySetting; value: boolean | number | string }
  | { kind: 'set-type'; title: string; setting: PolicySetting; type: ValueType }
  /** The written OMA-URI names no node: `path` is the one meant. */
  | { kind: 'correct-path'; title: string; setting: PolicySetting; path: string; settingsCatalogId?: string }
  /** The node is deprecated: `path` is its successor. */
  | { kind: 'use-successor'; title: string; setting: PolicySetting; path: string; settingsCatalogId?: string }
  /** The OMA-URI's tenant segment (`segment`, a document range inside it) becomes the {TenantId} placeholder. */
  | { kind: 'use-tenant-placeholder'; title: string; setting: PolicySetting; segment: OffsetRange }
  /** The file's tenant id becomes `tenantId` (written where there is none). */
  | { kind: 'set-tenant-id'; title: string; tenantId: string }
  | { kind: 'add-setting'; title: string; node: CatalogNode; value: boolean | number | string }
  | { kind: 'set-group-policy-state'; title: string; entry: GroupPolicyEntry; state: 'enabled' | 'disabled' }
  | { kind: 'rename-group-policy'; title: string; entry: GroupPolicyEntry; name: string };

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
  /**
   * Format facts rules need, set by the adapter so rules never ask which format they read.
   * onlyWhfbSettings: every OMA-URI in the file is meant to name a catalog node (our policy file;
   * exports and text mix WHfB with other CSPs). admxAsChoice: an ADMX-backed policy is written as a
   * Settings Catalog choice (option 1/0), not as its <enabled/> payload. substitutesTenantId: the
   * file's tools replace {TenantId} with its tenantId (Intune does not).
   */
  onlyWhfbSettings?: boolean;
  admxAsChoice?: boolean;
  substitutesTenantId?: boolean;
  /**
   * 'tenant-wide': the file is (or holds) the Intune tenant-wide Windows Hello for Business
   * enrollment policy, applied to all devices at enrollment only, and usually disabled while a
   * profile assigned to a group enables Windows Hello for Business (configure guide, "Configure
   * Windows Hello for Business using Microsoft Intune"). Several guides rest on it ("If the Intune
   * tenant-wide policy is enabled and configured to your needs..."), so the trust and enablement
   * rules and the workspace's cross-file rules tell it from a profile. Absent: a profile, an intent
   * or a policy file (assigned to groups).
   */
  policyScope?: 'tenant-wide';
  /** The policy's assignments where the file holds them (Graph and IntuneCD exports); absent: unknown. */
  audience?: PolicyAudience;
}
