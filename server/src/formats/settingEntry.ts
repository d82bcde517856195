/**
 * The text of one settings entry for a catalog node, in each format that can hold one: the one
 * writer behind the policy file's "add setting" fixes, completion's setting snippets, the
 * generated snippets and templates, and the Insert setting command. The type comes from the one
 * node -> type map (model/values.ts `entryTypeOf`), so what is written is what the rules expect.
 */
import type { CatalogNode } from '../catalog/types';
import type { SourceFormat, ValueType } from '../model/types';
import { entryTypeOf, policyFileTypeName } from '../model/values';
import { omaSettingOdataType } from '../vocabulary/valueTypes';

export type EntryValue = string | boolean | number;

/** Graph's custom-profile `@odata.type` for each value type (the vocabulary's one table). */
export function odataTypeOf(type: ValueType): string {
  return omaSettingOdataType(type);
}

/** Settable: a leaf the MDM server may Add or Replace. */
export function isSettable(node: CatalogNode): boolean {
  return !node.interior && node.accessTypes.some((access) => access === 'Add' || access === 'Replace');
}

/** A DDF default outside the node's own allowed values (some DDFs state one) is not proposed. */
function allowedDefault(node: CatalogNode): string | undefined {
  const written = node.defaultValue ?? node.defaults[0]?.value;
  if (written === undefined) return undefined;
  const allowed = node.allowed;
  if (allowed?.kind === 'range') {
    const number = Number(String(written).trim());
    return Number.isInteger(number) && number >= allowed.min && number <= allowed.max ? String(written) : undefined;
  }
  if (allowed?.kind === 'enum' && node.format !== 'bool') {
    const text = String(written).trim().toLowerCase();
    return allowed.values.some((item) => item.value.toLowerCase() === text) ? String(written) : undefined;
  }
  return String(written);
}

/**
 * The value an inserted entry starts with: the node's default where it is allowed, else the first
 * value it allows, else an empty text for the user to fill in. Typed as the node reads it (true, 1, "text").
 */
export function proposedValue(node: CatalogNode): EntryValue {
  const written = allowedDefault(node);
  const allowed = node.allowed;
  const type = entryTypeOf(node);
  if (type === 'bool') return written !== undefined ? /^(true|1)$/i.test(String(written).trim()) : true;
  const first = written ?? (allowed?.kind === 'enum' ? allowed.values[0]?.value
    : allowed?.kind === 'range' ? String(allowed.min)
      : allowed?.kind === 'admx' ? '<enabled/>' : undefined);
  if (type === 'int') {
    const number = Number(first ?? '0');
    return Number.isInteger(number) ? number : 0;
  }
  return first === undefined ? '' : String(first);
}

/** A YAML scalar, quoted where plain style would change its meaning (in a flow list `{` `}` `,` are syntax). */
export function yamlScalar(value: EntryValue, flow = false): string {
  if (typeof value !== 'string') return String(value);
  const plain = flow ? /^[\w./-]+$/ : /^[\w./{}-]+$/;
  return plain.test(value) && !/^(true|false|null|~|\d+)$/i.test(value) ? value : JSON.stringify(value);
}

export interface EntryLayout {
  /** Columns before the entry's first character (the `-` of a YAML list item, the `{` of a JSON object). */
  indent?: number;
  eol?: '\n' | '\r\n';
  /** One element of a YAML flow list (`settings: [{...}]`), on one line. */
  flow?: boolean;
}

/**
 * The texts of one entry's fields, each already written in the format's syntax (quoted or escaped,
 * or a snippet placeholder): the layout below is shared by plain entries (entryFor) and by the
 * generated snippets and templates (scripts/snippets/render.ts), which fill fields with tab stops.
 */
export interface EntryTexts {
  omaUri: string;
  type: string;
  value: string;
  /** A display name (policy file `name:`, custom profile `displayName`). */
  name?: string;
}

