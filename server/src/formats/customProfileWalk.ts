/**
 * Reads the OMA settings of one Graph windows10CustomConfiguration (custom profile) from its AstNode
 * tree, JSON or YAML alike: omaSettings[] of { @odata.type, displayName, omaUri, value }.
 * Encrypted values come back from Graph as "****"; they are kept as written (a rule flags them).
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import type { Finding, Located, PolicySetting, ValueType } from '../model/types';
import { normalizeValueType } from '../model/values';
import type { CspScope } from '../catalog/cspScope';
import { property, propertyEntry, type AstNode, type AstString } from './jsonAst';

export function readCustomProfile(
  root: AstNode,
  catalog: CatalogIndex,
  scope: CspScope,
  ignoredCodesAt: (offsets: number[]) => string[],
): { settings: PolicySetting[]; findings: Finding[]; name?: Located<string> } {
  const settings: PolicySetting[] = [];
  const findings: Finding[] = [];
  if (root.kind !== 'object') {
    findings.push(finding('WHFB002', root.range, l10n.t('A custom configuration profile is an object with an "omaSettings" list.')));
    return { settings, findings };
  }
  const nameNode = property(root, 'displayName');
  const name = nameNode?.kind === 'string' ? located(nameNode) : undefined;

  const list = propertyEntry(root, 'omaSettings');
  if (!list) {
    findings.push(finding('WHFB002', { start: root.range.start, end: root.range.start + 1 }, l10n.t('The profile has no "omaSettings" list.')));
    return { settings, findings, name };
  }
  if (list.value.kind === 'null') return { settings, findings, name };
  if (list.value.kind !== 'array') {
    findings.push(finding('WHFB002', list.value.range, l10n.t('"omaSettings" must be a list of { @odata.type, omaUri, value } objects.')));
    return { settings, findings, name };
  }
  for (const item of list.value.items) {
    const setting = readOmaSetting(item, settings.length, catalog, scope, findings);
    if (!setting) continue;
    setting.ignoredCodes = ignoredCodesAt([item.range.start]);
    settings.push(setting);
  }
  return { settings, findings, name };
}

function readOmaSetting(item: AstNode, index: number, catalog: CatalogIndex, scope: CspScope, findings: Finding[]): PolicySetting | undefined {
  if (item.kind !== 'object') {
    findings.push(finding('WHFB002', item.range, l10n.t('Each entry of "omaSettings" must be an object with "omaUri" and "value".')));
    return undefined;
  }
  const uriNode = property(item, 'omaUri');
  if (uriNode?.kind !== 'string') {
    findings.push(finding('WHFB002', uriNode?.range ?? item.range, l10n.t('The OMA setting has no "omaUri" string.')));
    return undefined;
  }
  // Settings of CSPs the catalog does not cover (Defender, BitLocker, ...) are outside our checks.
  if (!scope.coversOmaUri(uriNode.value)) return undefined;

  const setting: PolicySetting = {
    index,
    range: item.range,
    omaUri: { ...located(uriNode), keyRange: propertyEntry(item, 'omaUri')?.keyRange },
    node: catalog.resolve(uriNode.value).node,
    ignoredCodes: [],
  };
  const typeNode = property(item, '@odata.type');
  if (typeNode?.kind === 'string') {
    setting.type = { ...located(typeNode), normalized: normalizeValueType(typeNode.value) };
  } else {
    findings.push(finding('WHFB002', item.range, l10n.t('The OMA setting has no "@odata.type" (#microsoft.graph.omaSettingBoolean, ...Integer or ...String).')));
  }
  const nameNode = property(item, 'displayName');
  if (nameNode?.kind === 'string') setting.name = located(nameNode);

  const valueEntry = propertyEntry(item, 'value');
  if (valueEntry && (valueEntry.value.kind === 'object' || valueEntry.value.kind === 'array')) {
    findings.push(finding('WHFB002', valueEntry.value.range, l10n.t('The OMA setting "value" must be a boolean, a number or a string.')));
  } else if (valueEntry) {
    setting.value = readValue(valueEntry.value, setting.type?.normalized, valueEntry.keyRange);
  }
  return setting;
}

/** Graph writes booleans and integers as JSON values; IntuneCD and hand-written files sometimes quote them. */
function readValue(node: AstNode, type: ValueType | undefined, keyRange: Located<unknown>['keyRange']): Located<unknown> | undefined {
  switch (node.kind) {
    case 'string': {
      let value: unknown = node.value;
      if (type === 'int' && /^-?\d+$/.test(node.value.trim())) value = Number(node.value.trim());
      if (type === 'bool' && /^(?:true|false)$/i.test(node.value.trim())) value = node.value.trim().toLowerCase() === 'true';
      return { value, range: node.valueRange, keyRange };
    }
    case 'number':
    case 'boolean':
      return { value: node.value, range: node.range, keyRange };
    default:
      return undefined;
  }
}

function located(node: AstString): Located<string> {
  return { value: node.value, range: node.valueRange };
}
