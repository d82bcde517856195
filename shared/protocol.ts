/**
 * The client/server protocol: the names of the server's custom messages and the shapes they carry.
 * Both sides import this module, so they spell each method the same way and agree on its types.
 * It imports nothing from the server's internals (only other shared/ modules and, for types, the
 * LSP types package), so the client bundle gets names and shapes, never the catalog, a parser or a
 * validator: everything that needs those runs in the server and answers through these requests.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Checklists, DeploymentModelId } from './checklists';

export type { Range } from 'vscode-languageserver-types';
export type { ChecklistItem, ChecklistSection, Checklists, DeploymentModelChecklist, DeploymentModelId } from './checklists';
/** Walking a checklist's items, the same on both sides. */
export { allItems, parentIds } from './checklists';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export type SourceFormat =
  | 'whfb-yaml'              // our policy file
  | 'settings-catalog-json'  // Graph deviceManagementConfigurationPolicy
  | 'settings-catalog-yaml'  // the same object as IntuneCD YAML
  | 'custom-profile-json'    // Graph windows10CustomConfiguration (omaSettings[])
  | 'custom-profile-yaml'    // the same as IntuneCD YAML
  | 'syncml'                 // OMA-DM SyncML XML
  | 'text'                   // OMA-URIs loose in Markdown, PowerShell or plain text
  | 'gpo-report-xml'         // Group Policy report (Get-GPOReport / Backup-GPO gpreport.xml)
  | 'registry-pol'           // Group Policy registry.pol, computer (Machine) policies
  | 'registry-pol-user'     // Group Policy registry.pol under User/: user policies
  | 'intent-json'            // Graph deviceManagementIntent (Endpoint security Account protection): settings, settingsDelta, <name>_Settings.json
  | 'intent-yaml'            // the same as IntuneCD YAML
  | 'whfb-enrollment-json'   // Graph deviceEnrollmentWindowsHelloForBusinessConfiguration (tenant-wide policy)
  | 'whfb-enrollment-yaml'   // the same as IntuneCD YAML
  | 'identity-protection-json' // Graph windowsIdentityProtectionConfiguration (Identity protection profile)
  | 'identity-protection-yaml' // the same as IntuneCD YAML
  | 'powershell'             // PowerShell that builds policies: OMA hashtables, Graph JSON in here-strings
  | 'dsc-powershell';        // Microsoft365DSC configurations and exports (.ps1/.psd1)

/** What the client's views need to know about a policy document. */
export interface PolicySummary {
  uri: string;
  format: SourceFormat;
  /** The checklist model the document's deployment block (or its settings) selects, if any. */
  deploymentModel?: DeploymentModelId;
  deployment?: { model?: string; trust?: string; authentication?: string; management?: string; range?: Range };
  tenantId?: string;
  settings: PolicySettingSummary[];
}

export interface PolicySettingSummary {
  index: number;
  /** Display label: the node name, or what was written when it resolves to nothing. */
  label: string;
  /** OMA-URI or settingDefinitionId as written. */
  written: string;
  /** Canonical catalog path when it resolves. */
  path?: string;
  csp?: string;
  /** Grouping key for the view: "PassportForWork/Policies", "PassportForWork/PINComplexity", "Policy/Kerberos", "Unknown". */
  group: string;
  scope?: 'device' | 'user';
  value?: string;
  range: Range;
  /** Codes of the diagnostics on this setting. */
  problems: { code: string; severity: SeverityName; message: string }[];
}

/**
 * A document as the editor holds it when a command runs. Commands send the text they act on, so
 * the answer is about exactly that text even in a document the server does not synchronise.
 */
