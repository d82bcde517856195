/**
 * Reads the settings of a Graph deviceManagementConfigurationPolicy (Settings Catalog or an
 * Endpoint security template such as Account protection) from its AstNode tree, JSON or YAML alike.
 *
 * settings[].settingInstance is a setting instance; an instance carries a choice value
 * (`<settingDefinitionId>_<option>`, possibly with children), a simple value, or a group collection
 * whose children are instances again. Group instances are containers (the PassportForWork tenant
 * node) and become no setting; their children do.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { finding } from '../model/findings';
import type { Finding, Located, PolicySetting, ValueType } from '../model/types';
import { normalizeValueType } from '../model/values';
import type { CspScope } from '../catalog/cspScope';
import { property, propertyEntry, type AstNode, type AstObject, type AstString } from './jsonAst';

/** Real policies nest two or three levels; anything deeper is hostile or broken. */
const MAX_INSTANCE_DEPTH = 32;

interface WalkContext {
  catalog: CatalogIndex;
  scope: CspScope;
  settings: PolicySetting[];
  findings: Finding[];
  /** Codes silenced for the setting being read (from comments above its list item). */
  ignoredCodesAt: (offsets: number[]) => string[];
  /** scope.coversSettingId by id: an export repeats a few ids thousands of times. */
  covered: Map<string, boolean>;
  /** catalog.bySettingsCatalogId by id as written (null for none), for the same reason. */
  nodes: Map<string, CatalogNode | null>;
}

/**
 * What the walk built from each entry of "settings", kept with the model: the next version's walk
 * takes an entry's settings and findings as they are when the entry is the same AST object
 * (jsonAstEdit.ts keeps every object an edit did not touch) and its first setting keeps its index.
 * The same setting objects let the rules keep their findings for them (rules/runRules.ts).
 */
export interface SettingsWalk {
  readonly items: readonly AstNode[];
  readonly settings: readonly PolicySetting[];
  readonly findings: readonly Finding[];
  /** Entry i built settings [settingStarts[i], settingStarts[i + 1]) and findings [findingStarts[i], findingStarts[i + 1]). */
  readonly settingStarts: Int32Array;
  readonly findingStarts: Int32Array;
}

export function readSettingsCatalogPolicy(
  root: AstNode,
  catalog: CatalogIndex,
  scope: CspScope,
  ignoredCodesAt: (offsets: number[]) => string[],
  previous?: SettingsWalk,
): { settings: PolicySetting[]; findings: Finding[]; name?: Located<string>; walk?: SettingsWalk } {
  const context: WalkContext = { catalog, scope, settings: [], findings: [], ignoredCodesAt, covered: new Map(), nodes: new Map() };
  if (root.kind !== 'object') {
    context.findings.push(finding('WHFB002', root.range, l10n.t('A Settings Catalog policy is an object with a "settings" list.')));
    return context;
  }
  const nameNode = property(root, 'name');
  const name = nameNode?.kind === 'string' ? locatedString(nameNode) : undefined;

  const settingsEntry = propertyEntry(root, 'settings');
  if (!settingsEntry) {
    context.findings.push(finding('WHFB002', { start: root.range.start, end: root.range.start + 1 }, l10n.t('The policy has no "settings" list.')));
    return { ...context, name };
  }
  if (settingsEntry.value.kind === 'null') return { ...context, name };
  if (settingsEntry.value.kind !== 'array') {
    context.findings.push(finding('WHFB002', settingsEntry.value.range, l10n.t('"settings" must be a list of { settingInstance } objects.')));
    return { ...context, name };
  }
  const items = settingsEntry.value.items;
  const settingStarts = new Int32Array(items.length + 1);
  const findingStarts = new Int32Array(items.length + 1);
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    settingStarts[index] = context.settings.length;
    findingStarts[index] = context.findings.length;
    if (previous?.items[index] === item && previous.settingStarts[index] === context.settings.length) {
      for (let at = previous.settingStarts[index]!; at < previous.settingStarts[index + 1]!; at++) context.settings.push(previous.settings[at]!);
      for (let at = previous.findingStarts[index]!; at < previous.findingStarts[index + 1]!; at++) context.findings.push(previous.findings[at]!);
      continue;
    }
    const instance = property(item, 'settingInstance');
    if (item.kind !== 'object' || instance?.kind !== 'object') {
      context.findings.push(finding('WHFB002', item.range, l10n.t('Each entry of "settings" needs a "settingInstance" object.')));
      continue;
    }
    readInstance(instance, context, 0, [item.range.start]);
  }
  settingStarts[items.length] = context.settings.length;
  findingStarts[items.length] = context.findings.length;
  const walk: SettingsWalk = { items, settings: context.settings, findings: context.findings, settingStarts, findingStarts };
  return { settings: context.settings, findings: context.findings, name, walk };
}

