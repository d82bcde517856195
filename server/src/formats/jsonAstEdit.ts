/**
 * The AST of a JSON text one keystroke away from a text already parsed, built from the previous
 * AST instead of a new parse: when an edit keeps the text's length and stays inside one string
 * (writing no quote, backslash or control character) or one number, only that token's node and its
 * ancestors are new objects. Every other node is the previous version's, so a reader can keep what
 * it built from them (settingsCatalogWalk.ts keeps each settings entry's settings). A 5 MB
 * one-line export was parsed whole on every keystroke (issue 16).
 *
 * Anything else (a key, a literal, punctuation, a change of length) returns undefined and the
 * caller parses the text.
 */
import { NUMBER, type AstNode, type AstNumber, type AstObject, type AstProperty, type AstString } from './jsonAst';
import { sameLengthChange } from './textChange';

export function reparsedAfterTokenEdit(before: string, root: AstNode, after: string): AstNode | undefined {
  if (before === after) return root;
  const change = sameLengthChange(before, after);
  if (!change) return undefined;
  return replaced(root, change.start, change.end, after);
}

/** `node` with the token holding [start, end) read again from `text`, or undefined when no one token holds it. */
function replaced(node: AstNode, start: number, end: number, text: string): AstNode | undefined {
  switch (node.kind) {
    case 'object': return replacedInObject(node, start, end, text);
    case 'array': {
      const items = node.items;
      const index = lastStartingAtOrBefore(items.length, (at) => items[at]!.range.start, start);
      const item = items[index];
      if (!item || end > item.range.end) return undefined;
      const value = replaced(item, start, end, text);
      if (!value) return undefined;
      const next = items.slice();
      next[index] = value;
      return { kind: 'array', range: node.range, items: next };
    }
    case 'string': return replacedString(node, start, end, text);
    case 'number': return replacedNumber(node, start, end, text);
    default: return undefined;
  }
}

function replacedInObject(node: AstObject, start: number, end: number, text: string): AstObject | undefined {
  const properties = node.properties;
  const index = lastStartingAtOrBefore(properties.length, (at) => properties[at]!.value.range.start, start);
  const property = properties[index];
  if (!property || end > property.value.range.end) return undefined;
  const value = replaced(property.value, start, end, text);
  if (!value) return undefined;
  const next = properties.slice();
  next[index] = { key: property.key, keyRange: property.keyRange, value } satisfies AstProperty;
  return { kind: 'object', range: node.range, properties: next };
}

function replacedString(node: AstString, start: number, end: number, text: string): AstString | undefined {
  const { valueRange } = node;
  // An escape would make the value differ from its source text; the new text must not end or escape the string.
  if (!node.verbatim || start < valueRange.start || end > valueRange.end) return undefined;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22 /* " */ || code === 0x5c /* \ */ || code < 0x20) return undefined;
  }
  return { kind: 'string', range: node.range, value: text.slice(valueRange.start, valueRange.end), valueRange, verbatim: true };
}

function replacedNumber(node: AstNumber, start: number, end: number, text: string): AstNumber | undefined {
  const { range } = node;
  if (start < range.start || end > range.end) return undefined;
  // The same number token as a parse would read: the pattern matches exactly the old token's span.
  NUMBER.lastIndex = range.start;
  const match = NUMBER.exec(text);
  if (!match || match[0] === '-' || match[0].length !== range.end - range.start) return undefined;
  return { kind: 'number', range, value: Number(match[0]), raw: match[0] };
}

/** The last index in [0, count) whose start is at or before `offset` (starts ascend), or -1. */
function lastStartingAtOrBefore(count: number, startOf: (index: number) => number, offset: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (startOf(middle) <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
