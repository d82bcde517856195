/**
 * Completion. In every format: OMA-URIs segment by segment wherever one is being typed ("./...").
 * In the policy file: keys from the schema, deployment enum values, `type` and `value` from the
 * entry's node, Group Policy names, and whole-setting snippets. Context comes from the line being
 * typed plus the model of this version (never a re-parse of the whole file).
 */
import * as l10n from '@vscode/l10n';
import { graphCompletions, type GraphCompletion } from './graphCompletion';
import { nodeTexts } from '../catalog/catalog';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { isSettable, policyYamlEntry } from '../formats/settingEntry';
import type { PolicyModel, SourceFormat } from '../model/types';
import { policyFileTypeName, valueTypeForFormat } from '../model/values';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from '../lsp/protocolTypes';
import { settingAt, type FeatureContext } from './context';
import { nodeMarkdown } from './nodeDocs';
import { powershellCompletions } from './powershellCompletion';
import { schemaProperties, type SchemaScope } from './policySchemaInfo';
import { snippetCompletions } from './snippetCompletions';
import { customProfileCompletions, isCustomProfileFormat, isSettingsCatalogFormat, settingsCatalogCompletions, type ExportCompletion } from './settingsCatalogCompletion';

const TRIGGER_SUGGEST = { title: 'Next segment', command: 'editor.action.triggerSuggest' };

interface Cursor {
  text: string;
  offset: number;
  line: number;
  lineStart: number;
  lineEnd: number;
  /** Text of the line before the cursor. */
  before: string;
  range: (start: number, end: number) => Range;
}

export function completionsAt(context: FeatureContext, position: Position): CompletionList {
  const { entry, catalog } = context;
  const lines = entry.lines();
  const offset = lines.offsetAt(position);
  const lineStart = lines.lineStart(position.line);
  const cursor: Cursor = {
    text: entry.text,
    offset,
    line: position.line,
    lineStart,
    lineEnd: lines.lineEnd(position.line),
    before: entry.text.slice(lineStart, offset),
    range: (start, end) => lines.range({ start, end }),
  };
  const omaUri = omaUriCompletions(cursor, catalog);
  if (omaUri) return { isIncomplete: false, items: omaUri };
  const graph = entry.format ? graphCompletions(entry.format, cursor, catalog) : undefined;
  if (graph) return { isIncomplete: false, items: graph.map((item) => graphItem(item, cursor)) };
  if ((entry.format === 'powershell' || entry.format === 'dsc-powershell') && entry.model) {
    const items = powershellCompletions(cursor, entry.model, catalog).map((item): CompletionItem => ({
      label: item.label,
      kind: item.kind === 'value' ? CompletionItemKind.EnumMember : CompletionItemKind.Property,
      detail: item.detail,
      sortText: item.sortText,
      documentation: item.documentation === undefined ? undefined : { kind: 'markdown', value: item.documentation },
      textEdit: { range: cursor.range(item.replaceFrom, offset), newText: item.newText },
    }));
    return { isIncomplete: false, items };
  }
  // The guides' snippets, only where a policy, a setting or a Group Policy entry can start.
  const snippets = guideSnippetItems(entry.format, cursor);
  if (isSettingsCatalogFormat(entry.format ?? '')) return { isIncomplete: false, items: [...exportItems(cursor, settingsCatalogCompletions(cursor, entry.model, catalog)), ...snippets] };
  if (isCustomProfileFormat(entry.format ?? '')) return { isIncomplete: false, items: [...exportItems(cursor, customProfileCompletions(cursor, entry.model)), ...snippets] };
  if (entry.format !== 'whfb-yaml' || !entry.model) return { isIncomplete: false, items: snippets };
  return { isIncomplete: false, items: [...policyFileCompletions(cursor, entry.model, catalog), ...snippets] };
}

const GRAPH_KINDS = { property: CompletionItemKind.Property, member: CompletionItemKind.EnumMember, value: CompletionItemKind.Value } as const;