export interface DocumentText {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

// --- whfb/policySummary, whfb/policySummaryChanged -------------------------------------------

/** Answers PolicySummary | null. */
export const POLICY_SUMMARY_REQUEST = 'whfb/policySummary';
/** Sent by the server when a document's summary may have changed; the client asks again. */
export const POLICY_SUMMARY_CHANGED_NOTIFICATION = 'whfb/policySummaryChanged';
/** Params of both the request and the notification. */
export interface PolicySummaryParams { uri: string }

// --- whfb/catalogItems: the Insert setting pick list ------------------------------------------

/** No params; answers CatalogItem[]: every settable node, deprecated last, then by path. */
export const CATALOG_ITEMS_REQUEST = 'whfb/catalogItems';
export interface CatalogItem {
  /** Canonical OMA-URI of the node ("./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork"). */
  path: string;
  name: string;
  /** One line: what the node does (with "deprecated", "user scope" where they apply). */
  detail: string;
  deprecated: boolean;
  /** The policy file's `type` for it (bool, int, string...), and its default where the DDF or the guides give one. */
  type?: string;
  defaultValue?: string;
}

// --- whfb/planInsertSetting: the entry Insert setting writes ----------------------------------

export const PLAN_INSERT_SETTING_REQUEST = 'whfb/planInsertSetting';
export interface PlanInsertSettingParams {
  document: DocumentText;
  /** Offset of the cursor in document.text. */
  offset: number;
  /** Catalog path of the node picked (CatalogItem.path). */
  path: string;
}
/**
 * Offsets into the text sent; `snippet` is a VS Code snippet (value as a tab stop or choice),
 * already indented relative to the line it starts on. `error` says why nothing can be inserted.
 */
export type PlanInsertSettingResult = { start: number; end: number; snippet: string } | { error: string };

// --- whfb/referenceAt: what Open reference opens ----------------------------------------------

export const REFERENCE_AT_REQUEST = 'whfb/referenceAt';
/**
 * Either the setting under the cursor of a document (an OMA-URI, a Settings Catalog id, a Group
 * Policy name; else the links of the hover there), or a setting of the settings view.
 */
export type ReferenceAtParams =
  | { document: DocumentText; position: { line: number; character: number } }
  | { setting: { path?: string; written: string } };
export interface ReferenceLink {
  /** 'csp': a node's CSP reference page; 'guide': a deployment guide section; 'hover': a link of the hover there. */
  kind: 'csp' | 'guide' | 'hover';
  title: string;
  href: string;
}
/** Answers ReferenceLink[] (empty when nothing is known there). */
export type ReferenceAtResult = ReferenceLink[];

// --- whfb/checklists, whfb/policyTemplate: the generated guide data ---------------------------

/** No params; answers Checklists (the deployment checklist of every model). */
export const CHECKLISTS_REQUEST = 'whfb/checklists';
export type ChecklistsResult = Checklists;

/** Answers the model's policy skeleton (YAML text), or null when the build has none. */
export const POLICY_TEMPLATE_REQUEST = 'whfb/policyTemplate';
export interface PolicyTemplateParams { model: DeploymentModelId }

// --- whfb/effectiveConfiguration: the settings view's workspace mode -------------------------

/**
 * No params; answers EffectiveConfiguration: per setting, the value each indexed policy file of the
 * workspace sets and which applies. Sent by the server when it may have changed:
 * EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION (no params).
 */
export const EFFECTIVE_CONFIGURATION_REQUEST = 'whfb/effectiveConfiguration';
export const EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION = 'whfb/effectiveConfigurationChanged';

export interface EffectiveSettingSource {
  uri: string;
  /** How the view names the file (its path relative to the workspace folder). */
  file: string;
  channel: 'mdm' | 'group-policy';
  value: string;
  range: Range;
  /** The file is Intune's tenant-wide Windows Hello for Business policy. */
  tenantWide: boolean;
}

export interface EffectiveSetting {
  /** Canonical catalog path. */
  path: string;
  label: string;
  /** The same grouping as PolicySettingSummary.group. */
  group: string;
  scope: 'device' | 'user';
  sources: EffectiveSettingSource[];
  /** single: one file sets it; same: every file sets one value; wins: sources[winner] applies; conflict: Intune applies no value as written. */
  outcome: 'single' | 'same' | 'wins' | 'conflict';
  winner?: number;
}

export interface EffectiveConfiguration {
  /** How many policy files the server has indexed. */
  files: number;
  settings: EffectiveSetting[];
}