/**
 * `admxElement`: the instance is a child of an ADMX-backed choice. Such children are the ADMX
 * policy's elements (text boxes, lists, drop-downs); Intune writes them into the <enabled/><data .../>
 * payload of the parent's OMA-URI, so they are no CSP node of their own.
 */
function readInstance(instance: AstObject, context: WalkContext, depth: number, commentOffsets: number[], admxElement = false): void {
  if (depth > MAX_INSTANCE_DEPTH) {
    context.findings.push(finding('WHFB003', instance.range, l10n.t('Setting instances are nested more than {0} levels deep; the deeper ones are not checked.', MAX_INSTANCE_DEPTH)));
    return;
  }
  const idNode = property(instance, 'settingDefinitionId');
  if (idNode?.kind !== 'string') {
    context.findings.push(finding('WHFB002', idNode?.range ?? instance.range, l10n.t('The setting instance has no "settingDefinitionId" string.')));
    readGroupChildren(instance, context, depth, admxElement);
    return;
  }

  const choice = property(instance, 'choiceSettingValue');
  const simple = property(instance, 'simpleSettingValue');
  const isContainer = !choice && !simple && (property(instance, 'groupSettingCollectionValue') || property(instance, 'groupSettingValue'));

  const node = admxElement ? undefined : nodeOf(context, idNode.value);
  if (!isContainer && !admxElement && coversSettingId(context, idNode.value)) {
    // A parsed node builds its range each time it is asked (jsonAst.ts): asked once per setting here.
    const range = instance.range;
    const setting: PolicySetting = {
      index: context.settings.length,
      range,
      settingDefinitionId: { value: idNode.value, range: idNode.valueRange, keyRange: propertyEntry(instance, 'settingDefinitionId')?.keyRange },
      node,
      ignoredCodes: context.ignoredCodesAt([...commentOffsets, range.start]),
    };
    if (choice) readChoiceValue(choice, idNode, node, setting, context);
    else if (simple) readSimpleValue(simple, node, setting);
    context.settings.push(setting);
  }

  // Choice options can carry dependent settings (ADMX-backed policies, "enabled" sub-settings).
  const choiceChildren = property(choice, 'children');
  if (choiceChildren?.kind === 'array') readChildren(choiceChildren.items, context, depth, admxElement || node?.allowed?.kind === 'admx');
  readGroupChildren(instance, context, depth, admxElement);
}

function nodeOf(context: WalkContext, id: string): CatalogNode | undefined {
  let node = context.nodes.get(id);
  if (node === undefined) {
    node = context.catalog.bySettingsCatalogId(id) ?? null;
    context.nodes.set(id, node);
  }
  return node ?? undefined;
}

function coversSettingId(context: WalkContext, id: string): boolean {
  let covered = context.covered.get(id);
  if (covered === undefined) {
    covered = context.scope.coversSettingId(id);
    context.covered.set(id, covered);
  }
  return covered;
}

function readGroupChildren(instance: AstObject, context: WalkContext, depth: number, admxElements: boolean): void {
  const collection = property(instance, 'groupSettingCollectionValue');
  const groups = collection?.kind === 'array' ? collection.items : [];
  const single = property(instance, 'groupSettingValue');
  for (const group of single ? [...groups, single] : groups) {
    const children = property(group, 'children');
    if (children?.kind === 'array') readChildren(children.items, context, depth, admxElements);
  }
}

function readChildren(children: AstNode[], context: WalkContext, depth: number, admxElements = false): void {
  for (const child of children) {
    if (child.kind !== 'object') {
      context.findings.push(finding('WHFB002', child.range, l10n.t('A child setting instance must be an object.')));
      continue;
    }
    readInstance(child, context, depth + 1, [], admxElements);
  }
}

