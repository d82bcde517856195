/**
 * "WHfB: Insert setting" on the server: the pick list of settable catalog nodes and the snippet
 * for the node picked, placed where it belongs in the document the client sent (a policy file's
 * `settings:` list, a custom profile's `omaSettings` array, or the bare OMA-URI elsewhere). The
 * client only shows the list and inserts the snippet.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogItem, PlanInsertSettingParams, PlanInsertSettingResult } from '../../../shared/protocol';
import { indentRelativeToLine, planJsonOmaSettingInsertion, planYamlSettingInsertion, type Insertion } from './insertionPoint';
import { entryTypeOf, policyFileTypeName } from '../model/values';
import { isSettable, jsonOmaSettingSnippet, nodeDetail, snippetLiteral, tenantGuidInText, yamlFlowSettingSnippet, yamlSettingSnippet } from './settingEntry';

/** Every settable node, deprecated ones last, then by path. */
export function catalogItems(catalog: CatalogIndex): CatalogItem[] {
  return catalog.nodes
    .filter(isSettable)
    .slice()
    .sort((a, b) => Number(Boolean(a.deprecated)) - Number(Boolean(b.deprecated)) || a.path.localeCompare(b.path))
    .map((node) => {
      const sourced = node.defaults[0]?.value ?? node.defaultValue;
      // The DDF writes boolean defaults "True"/"False"; the picker shows what the entry will hold.
      const defaultValue = sourced !== undefined && node.format === 'bool' ? sourced.trim().toLowerCase() : sourced;
      return { path: node.path, name: node.name, detail: nodeDetail(node), deprecated: Boolean(node.deprecated), type: policyFileTypeName(entryTypeOf(node)), ...(defaultValue !== undefined ? { defaultValue } : {}) };
    });
}

const notAList = (): string => l10n.t('WHfB: "settings:" in this policy file is not a list, so no entry can be added to it. Make it a list of omaUri/type/value entries (see the problems it reports), then insert again.');

export function planInsertSetting(catalog: CatalogIndex, params: PlanInsertSettingParams): PlanInsertSettingResult {
  const node = catalog.byPath(params.path);
  if (!node || !isSettable(node)) return { error: l10n.t('WHfB: "{0}" is no setting this version of the extension knows.', params.path) };
  const { text, languageId } = params.document;
  const offset = Math.max(0, Math.min(params.offset, text.length));
  let insertion: Insertion;
  let body: string;
  if (languageId === 'whfb-yaml') {
    const planned = planYamlSettingInsertion(text, offset);
    if (!planned) return { error: notAList() };
    insertion = planned;
    body = planned.flow ? yamlFlowSettingSnippet(node) : yamlSettingSnippet(node, planned.indent);
  } else if (languageId === 'json' || languageId === 'jsonc') {
    insertion = planJsonOmaSettingInsertion(text, offset);
    body = jsonOmaSettingSnippet(node, insertion.indent, tenantGuidInText(text));
  } else {
    insertion = { start: offset, end: offset, indent: '', before: '', after: '' };
    body = snippetLiteral(node.path);
  }
  const lineStart = text.lastIndexOf('\n', insertion.start - 1) + 1;
  const linePrefix = text.slice(lineStart, insertion.start);
  const snippet = `${snippetLiteral(insertion.before)}${body}${snippetLiteral(insertion.after)}`;
  if (/\S/.test(linePrefix) && snippet.includes('\n')) {
    // The editor indents every snippet line after the first by the whitespace before the insertion
    // point on its line: after `    value: 8` that nests the entry into the value (issue 12 point 3).
    // Starting the edit at the line start (the line's text rewritten as it was) leaves nothing to add.
    return { start: lineStart, end: insertion.end, snippet: `${snippetLiteral(linePrefix)}${snippet}` };
  }
  return { start: insertion.start, end: insertion.end, snippet: indentRelativeToLine(snippet, linePrefix) };
}
