/**
 * The text "WHfB: Insert setting" inserts for a catalog node: a policy-file `- omaUri/type/value`
 * entry or an Intune custom-profile `omaSettings` object, as a snippet whose value is a tab stop
 * (a choice where the node has an enum). Type and default come from the catalog, never typed here.
 */
import { nodeTexts } from '../catalog/catalog';
import type { CatalogNode } from '../catalog/types';
import { entrySnippetFor } from '../formats/settingEntry';

// One writer: settability, candidate values and snippet escaping are the formats' (formats/settingEntry.ts).
export { isSettable, snippetLiteral } from '../formats/settingEntry';

/**
 * The Insert setting snippets are the one entry writer's (formats/settingEntry.ts `entrySnippetFor`):
 * the same type map and layout as the fixes, completion and the generated snippets. `indent` is the
 * list's indentation as text (spaces).
 */
function entrySnippet(node: CatalogNode, format: 'whfb-yaml' | 'custom-profile-json', layout: { indent?: string; flow?: boolean; tenantGuid?: string }): string {
  return entrySnippetFor(node, format, {
    indent: layout.indent?.length ?? 0,
    ...(layout.flow ? { flow: true } : {}),
    ...(layout.tenantGuid ? { tenantGuid: layout.tenantGuid } : {}),
  }) ?? '';
}

/** A policy-file settings entry, indented for a list at `indent`, ending with a newline. */
export function yamlSettingSnippet(node: CatalogNode, indent: string): string {
  return entrySnippet(node, 'whfb-yaml', { indent });
}

/** A policy-file entry as one element of a flow list (`settings: [{...}]`); the OMA-URI is quoted, `{` `}` being syntax there. */
export function yamlFlowSettingSnippet(node: CatalogNode): string {
  return entrySnippet(node, 'whfb-yaml', { flow: true });
}

/**
 * An Intune custom-profile `omaSettings` object. Intune does not substitute `{TenantId}`: the
 * tenant GUID found elsewhere in the document is used, or `{TenantId}` is left as a tab stop to
 * replace.
 */
export function jsonOmaSettingSnippet(node: CatalogNode, indent: string, tenantGuid?: string): string {
  return entrySnippet(node, 'custom-profile-json', { indent, ...(tenantGuid ? { tenantGuid } : {}) });
}

/** The tenant GUID a custom profile already uses in a PassportForWork OMA-URI, if any. */
export function tenantGuidInText(text: string): string | undefined {
  return /PassportForWork\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i.exec(text)?.[1];
}

/** One line for the QuickPick: what the node does, from the catalog's title or description. */
export function nodeDetail(node: CatalogNode): string {
  const text = (node.title && node.title !== node.name ? node.title : nodeTexts(node).descriptionMarkdown)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.{0,160}?[.!?])(\s|$)/.exec(text)?.[1] ?? text.slice(0, 160);
  const flags = [node.deprecated ? 'deprecated' : '', node.scope === 'user' ? 'user scope' : ''].filter(Boolean);
  return flags.length ? `${sentence} (${flags.join(', ')})` : sentence;
}
