/**
 * Admins save Graph responses as they come: one policy object, a list response
 * `{ "@odata.context": ..., "value": [ policy, ... ] }`, a top-level JSON array, or an IntuneCD-like
 * YAML list. Both the Settings Catalog and the custom-profile adapter read documents through here.
 *
 * In a list each item is read by its own shape (settings[] -> Settings Catalog, omaSettings[] ->
 * custom profile), so a list mixing both kinds loses nothing whichever adapter claimed the file;
 * items of any other kind (compliance policies, ...) are not ours and are passed over silently.
 * Settings of all policies land in one model: Intune applies every assigned policy together, so
 * the same setting with two values in two policies is a real conflict (WHFB150).
 */
import type { CatalogIndex } from '../catalog/index';
import { finding } from '../model/findings';
import type { Finding, Located, PolicySetting } from '../model/types';
import { graphPolicyItems } from './adapterSupport';
import type { CspScope } from './cspScope';
import { readCustomProfile } from './customProfileWalk';
import { propertyEntry, type AstNode } from './jsonAst';
import { readSettingsCatalogPolicy } from './settingsCatalogWalk';

export type PolicyShape = 'settings-catalog' | 'custom-profile';

export interface PolicyListResult {
  settings: PolicySetting[];
  findings: Finding[];
  /** The policy's name; in a list, the first WHfB policy's (the first named one when none has WHfB settings). */
  name?: Located<string>;
}

type Reader = (root: AstNode, catalog: CatalogIndex, scope: CspScope, ignoredCodesAt: (offsets: number[]) => string[]) => PolicyListResult;

const READERS: Record<PolicyShape, Reader> = {
  'settings-catalog': readSettingsCatalogPolicy,
  'custom-profile': readCustomProfile,
};

/** The shape of one list item, or undefined when it is no policy we read. */
export function policyShapeOf(item: AstNode): PolicyShape | undefined {
  if (propertyEntry(item, 'settings')) return 'settings-catalog';
  if (propertyEntry(item, 'omaSettings')) return 'custom-profile';
  return undefined;
}

/**
 * Reads every policy of the document. A single object is read as `expected` (its shape findings,
 * WHFB002, stay as they were); list items are read by their own shape.
 */
export function readPolicyDocument(
  root: AstNode,
  expected: PolicyShape,
  catalog: CatalogIndex,
  scope: CspScope,
  ignoredCodesAt: (offsets: number[]) => string[],
): PolicyListResult {
  const list = graphPolicyItems(root);
  if (!list) return READERS[expected](root, catalog, scope, ignoredCodesAt);

  const result: PolicyListResult = { settings: [], findings: [] };
  let policies = 0;
  let firstName: Located<string> | undefined;
  for (const item of list.items) {
    const shape = policyShapeOf(item);
    if (!shape) continue;
    policies++;
    const policy = READERS[shape](item, catalog, scope, ignoredCodesAt);
    result.settings.push(...policy.settings);
    result.findings.push(...policy.findings);
    firstName ??= policy.name;
    if (policy.settings.length > 0) result.name ??= policy.name;
  }
  result.name ??= firstName;
  // Each reader numbers from 0; the model's index is the position in the whole file.
  result.settings.forEach((setting, index) => { setting.index = index; });
  if (policies === 0) {
    result.findings.push(finding('WHFB002', { start: list.range.start, end: list.range.start + 1 },
      'The list holds no Settings Catalog policy (with "settings") and no custom profile (with "omaSettings").'));
  }
  return result;
}
