/**
 * Completion in Intune Settings Catalog exports (Graph JSON and IntuneCD YAML), the same help the
 * policy file gets (issue 12 point 2): a `settingDefinitionId` from the catalog, narrowed to the CSP
 * areas the policy already configures; a choice value (`<id>_<option>`) with each option's meaning;
 * a simple value with its range and default. Context comes from the line being typed and the keys
 * above it, so an instance still being written (not yet in the model) gets help too.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import type { OffsetRange, PolicyModel } from '../model/types';
import { settingAt } from './context';
import { markdownCode, markdownText } from './markdownText';
import { nodeMarkdown } from './nodeDocs';
import { isSettable } from './settingEntry';

export interface CatalogCursor {
  text: string;
  offset: number;
  lineStart: number;
  lineEnd: number;
  /** Text of the line before the cursor. */
  before: string;
}

/**
 * One completion, free of LSP shapes (features/completion.ts turns it into a CompletionItem):
 * `replace` is the document offsets the text replaces.
 */
export interface ExportCompletion {
  label: string;
  kind: 'property' | 'option' | 'value';
  detail?: string;
  sortText: string;
  filterText?: string;
  documentation?: string;
  replace: OffsetRange;
  newText: string;
  deprecated?: boolean;
}

type CompletionItem = ExportCompletion;
type Range = OffsetRange;

/** `"settingDefinitionId": "dev` (JSON) or `settingDefinitionId: dev` (YAML), the id typed so far. */
const ID_KEY = /(["']?)settingDefinitionId\1\s*:\s*(["']?)([^"'\s,]*)$/;
/** `"value": "device_..._` or `value: 4`, the value typed so far. */
const VALUE_KEY = /(["']?)value\1\s*:\s*(["']?)([^"'\s,]*)$/;

export function isSettingsCatalogFormat(format: string): boolean {
  return format === 'settings-catalog-json' || format === 'settings-catalog-yaml';
}

export function isCustomProfileFormat(format: string): boolean {
  return format === 'custom-profile-json' || format === 'custom-profile-yaml';
}

/** A custom profile's `value`: the node's default, range bounds or options (a bool: true/false, as JSON writes it). */
export function customProfileCompletions(cursor: CatalogCursor, model: PolicyModel | undefined): CompletionItem[] | undefined {
  const value = VALUE_KEY.exec(cursor.before);
  if (!value) return undefined;
  const node = model ? settingAt(model, cursor.offset)?.node : undefined;
  if (!node) return [];
  const range = tokenRange(cursor, value[3], Boolean(value[2]));
  if (node.format === 'bool') {
    return ['true', 'false'].map((option, index) => ({
      label: option,
      kind: 'value' as const,
      detail: defaultNote(node, option),
      sortText: `${defaultNote(node, option) ? '0' : '1'}${index}`,
      replace: range,
      newText: option,
    }));
  }
  return simpleValueItems(node, range);
}

export function settingsCatalogCompletions(cursor: CatalogCursor, model: PolicyModel | undefined, catalog: CatalogIndex): CompletionItem[] | undefined {
  const id = ID_KEY.exec(cursor.before);
  if (id) return settingIdItems(cursor, model, catalog, id[3], Boolean(id[2]));
  const value = VALUE_KEY.exec(cursor.before);
  if (!value) return undefined;
  const node = instanceNode(cursor, model, catalog);
  if (!node) return [];
  const typed = value[3];
  const range = tokenRange(cursor, typed, Boolean(value[2]));
  return enclosingValueKey(cursor.text, cursor.offset) === 'choiceSettingValue'
    ? choiceItems(node, range, Boolean(value[2]) || cursor.text.charAt(cursor.offset) === '"')
    : simpleValueItems(node, range);
}