/** The policy file's `- omaUri/type/value[/name]` entry (ending with its line end), or a flow-list element. */
export function policyYamlEntryText(texts: EntryTexts, layout: EntryLayout = {}): string {
  const named = texts.name === undefined ? '' : `, name: ${texts.name}`;
  if (layout.flow) return `{ omaUri: ${texts.omaUri}, type: ${texts.type}, value: ${texts.value}${named} }`;
  const pad = ' '.repeat(layout.indent ?? 0);
  const eol = layout.eol ?? '\n';
  const lines = [`${pad}- omaUri: ${texts.omaUri}`, `${pad}  type: ${texts.type}`, `${pad}  value: ${texts.value}`];
  if (texts.name !== undefined) lines.push(`${pad}  name: ${texts.name}`);
  return lines.join(eol) + eol;
}

/** An Intune custom-profile `omaSettings` element as JSON (no trailing line end). */
export function customProfileJsonText(texts: EntryTexts, layout: EntryLayout = {}): string {
  const pad = ' '.repeat(layout.indent ?? 0);
  return [
    `${pad}{`,
    `${pad}  "@odata.type": ${texts.type},`,
    ...(texts.name === undefined ? [] : [`${pad}  "displayName": ${texts.name},`]),
    `${pad}  "omaUri": ${texts.omaUri},`,
    `${pad}  "value": ${texts.value}`,
    `${pad}}`,
  ].join(layout.eol ?? '\n');
}

/** The same element as IntuneCD writes it in YAML: a list item ending with its line end. */
export function customProfileYamlText(texts: EntryTexts, layout: EntryLayout = {}): string {
  const pad = ' '.repeat(layout.indent ?? 0);
  const eol = layout.eol ?? '\n';
  return [
    `${pad}- "@odata.type": ${texts.type}`,
    ...(texts.name === undefined ? [] : [`${pad}  displayName: ${texts.name}`]),
    `${pad}  omaUri: ${texts.omaUri}`,
    `${pad}  value: ${texts.value}`,
  ].join(eol) + eol;
}

/** A SyncML `<Replace>` command (no trailing line end); `type` is the DDF format of `<Meta><Format>`. */
export function syncmlText(texts: EntryTexts, layout: EntryLayout & { cmdId?: number } = {}): string {
  const pad = ' '.repeat(layout.indent ?? 0);
  return [
    `${pad}<Replace>`,
    `${pad}  <CmdID>${layout.cmdId ?? 1}</CmdID>`,
    `${pad}  <Item>`,
    `${pad}    <Target><LocURI>${texts.omaUri}</LocURI></Target>`,
    `${pad}    <Meta><Format xmlns="syncml:metinf">${texts.type}</Format></Meta>`,
    `${pad}    <Data>${texts.value}</Data>`,
    `${pad}  </Item>`,
    `${pad}</Replace>`,
  ].join(layout.eol ?? '\n');
}