function readChoiceValue(choice: AstNode, idNode: AstString, node: CatalogNode | undefined, setting: PolicySetting, context: WalkContext): void {
  const valueNode = property(choice, 'value');
  if (valueNode?.kind !== 'string') return;
  const id = idNode.value;
  const prefixLength = id.length + 1;
  const valueRange = valueNode.valueRange;
  if (!startsWithOptionOf(valueNode.value, id)) {
    context.findings.push(finding('WHFB002', valueRange,
      l10n.t('The choice value "{0}" does not belong to the setting "{1}": it must be "{2}_<option>".', valueNode.value, id, id)));
    setting.value = { value: valueNode.value, range: valueRange };
    return;
  }
  const option = valueNode.value.slice(prefixLength);
  if (node && !takesChoice(node)) {
    // The Settings Catalog offers a choice only for a bool, an enumerated value or an ADMX policy;
    // a range or free value is a simple setting there, so this instance cannot be imported as is.
    const kind = node.format === 'int' ? 'an integer' : `a ${node.format}`;
    const valueType = node.format === 'int' ? 'IntegerSettingValue' : 'StringSettingValue';
    context.findings.push(finding('WHFB102', valueRange,
      l10n.t('{0} is {1} setting in the Settings Catalog, not a choice: write it as a simple setting instance (simpleSettingValue of type {2}) with value {3}.', node.name, kind, valueType, option)));
  }
  // Point at the option itself ("true" in "..._true"), so a quick fix can replace just that.
  const range = valueNode.verbatim
    ? { start: valueRange.start + prefixLength, end: valueRange.end }
    : valueRange;
  setting.value = { value: decodeOption(option, node), range };
}

/**
 * Whether `value` starts with `<id>_`, letter case aside: what
 * `value.toLowerCase().startsWith(`${id}_`.toLowerCase())` says, compared in place for ASCII text
 * (two lower-cased copies per instance of a 5 MB export were most of its walk's garbage).
 */
function startsWithOptionOf(value: string, id: string): boolean {
  if (value.length <= id.length) return startsWithIgnoringCase(value, id);
  for (let at = 0; at < id.length; at++) {
    const a = value.charCodeAt(at);
    const b = id.charCodeAt(at);
    // Outside ASCII, lower-casing may change a text's length: compare as lower-cased copies.
    if (a >= 0x80 || b >= 0x80) return startsWithIgnoringCase(value, id);
    if (a !== b && lowerAscii(a) !== lowerAscii(b)) return false;
  }
  // No character but "_" lower-cases to "_".
  return value.charCodeAt(id.length) === 0x5f /* _ */;
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function startsWithIgnoringCase(value: string, id: string): boolean {
  return value.toLowerCase().startsWith(`${id}_`.toLowerCase());
}

/** The kinds of node the Settings Catalog presents as a choice setting (option ids `<id>_<option>`). */
function takesChoice(node: CatalogNode): boolean {
  return node.format === 'bool' || node.allowed?.kind === 'enum' || node.allowed?.kind === 'admx';
}

function readSimpleValue(simple: AstNode, node: CatalogNode | undefined, setting: PolicySetting): void {
  const typeNode = property(simple, '@odata.type');
  const type = typeNode?.kind === 'string' ? simpleValueType(typeNode.value) : undefined;
  if (typeNode?.kind === 'string' && type) {
    setting.type = { value: typeNode.value, range: typeNode.valueRange, normalized: type };
  }
  const valueNode = property(simple, 'value');
  if (!valueNode || valueNode.kind === 'null' || valueNode.kind === 'object' || valueNode.kind === 'array') return;
  if (valueNode.kind === 'string') {
    const wantsInteger = type === 'int' || (!type && node?.format === 'int');
    const decoded = wantsInteger && /^-?\d+$/.test(valueNode.value) ? Number(valueNode.value) : valueNode.value;
    setting.value = { value: decoded, range: valueNode.valueRange };
    return;
  }
  setting.value = { value: valueNode.value, range: valueNode.range };
}

/** "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue" -> int. */
function simpleValueType(odataType: string): ValueType | undefined {
  const match = /deviceManagementConfiguration(\w+?)SettingValue$/i.exec(odataType);
  if (!match) return undefined;
  const kind = match[1]!.toLowerCase();
  if (kind === 'integer') return 'int';
  if (kind === 'string' || kind === 'secret' || kind === 'reference') return 'string';
  return normalizeValueType(kind);
}

/** The option of a choice value, typed by the node's DDF format where the node is known. */
function decodeOption(option: string, node: CatalogNode | undefined): unknown {
  const lower = option.toLowerCase();
  const format = node?.format;
  if ((format === 'bool' || format === undefined) && (lower === 'true' || lower === 'false')) return lower === 'true';
  if ((format === 'int' || format === undefined) && /^-?\d+$/.test(option)) return Number(option);
  return option;
}

function locatedString(node: AstString): Located<string> {
  return { value: node.value, range: node.valueRange };
}
