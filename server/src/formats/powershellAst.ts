/**
 * PowerShell data as the JSON tree (jsonAst.ts) the Graph readers walk: a hashtable or a DSC CIM
 * instance becomes an object, an array a list, a literal a JSON value. Keys are matched the way
 * PowerShell matches them (case-insensitively) and written the way Graph spells them, so
 * `OmaUri`/`omauri`/`'omaUri'` and Microsoft365DSC's `odataType` all read as Graph's names.
 * Offsets stay those of the .ps1 text, so every finding lands on what the user wrote.
 */
import type { OffsetRange } from '../model/types';
import type { AstNode, AstProperty } from './jsonAst';
import type { PsBlock, PsValue } from './powershellScanner';

/** Graph's spelling of the keys the readers look up (settingsCatalogWalk.ts, customProfileWalk.ts). */
const GRAPH_KEYS = new Map<string, string>([
  ['@odata.type', '@odata.type'],
  // Microsoft365DSC writes the @odata.type of a CIM instance as "odataType".
  ['odatatype', '@odata.type'],
  // Its Settings Catalog simple values are IntValue / StringValue where Graph has "value".
  ['intvalue', 'value'],
  ['stringvalue', 'value'],
  ...['omaUri', 'value', 'displayName', 'omaSettings', 'settings', 'settingInstance', 'settingDefinitionId', 'choiceSettingValue',
    'simpleSettingValue', 'children', 'groupSettingCollectionValue', 'groupSettingValue', 'name', 'description']
    .map((key): [string, string] => [key.toLowerCase(), key]),
]);

export function graphKey(key: string): string {
  return GRAPH_KEYS.get(key.toLowerCase()) ?? key.charAt(0).toLowerCase() + key.slice(1);
}

/** The entry with this key (case-insensitive, as PowerShell hashtables and DSC properties are). */
export function entryOf(block: PsBlock, key: string): PsBlock['entries'][number] | undefined {
  const wanted = key.toLowerCase();
  return block.entries.find((entry) => entry.key.toLowerCase() === wanted);
}

/**
 * The value as a JSON tree. A variable or an expression is known only when the script runs: it
 * becomes null, which the readers treat as "not written" (nothing to judge, nothing to report).
 */
export function psToAst(value: PsValue, text: string): AstNode {
  switch (value.kind) {
    case 'string':
      return { kind: 'string', range: value.range, value: value.value, valueRange: value.valueRange, verbatim: value.verbatim };
    case 'number':
      return { kind: 'number', range: value.range, value: value.value, raw: text.slice(value.range.start, value.range.end) };
    case 'boolean':
      return { kind: 'boolean', range: value.range, value: value.value };
    case 'array':
      return { kind: 'array', range: value.range, items: value.items.map((item) => psToAst(item, text)) };
    case 'block':
      return {
        kind: 'object',
        range: value.range,
        properties: value.entries.map((entry): AstProperty => ({ key: graphKey(entry.key), keyRange: entry.keyRange, value: psToAst(entry.value, text) })),
      };
    case 'null':
    case 'expression':
      return { kind: 'null', range: value.range };
  }
}

/** Moves a tree parsed from an embedded text (a here-string) to the offsets of the whole document. */
export function shiftAst(node: AstNode, by: number): AstNode {
  const range = shift(node.range, by);
  switch (node.kind) {
    case 'object':
      return { kind: 'object', range, properties: node.properties.map((prop) => ({ key: prop.key, keyRange: shift(prop.keyRange, by), value: shiftAst(prop.value, by) })) };
    case 'array':
      return { kind: 'array', range, items: node.items.map((item) => shiftAst(item, by)) };
    case 'string':
      return { kind: 'string', range, value: node.value, valueRange: shift(node.valueRange, by), verbatim: node.verbatim };
    default:
      return { ...node, range };
  }
}

export function shift(range: OffsetRange, by: number): OffsetRange {
  return { start: range.start + by, end: range.end + by };
}