/** A Graph property, enum member or intent id (graphCompletion.ts) as an LSP item. */
function graphItem(item: GraphCompletion, cursor: Cursor): CompletionItem {
  return {
    label: item.label,
    kind: GRAPH_KINDS[item.kind],
    detail: item.detail,
    ...(item.documentation ? { documentation: { kind: 'markdown', value: item.documentation } } : {}),
    textEdit: { range: cursor.range(item.replace.start, item.replace.end), newText: item.label },
  };
}

const EXPORT_KINDS = { property: CompletionItemKind.Property, option: CompletionItemKind.EnumMember, value: CompletionItemKind.Value } as const;

/** The exports' completions (features/settingsCatalogCompletion.ts) in LSP shape. */
function exportItems(cursor: Cursor, found: ExportCompletion[] | undefined): CompletionItem[] {
  return (found ?? []).map((item) => ({
    label: item.label,
    kind: EXPORT_KINDS[item.kind],
    sortText: item.sortText,
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.filterText ? { filterText: item.filterText } : {}),
    ...(item.documentation ? { documentation: { kind: 'markdown' as const, value: item.documentation } } : {}),
    textEdit: { range: cursor.range(item.replace.start, item.replace.end), newText: item.newText },
    ...(item.deprecated ? { deprecated: true, tags: [1 as const] } : {}),
  }));
}

// ---------------------------------------------------------------------------------------------
// OMA-URIs, segment by segment