/** The typed token and the rest of it after the cursor (up to a quote, comma or line end). */
function tokenRange(cursor: CatalogCursor, typed: string, quoted: boolean): Range {
  let end = cursor.offset;
  const stop = quoted ? /["'\r\n]/ : /[\s,}"'\]]/;
  while (end < cursor.lineEnd && !stop.test(cursor.text.charAt(end))) end += 1;
  return { start: cursor.offset - typed.length, end };
}

/** The CSP areas (PassportForWork, Policy/Kerberos, ...) the policy's settings belong to. */
function areasOf(model: PolicyModel | undefined): Set<string> {
  const areas = new Set<string>();
  for (const setting of model?.settings ?? []) if (setting.node) areas.add(areaKey(setting.node));
  return areas;
}

function areaKey(node: CatalogNode): string {
  return node.area ? `${node.csp}/${node.area}` : node.csp;
}

function settingIdItems(cursor: CatalogCursor, model: PolicyModel | undefined, catalog: CatalogIndex, typed: string, quoted: boolean): CompletionItem[] {
  const range = tokenRange(cursor, typed, quoted);
  const areas = areasOf(model);
  const present = new Set((model?.settings ?? []).filter((setting) => !settingAtCursor(setting.range, cursor.offset)).map((setting) => setting.node?.path));
  const candidates = catalog.nodes.filter((node) => isSettable(node) && node.settingsCatalogId && !present.has(node.path));
  const inAreas = areas.size > 0 ? candidates.filter((node) => areas.has(areaKey(node))) : candidates;
  // Nothing of the policy's own areas left (or a typed id outside them): every covered setting.
  const offered = inAreas.length > 0 && (!typed || inAreas.some((node) => node.settingsCatalogId.startsWith(typed.toLowerCase()))) ? inAreas : candidates;
  return offered.map((node) => ({
    label: node.settingsCatalogId,
    kind: 'property' as const,
    detail: `${node.name} · ${node.format} · ${node.scope}`,
    sortText: `${node.deprecated ? '1' : '0'}${node.settingsCatalogId}`,
    filterText: node.settingsCatalogId,
    documentation: nodeMarkdown(node, { brief: true }),
    replace: range,
    newText: node.settingsCatalogId,
    ...(node.deprecated ? { deprecated: true } : {}),
  }));
}

function settingAtCursor(range: { start: number; end: number }, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

/** The node of the instance at the cursor: from the model, else the nearest settingDefinitionId above. */
function instanceNode(cursor: CatalogCursor, model: PolicyModel | undefined, catalog: CatalogIndex): CatalogNode | undefined {
  const setting = model ? settingAt(model, cursor.offset) : undefined;
  if (setting?.node) return setting.node;
  const above = cursor.text.slice(Math.max(0, cursor.offset - 4000), cursor.offset);
  const pattern = /settingDefinitionId["']?\s*:\s*["']?([\w{}-]+)/g;
  let last: string | undefined;
  for (let match = pattern.exec(above); match; match = pattern.exec(above)) last = match[1];
  return last ? catalog.bySettingsCatalogId(last) : undefined;
}

/** Which of choiceSettingValue / simpleSettingValue was opened last above the cursor. */
function enclosingValueKey(text: string, offset: number): 'choiceSettingValue' | 'simpleSettingValue' | undefined {
  const above = text.slice(Math.max(0, offset - 4000), offset);
  const choice = above.lastIndexOf('choiceSettingValue');
  const simple = above.lastIndexOf('simpleSettingValue');
  if (choice < 0 && simple < 0) return undefined;
  return choice > simple ? 'choiceSettingValue' : 'simpleSettingValue';
}

/** The options Intune offers for a choice: true/false for a bool, the DDF's enum, 1/0 for an ADMX policy. */
export function choiceOptions(node: CatalogNode): { option: string; meaning: string }[] {
  if (node.allowed?.kind === 'enum') return node.allowed.values.map((item) => ({ option: node.format === 'bool' ? item.value.toLowerCase() : item.value, meaning: item.description }));
  if (node.format === 'bool') return [{ option: 'true', meaning: 'Enabled' }, { option: 'false', meaning: 'Disabled' }];
  if (node.allowed?.kind === 'admx') return [{ option: '1', meaning: 'Enabled' }, { option: '0', meaning: 'Disabled' }];
  return [];
}

function defaultNote(node: CatalogNode, value: string): string | undefined {
  const sources = node.defaults.filter((item) => item.value.trim().toLowerCase() === value.toLowerCase()).map((item) => (item.source === 'ddf' ? 'DDF' : l10n.t('guide')));
  return sources.length > 0 ? l10n.t('default ({0})', [...new Set(sources)].join(', ')) : undefined;
}

function choiceItems(node: CatalogNode, range: Range, quoted: boolean): CompletionItem[] {
  return choiceOptions(node).map(({ option, meaning }, index) => {
    const id = `${node.settingsCatalogId}_${option}`;
    const isDefault = defaultNote(node, option);
    const item: CompletionItem = {
      label: id,
      kind: 'option',
      detail: `${option}: ${oneLine(meaning)}${isDefault ? ` · ${isDefault}` : ''}`,
      sortText: `${isDefault ? '0' : '1'}${String(index).padStart(3, '0')}`,
      filterText: id,
      documentation: `**${markdownText(node.name)}** = ${markdownCode(option)}: ${markdownText(meaning)}`,
      replace: range,
      newText: quoted ? id : JSON.stringify(id),
    };
    return item;
  });
}

function simpleValueItems(node: CatalogNode, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  const add = (value: string, documentation: string) => {
    if (items.some((item) => item.label === value)) return;
    const isDefault = defaultNote(node, value);
    items.push({
      label: value,
      kind: 'value',
      detail: isDefault ?? undefined,
      sortText: `${isDefault ? '0' : '1'}${String(items.length).padStart(3, '0')}`,
      documentation,
      replace: range,
      newText: value,
    });
  };
  for (const item of node.defaults) add(item.value.trim(), l10n.t('The default of {0} ({1}: {2})', markdownText(node.name), item.source === 'ddf' ? 'DDF' : l10n.t('guide'), markdownText(item.note)));
  if (node.allowed?.kind === 'range') {
    add(String(node.allowed.min), l10n.t('Smallest value {0} allows ({1} to {2})', markdownText(node.name), node.allowed.min, node.allowed.max));
    add(String(node.allowed.max), l10n.t('Largest value {0} allows ({1} to {2})', markdownText(node.name), node.allowed.min, node.allowed.max));
  } else if (node.allowed?.kind === 'enum') {
    for (const option of node.allowed.values) add(option.value, markdownText(option.description));
  }
  return items;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