/** The value as a custom profile holds it: booleans and integers typed, everything else text. */
function customProfileValue(node: CatalogNode, value: EntryValue): EntryValue {
  const type = entryTypeOf(node);
  return type === 'bool' || type === 'int' ? value : String(value);
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain policy-file entry for `node` with `value`. */
export function policyYamlEntry(node: CatalogNode, value: EntryValue, layout: EntryLayout = {}): string {
  const type = policyFileTypeName(entryTypeOf(node));
  const omaUri = layout.flow ? JSON.stringify(node.path) : node.path;
  return policyYamlEntryText({ omaUri, type, value: yamlScalar(value, layout.flow) }, layout);
}

/**
 * One settings entry for `node` in `format`, with `value` (the proposed value when none is given);
 * undefined for a format whose entries are no OMA-URI entry (a Settings Catalog instance carries
 * ids the catalog does not hold; loose text has no entries).
 */
export function entryFor(node: CatalogNode, format: SourceFormat, value: EntryValue = proposedValue(node), layout: EntryLayout = {}): string | undefined {
  switch (format) {
    case 'whfb-yaml':
      return policyYamlEntry(node, value, layout);
    case 'custom-profile-json':
      return customProfileJsonText({
        type: JSON.stringify(odataTypeOf(entryTypeOf(node))), name: JSON.stringify(node.name),
        omaUri: JSON.stringify(node.path), value: JSON.stringify(customProfileValue(node, value)),
      }, layout);
    case 'custom-profile-yaml':
      return customProfileYamlText({
        type: yamlScalar(odataTypeOf(entryTypeOf(node))), name: yamlScalar(node.name),
        omaUri: node.path, value: yamlScalar(customProfileValue(node, value)),
      }, layout);
    case 'syncml':
      return syncmlText({ type: node.format, omaUri: xmlText(node.path), value: xmlText(String(value)) }, layout);
    case 'settings-catalog-json':
    case 'settings-catalog-yaml':
    case 'text':
    case 'powershell':
    case 'dsc-powershell':
      return undefined;
    case 'gpo-report-xml': // Group Policy backups: written by the Group Policy editor, never by hand
    case 'registry-pol':
    case 'registry-pol-user':
    default:
      // Graph objects whose settings are properties or intent ids (graphWhfb.ts): no OMA-URI entry.
      return undefined;
  }
}

/** Escapes text so a snippet inserts it literally. */
export function snippetLiteral(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Candidate values for an inserted entry's choice, the proposed one first. */
export function candidateValues(node: CatalogNode): string[] {
  const type = entryTypeOf(node);
  const allowed = node.allowed;
  let values: string[];
  if (type === 'bool') values = ['true', 'false'];
  else if (allowed?.kind === 'enum') values = allowed.values.map((item) => item.value);
  else if (allowed?.kind === 'range') values = [String(allowed.min)];
  else if (allowed?.kind === 'admx') values = ['<enabled/>', '<disabled/>'];
  else values = [type === 'int' ? '0' : ''];
  const first = String(proposedValue(node));
  return [first, ...values.filter((value) => value !== first)];
}

/** The value as tab stop 1: a choice where there are several candidates. */
function valueStop(values: string[], write: (value: string) => string): string {
  // Inside a choice, commas and pipes are escaped too.
  if (values.length > 1) return `\${1|${values.map((value) => write(value).replace(/[\\$}|,]/g, '\\$&')).join(',')}|}`;
  return `\${1:${snippetLiteral(write(values[0] ?? ''))}}`;
}

export interface SnippetLayout {
  indent?: number;
  flow?: boolean;
  /** A custom profile's tenant GUID (Intune does not substitute {TenantId}); without one the segment is tab stop 2. */
  tenantGuid?: string;
}

/**
 * entryFor as a snippet (the Insert setting command, completion): the value is tab stop 1 (a
 * choice of the allowed values), a custom profile's tenant segment tab stop 2. Same layout and
 * types as entryFor; undefined where entryFor writes none.
 */
export function entrySnippetFor(node: CatalogNode, format: SourceFormat, layout: SnippetLayout = {}): string | undefined {
  const type = entryTypeOf(node);
  const values = candidateValues(node);
  switch (format) {
    case 'whfb-yaml': {
      // Single-quoted YAML keeps <enabled/>, colons and '#' literal.
      const value = valueStop(values, (item) => (type === 'bool' || type === 'int' ? item : `'${item.replace(/'/g, "''")}'`));
      const typeName = policyFileTypeName(type);
      if (layout.flow) return `${snippetLiteral(`{ omaUri: ${JSON.stringify(node.path)}, type: ${typeName}, value: `)}${value}${snippetLiteral(' }')}`;
      return policyYamlEntryText({ omaUri: snippetLiteral(node.path), type: typeName, value }, { indent: layout.indent ?? 0 });
    }
    case 'custom-profile-json': {
      const tenantStop = layout.tenantGuid ? snippetLiteral(layout.tenantGuid) : '${2:{TenantId\\}}';
      const value = valueStop(values, (item) => {
        if (type === 'bool') return item === 'true' || item === 'false' ? item : 'true';
        if (type === 'int') return /^-?\d+$/.test(item) ? item : '0';
        return JSON.stringify(item);
      });
      return customProfileJsonText({
        type: JSON.stringify(odataTypeOf(type)),
        name: snippetLiteral(JSON.stringify(node.title ?? node.name)),
        omaUri: snippetLiteral(JSON.stringify(node.path)).replace(/\{TenantId\\\}/i, () => tenantStop),
        value,
      }, { indent: layout.indent ?? 0 }).replace(/\}$/, '\\}');
    }
    default:
      return undefined;
  }
}
