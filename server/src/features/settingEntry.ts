/**
 * The text "WHfB: Insert setting" inserts for a catalog node: a policy-file `- omaUri/type/value`
 * entry or an Intune custom-profile `omaSettings` object, as a snippet whose value is a tab stop
 * (a choice where the node has an enum). Type and default come from the catalog, never typed here.
 */
import type { CatalogNode } from '../catalog/types';
import { OMA_SETTING_ODATA_TYPES, type PolicyFileType } from '../vocabulary/valueTypes';

export type PolicyValueType = PolicyFileType;

export function policyValueType(node: CatalogNode): PolicyValueType {
  if (node.format === 'bool') return 'bool';
  if (node.format === 'int') return 'int';
  return 'string';
}

/** Settable: a leaf the MDM server may Add or Replace. */
export function isSettable(node: CatalogNode): boolean {
  return !node.interior && node.accessTypes.some((access) => access === 'Add' || access === 'Replace');
}

/** Candidate values, the one to propose first. */
export function proposedValues(node: CatalogNode): string[] {
  const type = policyValueType(node);
  const first = node.defaultValue ?? node.defaults[0]?.value;
  let values: string[];
  if (type === 'bool') values = ['true', 'false'];
  else if (node.allowed?.kind === 'enum') values = node.allowed.values.map((v) => v.value);
  else if (node.allowed?.kind === 'range') values = [String(node.allowed.min)];
  else if (node.allowed?.kind === 'admx') values = ['<enabled/>', '<disabled/>'];
  else values = [type === 'int' ? '0' : ''];
  if (first !== undefined) {
    const normalized = type === 'bool' ? String(first).toLowerCase() : String(first);
    values = [normalized, ...values.filter((v) => v !== normalized)];
  }
  return values;
}

/** Escapes text so a snippet inserts it literally. */
export function snippetLiteral(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function choiceOrPlaceholder(values: string[], render: (value: string) => string): string {
  if (values.length > 1) {
    // Inside a choice, commas and pipes are escaped too.
    return `\${1|${values.map((v) => render(v).replace(/[\\$}|,]/g, '\\$&')).join(',')}|}`;
  }
  return `\${1:${snippetLiteral(render(values[0] ?? ''))}}`;
}

function yamlScalar(value: string, type: PolicyValueType): string {
  if (type !== 'string') return value;
  // Single-quoted YAML keeps <enabled/>, colons and '#' literal.
  return `'${value.replace(/'/g, "''")}'`;
}

/** A policy-file settings entry, indented for a list at `indent`, ending with a newline. */
export function yamlSettingSnippet(node: CatalogNode, indent: string): string {
  const type = policyValueType(node);
  const value = choiceOrPlaceholder(proposedValues(node), (v) => yamlScalar(v, type));
  return [
    `${indent}- omaUri: ${snippetLiteral(node.path)}`,
    `${indent}  type: ${type}`,
    `${indent}  value: ${value}`,
    '',
  ].join('\n');
}

/** A policy-file entry as one element of a flow list (`settings: [{...}]`); the OMA-URI is quoted, `{` `}` being syntax there. */
export function yamlFlowSettingSnippet(node: CatalogNode): string {
  const type = policyValueType(node);
  const value = choiceOrPlaceholder(proposedValues(node), (v) => yamlScalar(v, type));
  return `${snippetLiteral(`{ omaUri: ${JSON.stringify(node.path)}, type: ${type}, value: `)}${value}${snippetLiteral(' }')}`;
}

function jsonValue(value: string, type: PolicyValueType): string {
  if (type === 'bool') return value === 'true' || value === 'false' ? value : 'true';
  if (type === 'int') return /^-?\d+$/.test(value) ? value : '0';
  return JSON.stringify(value);
}

/**
 * An Intune custom-profile `omaSettings` object. Intune does not substitute `{TenantId}`: the
 * tenant GUID found elsewhere in the document is used, or `{TenantId}` is left as a tab stop to
 * replace.
 */
export function jsonOmaSettingSnippet(node: CatalogNode, indent: string, tenantGuid?: string): string {
  const type = policyValueType(node);
  const tenantStop = tenantGuid ? snippetLiteral(tenantGuid) : '${2:{TenantId\\}}';
  const omaUri = snippetLiteral(JSON.stringify(node.path)).replace(/\{TenantId\\\}/i, () => tenantStop);
  const value = choiceOrPlaceholder(proposedValues(node), (v) => jsonValue(v, type));
  const inner = `${indent}  `;
  return [
    `${indent}{`,
    `${inner}"@odata.type": "${OMA_SETTING_ODATA_TYPES[type]}",`,
    `${inner}"displayName": ${snippetLiteral(JSON.stringify(node.title ?? node.name))},`,
    `${inner}"omaUri": ${omaUri},`,
    `${inner}"value": ${value}`,
    `${indent}\\}`,
  ].join('\n');
}

/** The tenant GUID a custom profile already uses in a PassportForWork OMA-URI, if any. */
export function tenantGuidInText(text: string): string | undefined {
  return /PassportForWork\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i.exec(text)?.[1];
}

/** One line for the QuickPick: what the node does, from the catalog's title or description. */
export function nodeDetail(node: CatalogNode): string {
  const text = (node.title && node.title !== node.name ? node.title : node.descriptionMarkdown)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.{0,160}?[.!?])(\s|$)/.exec(text)?.[1] ?? text.slice(0, 160);
  const flags = [node.deprecated ? 'deprecated' : '', node.scope === 'user' ? 'user scope' : ''].filter(Boolean);
  return flags.length ? `${sentence} (${flags.join(', ')})` : sentence;
}
