/**
 * Small helpers over the `yaml` package's AST for the policy-file adapter: offsets of keys and
 * values (shifted when a piece of the document was parsed on its own), pair lookup, scalar text.
 */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from './yamlLibrary';
import type { Located, OffsetRange } from '../model/types';

/** Maps an offset in the parsed text to an offset in the document. */
export type OffsetMap = (offset: number) => number;

export function shiftBy(delta: number): OffsetMap {
  return (offset) => offset + delta;
}

const interned = new Map<string, string>();

/**
 * A copy of `text` that does not keep the document alive. Substrings in V8 point into their parent:
 * an OMA-URI sliced from version 1 of a 1 MB file would keep all of version 1 in memory for as long
 * as the incremental parse reuses that entry. Interned, so 10,000 settings share their few dozen
 * distinct OMA-URIs.
 */
export function detached(text: string): string {
  if (text.length < 13) return text; // V8 copies short substrings anyway
  const known = interned.get(text);
  if (known !== undefined) return known;
  const copy = `${text} `.slice(0, -1);
  if (interned.size >= 20_000) interned.clear();
  interned.set(copy, copy);
  return copy;
}

/** Alias expansion limit: beyond it the input is treated as an alias bomb (WHFB003). */
export const MAX_ALIAS_COUNT = 100;

export function isAliasBombError(error: unknown): boolean {
  return error instanceof Error && /alias/i.test(error.message);
}

/** The node's value range (without trailing comments), mapped to document offsets. */
export function nodeRange(node: Node | null | undefined, map: OffsetMap): OffsetRange | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: map(range[0]), end: map(range[1]) };
}

export function keyName(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return undefined;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (keyName(item) === key) return item;
  }
  return undefined;
}

/** Range of a pair: key start to value end (or key end when the value is empty). */
export function pairRange(pair: Pair, map: OffsetMap): OffsetRange | undefined {
  const key = nodeRange(pair.key as Node, map);
  if (!key) return undefined;
  const value = nodeRange(pair.value as Node, map);
  return { start: key.start, end: value && value.end > key.end ? value.end : key.end };
}

/** An empty value points at the end of its key, so a diagnostic has something to stand on. */
function valueOrKeyEnd(range: OffsetRange | undefined, keyRange: OffsetRange | undefined): OffsetRange | undefined {
  if (range && range.end > range.start) return range;
  return keyRange ? { start: keyRange.end, end: keyRange.end } : range;
}

/** A scalar pair value as written: strings as is, other scalars as their source text. */
export function locatedText(pair: Pair | undefined, text: string, map: OffsetMap): Located<string> | undefined {
  if (!pair) return undefined;
  const keyRange = nodeRange(pair.key as Node, map);
  const valueNode = pair.value as Node | null;
  const range = valueOrKeyEnd(nodeRange(valueNode, map), keyRange);
  if (!range) return undefined;
  let value = '';
  if (isScalar(valueNode)) {
    if (valueNode.value !== null && valueNode.value !== undefined) value = typeof valueNode.value === 'string' ? valueNode.value : text.slice(range.start, range.end);
  } else if (range.end > range.start) {
    // A mapping or list where text was expected ("tenantId: {guid}" is a flow mapping): show what was written.
    value = text.slice(range.start, range.end);
  }
  return { value: detached(value), range, keyRange };
}

/** A pair value of any kind, converted to plain JS. */
export function locatedValue(pair: Pair | undefined, doc: Document, map: OffsetMap): Located<unknown> | undefined {
  if (!pair) return undefined;
  const keyRange = nodeRange(pair.key as Node, map);
  const valueNode = pair.value as Node | null;
  const range = valueOrKeyEnd(nodeRange(valueNode, map), keyRange);
  if (!range) return undefined;
  let value: unknown = null;
  if (isScalar(valueNode)) value = typeof valueNode.value === 'string' ? detached(valueNode.value) : valueNode.value;
  else if (isMap(valueNode) || isSeq(valueNode)) value = valueNode.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  return { value, range, keyRange };
}
