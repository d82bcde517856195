/**
 * JSON kept as a string inside JSON (an intent setting's valueJson, settings saved double-encoded):
 * the inner document parsed with offsets into the OUTER text, so a diagnostic still points at the
 * characters the user sees, escapes and all.
 */
import type { OffsetRange } from '../model/types';
import { parseJson, type AstNode } from './jsonAst';

/**
 * For each character of the decoded string (and one past its end), its offset in `text`. Undefined
 * when the source between the quotes is not a JSON string body we can follow (YAML folding).
 */
function decodedOffsets(text: string, inner: OffsetRange, decoded: string): number[] | undefined {
  const offsets: number[] = [];
  let at = inner.start;
  while (at < inner.end) {
    offsets.push(at);
    if (text.charAt(at) !== '\\') {
      // A character outside the BMP is two code units in both texts.
      at += 1;
      continue;
    }
    const escape = text.charAt(at + 1);
    at += escape === 'u' ? 6 : 2;
  }
  offsets.push(inner.end);
  return offsets.length === decoded.length + 1 ? offsets : undefined;
}

function remap(node: AstNode, map: (offset: number) => number): AstNode {
  const range = { start: map(node.range.start), end: map(node.range.end) };
  switch (node.kind) {
    case 'object':
      return { kind: 'object', range, properties: node.properties.map((prop) => ({ key: prop.key, keyRange: { start: map(prop.keyRange.start), end: map(prop.keyRange.end) }, value: remap(prop.value, map) })) };
    case 'array':
      return { kind: 'array', range, items: node.items.map((item) => remap(item, map)) };
    case 'string':
      // Inside an encoded string the inner quotes are escaped: the text is never verbatim there.
      return { kind: 'string', range, value: node.value, valueRange: { start: map(node.valueRange.start), end: map(node.valueRange.end) }, verbatim: false };
    default:
      return { ...node, range };
  }
}

export interface EmbeddedJson {
  root: AstNode;
  /** False when offsets could not be followed: every range is then the whole outer string. */
  exact: boolean;
}

/**
 * The JSON document a string value holds, with ranges in the outer text; undefined when the string
 * holds no JSON. `inner` is the string's text without its quotes, `value` its decoded value.
 */
export function parseEmbeddedJson(text: string, inner: OffsetRange, value: string): EmbeddedJson | undefined {
  const parsed = parseJson(value);
  if (!parsed.root || parsed.errors.length > 0) return undefined;
  const offsets = decodedOffsets(text, inner, value);
  if (!offsets) return { root: remapRanges(parsed.root, inner), exact: false };
  return { root: remap(parsed.root, (offset) => offsets[Math.min(offset, offsets.length - 1)]), exact: true };
}

function remapRanges(node: AstNode, whole: OffsetRange): AstNode {
  switch (node.kind) {
    case 'object':
      return { kind: 'object', range: whole, properties: node.properties.map((prop) => ({ key: prop.key, keyRange: whole, value: remapRanges(prop.value, whole) })) };
    case 'array':
      return { kind: 'array', range: whole, items: node.items.map((item) => remapRanges(item, whole)) };
    case 'string':
      return { kind: 'string', range: whole, value: node.value, valueRange: whole, verbatim: false };
    default:
      return { ...node, range: whole };
  }
}
