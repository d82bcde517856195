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
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { Finding, Located, PolicyAudience, PolicyModel, PolicySetting, SourceFormat } from '../model/types';
import { astErrorFindings, emptyModel, graphPolicyItems, ignoredCodesAbove } from './adapterSupport';
import { cspScopeOf, type CspScope } from '../catalog/cspScope';
import { readCustomProfile } from './customProfileWalk';
import { parseJson, propertyEntry, type AstNode } from './jsonAst';
import { parseYamlAst } from './jsonAstFromYaml';
import { reparsedAfterTokenEdit } from './jsonAstEdit';
import { readSettingsCatalogPolicy, type SettingsWalk } from './settingsCatalogWalk';
import { readAudience } from './assignments';

export type PolicyShape = 'settings-catalog' | 'custom-profile';

export interface PolicyListResult {
  settings: PolicySetting[];
  findings: Finding[];
  /** The policy's name; in a list, the first WHfB policy's (the first named one when none has WHfB settings). */
  name?: Located<string>;
  /** Who the policy reaches; in a list, only when one policy holds WHfB settings (then it is that one's). */
  audience?: PolicyAudience;
  /** A single Settings Catalog policy's walk, for the next version's (settingsCatalogWalk.ts). */
  walk?: SettingsWalk;
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
  previousWalk?: SettingsWalk,
): PolicyListResult {
  const list = graphPolicyItems(root);
  if (!list) {
    // Only a single policy's walk is kept: a list renumbers its policies' settings afterwards.
    const single = expected === 'settings-catalog'
      ? readSettingsCatalogPolicy(root, catalog, scope, ignoredCodesAt, previousWalk)
      : READERS[expected](root, catalog, scope, ignoredCodesAt);
    const audience = readAudience(root);
    return audience ? { ...single, audience } : single;
  }

  const result: PolicyListResult = { settings: [], findings: [] };
  let policies = 0;
  let firstName: Located<string> | undefined;
  const audiences: (PolicyAudience | undefined)[] = [];
  for (const item of list.items) {
    const shape = policyShapeOf(item);
    if (!shape) continue;
    policies++;
    const policy = READERS[shape](item, catalog, scope, ignoredCodesAt);
    result.settings.push(...policy.settings);
    result.findings.push(...policy.findings);
    firstName ??= policy.name;
    if (policy.settings.length > 0) {
      result.name ??= policy.name;
      audiences.push(readAudience(item));
    }
  }
  // Settings of several policies share one model: an audience is known only when one policy has them.
  if (audiences.length === 1 && audiences[0]) result.audience = audiences[0];
  result.name ??= firstName;
  // Each reader numbers from 0; the model's index is the position in the whole file.
  result.settings.forEach((setting, index) => { setting.index = index; });
  if (policies === 0) {
    result.findings.push(finding('WHFB002', { start: list.range.start, end: list.range.start + 1 },
      l10n.t('The list holds no Settings Catalog policy (with "settings") and no custom profile (with "omaSettings").')));
  }
  return result;
}

/**
 * A Graph export's text (JSON, or the same object as IntuneCD YAML) as an AST: the model with any
 * syntax findings, the root when it parsed cleanly, and the `# whfb-ignore` codes above an offset
 * (JSON has no comments, so they exist only in the YAML form).
 */
export function readGraphText(text: string, format: SourceFormat, reusedRoot?: AstNode): { model: PolicyModel; root?: AstNode; ignoredCodesAt: (offsets: number[]) => string[] } {
  const model = emptyModel(format, text);
  const isYaml = format.endsWith('-yaml');
  const ignoredCodesAt = (offsets: number[]): string[] =>
    isYaml ? [...new Set(offsets.flatMap((offset) => ignoredCodesAbove(text, offset)))] : [];
  if (reusedRoot) return { model, root: reusedRoot, ignoredCodesAt };
  const parsed = isYaml ? parseYamlAst(text) : parseJson(text);
  model.findings.push(...astErrorFindings(parsed.errors));
  return parsed.root && parsed.errors.length === 0 ? { model, root: parsed.root, ignoredCodesAt } : { model, ignoredCodesAt };
}

/** A JSON export's AST and Settings Catalog walk, kept with its model for the next version's parse. */
interface GraphTextState {
  text: string;
  format: SourceFormat;
  catalog: CatalogIndex;
  root: AstNode;
  walk?: SettingsWalk;
}

const graphTextStates = new WeakMap<PolicyModel, GraphTextState>();

/**
 * A Graph export (JSON, or IntuneCD's YAML of the same objects) into the model: the one parse both
 * the Settings Catalog and the custom-profile adapters share; `shape` is the kind the file was
 * claimed as (each list item is still read by its own shape).
 */
export function parseGraphExport(text: string, format: SourceFormat, catalog: CatalogIndex, shape: PolicyShape, previous?: PolicyModel): PolicyModel {
  // YAML is parsed whole: its comments decide ignored codes, and only JSON has the token-edit reuse.
  const isJson = format.endsWith('-json');
  const state = previous && isJson ? graphTextStates.get(previous) : undefined;
  const reusable = state?.format === format && state.catalog === catalog ? state : undefined;
  const reusedRoot = reusable ? reparsedAfterTokenEdit(reusable.text, reusable.root, text) : undefined;
  const { model, root, ignoredCodesAt } = readGraphText(text, format, reusedRoot);
  // The Settings Catalog writes an ADMX-backed policy as a choice (option 1 or 0), not its <enabled/> payload.
  if (shape === 'settings-catalog') model.admxAsChoice = true;
  if (!root) return model;
  const document = readPolicyDocument(root, shape, catalog, cspScopeOf(catalog), ignoredCodesAt, reusedRoot ? reusable?.walk : undefined);
  model.settings = document.settings;
  model.findings.push(...document.findings);
  if (document.name) model.name = document.name;
  if (document.audience) model.audience = document.audience;
  if (isJson) graphTextStates.set(model, { text, format, catalog, root, walk: document.walk });
  return model;
}