const OMA_URI_BEFORE = /(\.\/[^\s"'`<>,;|()[\]]*)$/;

function omaUriCompletions(cursor: Cursor, catalog: CatalogIndex): CompletionItem[] | undefined {
  const match = OMA_URI_BEFORE.exec(cursor.before);
  if (!match) return undefined;
  const typed = match[1];
  const slash = typed.lastIndexOf('/');
  const prefix = typed.slice(0, slash + 1);
  const partialStart = cursor.offset - (typed.length - slash - 1);
  // The rest of the segment after the cursor is replaced too.
  let partialEnd = cursor.offset;
  while (partialEnd < cursor.lineEnd && !/[\s/"'`<>,;|()[\]]/.test(cursor.text[partialEnd])) partialEnd += 1;
  const range = cursor.range(partialStart, partialEnd);
  return catalog.nextSegments(prefix).map((segment, index) => {
    const continues = segment.interior || segment.dynamic;
    const item: CompletionItem = {
      label: segment.segment,
      kind: continues ? CompletionItemKind.Folder : CompletionItemKind.Property,
      sortText: `${segment.dynamic ? '0' : continues ? '1' : '2'}${String(index).padStart(4, '0')}`,
      filterText: segment.segment,
      textEdit: { range, newText: continues ? `${segment.segment}/` : segment.segment },
    };
    if (continues) item.command = TRIGGER_SUGGEST;
    if (segment.dynamic) item.detail = l10n.t('Your Entra tenant id (tenantId stands for it)');
    else if (segment.node) {
      item.detail = segment.interior ? l10n.t('{0} node', segment.node.csp) : `${segment.node.format} · ${segment.node.scope}`;
      item.documentation = { kind: 'markdown', value: nodeMarkdown(segment.node, { brief: true }) };
      if (segment.node.deprecated) {
        item.deprecated = true;
        item.tags = [1];
      }
    }
    return item;
  });
}

// ---------------------------------------------------------------------------------------------
// The policy file

type Section = 'root' | 'deployment' | 'settings' | 'groupPolicy' | 'other';

/** The top-level key whose block holds `offset`: the nearest column-0 key above it. */
function sectionAt(cursor: Cursor, model: PolicyModel): Section {
  if (settingAt(model, cursor.offset)) return 'settings';
  let end = cursor.lineStart - 1;
  while (end > 0) {
    const start = cursor.text.lastIndexOf('\n', end - 1) + 1;
    const first = cursor.text.charAt(start);
    if (first && !/[\s#-]/.test(first)) {
      const key = /^([A-Za-z]+)\s*:/.exec(cursor.text.slice(start, end))?.[1];
      if (key === 'deployment') return 'deployment';
      if (key === 'settings') return 'settings';
      if (key === 'groupPolicy') return 'groupPolicy';
      return 'other';
    }
    end = start - 1;
  }
  return 'other';
}

const KEY_POSITION = /^(\s*)(-\s+)?([A-Za-z]*)$/;
const VALUE_POSITION = /^(\s*)(-\s+)?([A-Za-z]+)\s*:\s*(\S*)$/;

function policyFileCompletions(cursor: Cursor, model: PolicyModel, catalog: CatalogIndex): CompletionItem[] {
  const valueMatch = VALUE_POSITION.exec(cursor.before);
  const keyMatch = valueMatch ? undefined : KEY_POSITION.exec(cursor.before);
  const indent = (valueMatch ?? keyMatch)?.[1].length ?? 0;
  const section: Section = indent === 0 && !(valueMatch ?? keyMatch)?.[2] ? 'root' : sectionAt(cursor, model);

  if (valueMatch) {
    const key = valueMatch[3];
    const typed = valueMatch[4];
    const valueStart = cursor.offset - typed.length;
    const valueEnd = trimmedLineEnd(cursor);
    const range = cursor.range(valueStart, Math.max(cursor.offset, valueEnd));
    switch (section) {
      case 'root': return enumItems('root', key, range);
      case 'deployment': return enumItems('deployment', key, range);
      case 'groupPolicy':
        if (key === 'policy') return groupPolicyNameItems(catalog, range);
        return enumItems('group-policy-entry', key, range);
      case 'settings': return settingValueItems(cursor, model, catalog, key, range);
      default: return [];
    }
  }
  if (!keyMatch) return [];
  const typedKey = keyMatch[3];
  const keyRange = cursor.range(cursor.offset - typedKey.length, cursor.offset);
  switch (section) {
    case 'root': return keyItems('root', keyRange, presentTopLevelKeys(model));
    case 'deployment': return keyItems('deployment', keyRange, presentDeploymentKeys(model));
    case 'groupPolicy': return keyItems('group-policy-entry', keyRange, new Set());
    case 'settings': {
      const items = keyItems('settings-entry', keyRange, presentEntryKeys(cursor, model));
      // A new entry: offer whole settings too.
      if (keyMatch[2] || cursor.before.trim() === '' || typedKey.length > 0) items.push(...settingSnippets(catalog, keyRange, Boolean(keyMatch[2])));
      return items;
    }
    default: return [];
  }
}

function trimmedLineEnd(cursor: Cursor): number {
  let end = cursor.lineEnd;
  const comment = cursor.text.slice(cursor.offset, end).search(/\s#/);
  if (comment >= 0) end = cursor.offset + comment;
  while (end > cursor.offset && /\s/.test(cursor.text[end - 1])) end -= 1;
  return end;
}

function presentTopLevelKeys(model: PolicyModel): Set<string> {
  const present = new Set<string>();
  if (model.formatVersion) present.add('whfb');
  if (model.name) present.add('name');
  if (model.tenantId) present.add('tenantId');
  if (model.deployment) present.add('deployment');
  if (model.settingsKey) present.add('settings');
  if (model.groupPolicy.length > 0) present.add('groupPolicy');
  return present;
}

function presentDeploymentKeys(model: PolicyModel): Set<string> {
  const present = new Set<string>();
  const deployment = model.deployment;
  if (!deployment) return present;
  for (const key of ['model', 'trust', 'join', 'authentication', 'management', 'minimumOsBuild'] as const) {
    if (deployment[key]) present.add(key);
  }
  return present;
}

function presentEntryKeys(cursor: Cursor, model: PolicyModel): Set<string> {
  const present = new Set<string>();
  const setting = settingAt(model, cursor.offset);
  if (!setting) return present;
  if (setting.omaUri) present.add('omaUri');
  if (setting.type) present.add('type');
  if (setting.value) present.add('value');
  if (setting.name) present.add('name');
  return present;
}

function keyItems(scope: SchemaScope, range: Range, present: Set<string>): CompletionItem[] {
  return schemaProperties(scope)
    .filter((property) => !present.has(property.key))
    .map((property, index) => {
      const block = scope === 'root' && (property.key === 'deployment' || property.key === 'settings' || property.key === 'groupPolicy');
      const newText = block ? (property.key === 'deployment' ? `${property.key}:\n  ` : `${property.key}:\n  - `) : `${property.key}: `;
      const item: CompletionItem = {
        label: property.key,
        // What the key is, beside it: the list's items differ in more than their first letters.
        ...(property.description ? { labelDetails: { description: shortDescription(property.description) } } : {}),
        kind: CompletionItemKind.Property,
        sortText: `${property.required ? '0' : '1'}${String(index).padStart(3, '0')}`,
        textEdit: { range, newText },
      };
      if (property.description) item.documentation = { kind: 'markdown', value: property.description };
      if (block || property.enum) item.command = TRIGGER_SUGGEST;
      return item;
    });
}

/** The first clause of a schema description, short enough for the list ("Optional: how the devices are joined." -> "how the devices are joined"). */
function shortDescription(markdown: string): string {
  const text = markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '').replace(/^(Optional|Required|Hybrid deployments only):\s*/i, '').replace(/\s+/g, ' ').trim();
  const first = /^(.*?)[.;:](\s|$)/.exec(text)?.[1] ?? text;
  return first.length > 48 ? `${first.slice(0, 47).trimEnd()}…` : first;
}

function enumItems(scope: SchemaScope, key: string, range: Range): CompletionItem[] {
  const property = schemaProperties(scope).find((candidate) => candidate.key === key);
  if (!property?.enum) return [];
  return property.enum.map((option, index) => {
    const item: CompletionItem = {
      label: option.value,
      kind: CompletionItemKind.EnumMember,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range, newText: option.value },
    };
    if (option.description) item.documentation = { kind: 'markdown', value: option.description };
    return item;
  });
}

function groupPolicyNameItems(catalog: CatalogIndex, range: Range): CompletionItem[] {
  return catalog.groupPolicyNames().map((name) => {
    const node = catalog.byGroupPolicy(name)[0];
    const item: CompletionItem = { label: name, kind: CompletionItemKind.Value, textEdit: { range, newText: name } };
    if (node) {
      item.detail = l10n.t('MDM: {0}', node.name);
      item.documentation = { kind: 'markdown', value: nodeMarkdown(node, { brief: true }) };
    } else {
      // A Group-Policy-only setting ("Certificate Services Client - Auto-Enrollment"): where the editor shows it.
      const info = catalog.groupPolicy(name);
      if (info) item.detail = l10n.t('Group Policy only: {0}', info.location);
    }
    return item;
  });
}

/** The node of the entry at the cursor: from the model, or from an `omaUri:` line of the entry being typed. */
function entryNode(cursor: Cursor, model: PolicyModel, catalog: CatalogIndex): CatalogNode | undefined {
  const setting = settingAt(model, cursor.offset);
  if (setting?.node) return setting.node;
  // Look a few lines up and down within the entry (the model may not have it while it is typed).
  const text = cursor.text;
  let start = cursor.lineStart;
  for (let step = 0; step < 6 && start > 0; step++) {
    const line = text.slice(start, text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start));
    const found = /omaUri\s*:\s*["']?([^"'\s#]+)/.exec(line);
    if (found) return catalog.resolve(found[1]).node;
    if (/^\s*-\s/.test(line)) break;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  let next = text.indexOf('\n', cursor.lineStart);
  for (let step = 0; step < 6 && next !== -1; step++) {
    const lineEnd = text.indexOf('\n', next + 1);
    const line = text.slice(next + 1, lineEnd === -1 ? text.length : lineEnd);
    if (/^\s*-\s/.test(line)) break;
    const found = /omaUri\s*:\s*["']?([^"'\s#]+)/.exec(line);
    if (found) return catalog.resolve(found[1]).node;
    next = lineEnd;
  }
  return undefined;
}

function settingValueItems(cursor: Cursor, model: PolicyModel, catalog: CatalogIndex, key: string, range: Range): CompletionItem[] {
  if (key === 'omaUri') return omaUriPathItems(catalog, range);
  const node = entryNode(cursor, model, catalog);
  if (key === 'type') {
    const wanted = node ? valueTypeForFormat(node.format) : undefined;
    const best = wanted ? policyFileTypeName(wanted) : undefined;
    const options = schemaProperties('settings-entry').find((property) => property.key === 'type')?.enum ?? [];
    return options.map((option, index) => ({
      label: option.value,
      kind: CompletionItemKind.EnumMember,
      sortText: `${option.value === best ? '0' : '1'}${String(index).padStart(3, '0')}`,
      detail: option.value === best && node ? l10n.t('{0} is a {1} node', node.name, node.format) : undefined,
      documentation: option.description ? { kind: 'markdown', value: option.description } : undefined,
      textEdit: { range, newText: option.value },
    }));
  }
  if (key === 'value' && node) return valueItems(node, range);
  if (key === 'name' && node) {
    const label = nodeTexts(node).groupPolicy?.displayName ?? node.title ?? node.name;
    return [{ label, kind: CompletionItemKind.Text, textEdit: { range, newText: label } }];
  }
  return [];
}

function valueItems(node: CatalogNode, range: Range): CompletionItem[] {
  const defaults = new Map<string, string>();
  for (const item of node.defaults) {
    const key = item.value.trim().toLowerCase();
    defaults.set(key, [defaults.get(key), item.source === 'ddf' ? l10n.t('default (DDF)') : l10n.t('default (guide)')].filter(Boolean).join(', '));
  }
  const items: CompletionItem[] = [];
  const add = (value: string, documentation?: string) => {
    const isDefault = defaults.get(value.toLowerCase());
    items.push({
      label: value,
      kind: CompletionItemKind.Value,
      sortText: `${isDefault ? '0' : '1'}${String(items.length).padStart(3, '0')}`,
      detail: isDefault,
      documentation: documentation ? { kind: 'markdown', value: documentation } : undefined,
      textEdit: { range, newText: value },
    });
  };
  const allowed = node.allowed;
  if (allowed?.kind === 'enum') {
    for (const option of allowed.values) add(node.format === 'bool' ? option.value.toLowerCase() : option.value, option.description);
  } else if (allowed?.kind === 'range') {
    add(String(allowed.min), l10n.t('Smallest allowed value ({0})', allowed.raw));
    add(String(allowed.max), l10n.t('Largest allowed value ({0})', allowed.raw));
    for (const value of defaults.keys()) if (value !== String(allowed.min) && value !== String(allowed.max)) add(value);
  } else if (node.format === 'bool') {
    add('true');
    add('false');
  } else {
    for (const value of defaults.keys()) add(value);
  }
  return items;
}

function omaUriPathItems(catalog: CatalogIndex, range: Range): CompletionItem[] {
  const leaves = catalog.nodes.filter((node) => !node.interior);
  const labels = distinctLeafLabels(leaves);
  return leaves.map((node, index) => ({
    // The whole path as a label is cut off by the suggest widget after its first ~45 characters,
    // where every PassportForWork path still reads the same: the label leads with what differs.
    label: labels[index]!,
    labelDetails: { description: node.path },
    kind: CompletionItemKind.Reference,
    detail: `${node.path} · ${node.format}`,
    filterText: node.path,
    sortText: `${node.csp === 'PassportForWork' ? '0' : '1'}${node.path}`,
    documentation: { kind: 'markdown' as const, value: nodeMarkdown(node, { brief: true }) },
    textEdit: { range, newText: node.path },
    ...(node.deprecated ? { deprecated: true, tags: [1 as const] } : {}),
  }));
}

/**
 * "Name (scope)", or with as many parent segments as it takes when two leaves of one scope share
 * a name (ClientCertificateInstall's ContainerName under PFXCertInstall and SCEP).
 */
function distinctLeafLabels(leaves: readonly CatalogNode[]): string[] {
  // Placeholders ({UniqueID}, {TenantId}) tell no two leaves apart: only named segments are used.
  const segmentsOf = (node: CatalogNode) => node.path.split('/').filter((segment) => segment !== '' && segment !== '.' && !segment.startsWith('{'));
  const labelWith = (node: CatalogNode, depth: number) => `${segmentsOf(node).slice(-depth).join('/')} (${node.scope})`;
  const depths = leaves.map(() => 1);
  for (let round = 0; round < 8; round++) {
    const seen = new Map<string, number[]>();
    leaves.forEach((node, index) => {
      const label = labelWith(node, depths[index]!);
      seen.set(label, [...(seen.get(label) ?? []), index]);
    });
    const clashing = [...seen.values()].filter((indexes) => indexes.length > 1);
    if (clashing.length === 0) break;
    for (const indexes of clashing) for (const index of indexes) depths[index]!++;
  }
  return leaves.map((node, index) => labelWith(node, depths[index]!));
}

/** One snippet per settable node: a complete `- omaUri/type/value` entry. */
function settingSnippets(catalog: CatalogIndex, range: Range, afterDash: boolean): CompletionItem[] {
  return catalog.nodes
    .filter((node) => isSettable(node) && !node.deprecated)
    .map((node) => {
      const value = snippetValue(node);
      const lines = policyYamlEntry(node, '__VALUE__').replace(/\n$/, '').split('\n');
      const body = lines.map((line, index) => (index === 0 ? line.replace(/^- /, afterDash ? '' : '- ') : line)).join('\n');
      return {
        label: `${node.name} (${node.scope})`,
        kind: CompletionItemKind.Snippet,
        detail: l10n.t('Setting: {0}', node.path),
        filterText: node.name,
        sortText: `9${node.csp === 'PassportForWork' ? '0' : '1'}${node.name}`,
        insertTextFormat: InsertTextFormat.Snippet,
        documentation: { kind: 'markdown' as const, value: nodeMarkdown(node, { brief: true }) },
        textEdit: { range, newText: body.replace(/\$/g, '\\$').replace('__VALUE__', `\${1:${value}}`) },
      };
    });
}

function snippetValue(node: CatalogNode): string {
  const fallback = node.defaults[0]?.value ?? node.defaultValue;
  if (node.format === 'bool') return (fallback ?? 'true').toLowerCase();
  if (node.allowed?.kind === 'enum') return fallback ?? node.allowed.values[0]?.value ?? '';
  if (node.allowed?.kind === 'range') return fallback ?? String(node.allowed.min);
  return (fallback ?? '').replace(/[}\\]/g, '\\$&');
}

function guideSnippetItems(format: SourceFormat | undefined, cursor: Cursor): CompletionItem[] {
  return snippetCompletions(format, cursor.text, cursor.offset).map((snippet) => ({
    label: snippet.label,
    labelDetails: { description: snippet.description },
    kind: CompletionItemKind.Snippet,
    detail: snippet.detail,
    documentation: { kind: 'markdown' as const, value: snippet.documentation },
    filterText: snippet.filterText,
    sortText: snippet.sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: cursor.range(snippet.start, snippet.end), newText: snippet.snippet },
  }));
}
