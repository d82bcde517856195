/**
 * IntuneCD and similar tools write the same Graph objects as YAML. This turns a YAML document into
 * the AstNode tree of jsonAst.ts (same shape, same offsets convention), so one walker serves both.
 */
import * as l10n from '@vscode/l10n';
import type { Node as YamlNode, Scalar } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from './yamlLibrary';
import type { OffsetRange } from '../model/types';
import { MAX_NESTING_DEPTH, type AstError, type AstNode, type AstParseResult, type AstProperty, type AstString } from './jsonAst';

/**
 * The yaml package recurses once per flow collection level; a hostile `[[[[...` a hundred thousand
 * deep exhausts the heap before it can report an error. Real exports never nest flow collections
 * more than a few levels, so a linear pre-scan refuses anything deeper than this.
 */
export const MAX_YAML_FLOW_DEPTH = 256;

export function parseYamlAst(text: string): AstParseResult {
  const tooDeep = flowNestingBeyond(text, MAX_YAML_FLOW_DEPTH);
  if (tooDeep !== undefined) {
    return { errors: [{ code: 'WHFB003', message: l10n.t('The YAML nests [ ] or { } more than {0} levels deep and is not checked.', MAX_YAML_FLOW_DEPTH), range: { start: tooDeep, end: tooDeep + 1 } }] };
  }
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
    const errors: AstError[] = doc.errors.map((error) => {
      const range = { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) };
      // The parser gives up on deep block nesting with a stack overflow: that is input we refuse, not a typo.
      if (/call stack/i.test(error.message)) return { code: 'WHFB003', message: l10n.t('The YAML is nested too deeply and is not checked.'), range };
      return { code: 'WHFB001', message: firstLine(error.message), range };
    });
    if (errors.length > 0) return { errors };
    const converter = new YamlConverter();
    const root = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : undefined;
    return { root, errors: converter.errors };
  } catch (error) {
    return { errors: [{ code: 'WHFB003', message: l10n.t('The YAML could not be parsed: {0}', String(error)), range: { start: 0, end: 0 } }] };
  }
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

class YamlConverter {
  readonly errors: AstError[] = [];

  convert(node: YamlNode | null | undefined, depth: number): AstNode {
    const range = rangeOf(node);
    if (depth > MAX_NESTING_DEPTH) {
      if (this.errors.length === 0) {
        this.errors.push({ code: 'WHFB003', message: l10n.t('The YAML is nested more than {0} levels deep and is not checked further.', MAX_NESTING_DEPTH), range });
      }
      return { kind: 'null', range };
    }
    if (!node || isAlias(node)) return { kind: 'null', range };
    if (isMap(node)) {
      const properties: AstProperty[] = [];
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = this.scalar(pair.key);
        const keyText = key.kind === 'string' ? key.value : String(pair.key.value);
        const keyRange = key.kind === 'string' ? key.valueRange : key.range;
        properties.push({ key: keyText, keyRange, value: this.convert(pair.value as YamlNode | null, depth + 1) });
      }
      return { kind: 'object', range, properties };
    }
    if (isSeq(node)) {
      return { kind: 'array', range, items: node.items.map((item) => this.convert(item as YamlNode | null, depth + 1)) };
    }
    if (isScalar(node)) return this.scalar(node);
    return { kind: 'null', range };
  }

  private scalar(node: Scalar): AstNode {
    const range = rangeOf(node);
    const value: unknown = node.value;
    if (typeof value === 'number') return { kind: 'number', range, value, raw: node.source ?? String(value) };
    if (typeof value === 'boolean') return { kind: 'boolean', range, value };
    if (value === null || value === undefined) return { kind: 'null', range };
    return stringNode(String(value), node.type, range);
  }
}

function stringNode(value: string, type: Scalar['type'], range: OffsetRange): AstString {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    const valueRange = { start: range.start + 1, end: Math.max(range.start + 1, range.end - 1) };
    return { kind: 'string', range, value, valueRange, verbatim: valueRange.end - valueRange.start === value.length };
  }
  if (type === 'PLAIN') {
    return { kind: 'string', range, value, valueRange: range, verbatim: range.end - range.start === value.length };
  }
  // Block scalars (| and >): the text starts after the indicator line; point at the whole node.
  return { kind: 'string', range, value, valueRange: range, verbatim: false };
}

function rangeOf(node: YamlNode | null | undefined): OffsetRange {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: range[1] };
}

/**
 * Offset of the first "[" or "{" that opens a flow collection deeper than `limit`, or undefined.
 * Skips quoted scalars and comments; brackets inside plain scalars can only over-count, and only
 * an absurd number of them reaches the limit.
 */
export function flowNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const ch = text[pos];
    if (ch === '[' || ch === '{') {
      depth++;
      if (depth > limit) return pos;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    } else if ((ch === '"' || ch === "'") && startsScalar(text, pos)) {
      // Skip a quoted scalar; an unterminated one is not skipped, so nothing can hide behind it.
      const close = quoteEnd(text, pos);
      if (close !== undefined) pos = close;
    } else if (ch === '#' && (pos === 0 || /\s/.test(text[pos - 1]!))) {
      const newline = text.indexOf('\n', pos);
      if (newline < 0) return undefined;
      pos = newline;
    }
  }
  return undefined;
}

/** A quote opens a quoted scalar only at a value position (after ": ", "- ", "[", "{", "," or at line start). */
function startsScalar(text: string, pos: number): boolean {
  let before = pos - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  if (before < 0) return true;
  return ':-[{,?\n\r'.includes(text[before]!);
}

function quoteEnd(text: string, open: number): number | undefined {
  const quote = text[open];
  for (let pos = open + 1; pos < text.length; pos++) {
    const ch = text[pos];
    if (quote === '"' && ch === '\\') pos++;
    else if (ch === quote) {
      if (quote === "'" && text[pos + 1] === "'") pos++;
      else return pos;
    }
  }
  return undefined;
}
