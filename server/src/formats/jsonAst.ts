/**
 * A small JSON parser that keeps source offsets, so that adapters can point a diagnostic at the
 * exact text of a value. Hand-written recursive descent (linear, no regex backtracking) with an
 * explicit nesting limit: a hostile file cannot overflow the stack.
 *
 * The same tree shape (AstNode) is produced from YAML by yamlAst.ts, so the Settings Catalog and
 * custom-profile walkers are written once for both serialisations.
 */
import * as l10n from '@vscode/l10n';
import type { OffsetRange } from '../model/types';

export interface AstProperty {
  key: string;
  /** The key's text, inside its quotes. */
  keyRange: OffsetRange;
  value: AstNode;
}

export interface AstObject { kind: 'object'; range: OffsetRange; properties: AstProperty[] }
export interface AstArray { kind: 'array'; range: OffsetRange; items: AstNode[] }
export interface AstString {
  kind: 'string';
  range: OffsetRange;
  value: string;
  /** The string's text inside its quotes (equal to range for unquoted YAML scalars). */
  valueRange: OffsetRange;
  /** True when the source text inside the quotes is exactly `value` (no escapes, no folding). */
  verbatim: boolean;
}
export interface AstNumber { kind: 'number'; range: OffsetRange; value: number; raw: string }
export interface AstBoolean { kind: 'boolean'; range: OffsetRange; value: boolean }
export interface AstNull { kind: 'null'; range: OffsetRange }

export type AstNode = AstObject | AstArray | AstString | AstNumber | AstBoolean | AstNull;

export interface AstError {
  /** WHFB001 for a syntax error, WHFB003 for input we refuse to parse further (nesting too deep). */
  code: 'WHFB001' | 'WHFB003';
  message: string;
  range: OffsetRange;
}

export interface AstParseResult {
  root?: AstNode;
  errors: AstError[];
}

/** Deeper than any real export; deep enough that recursion stays far from the stack limit. */
export const MAX_NESTING_DEPTH = 512;

/**
 * The parser's nodes keep offsets and build a range only when a reader asks for it: a 5 MB
 * minified export has some 600,000 values and keys, and the range objects of each (two per string)
 * were most of the parse's allocation and of its garbage collection (issue 16). Each getter
 * returns a new range, as the parser's literals did; no reader mutates one.
 */
class ParsedProperty implements AstProperty {
  constructor(readonly key: string, private readonly keyStart: number, private readonly keyEnd: number, readonly value: AstNode) {}
  get keyRange(): OffsetRange { return { start: this.keyStart, end: this.keyEnd }; }
}

class ParsedObject implements AstObject {
  readonly kind = 'object';
  constructor(private readonly start: number, private readonly end: number, readonly properties: AstProperty[]) {}
  get range(): OffsetRange { return { start: this.start, end: this.end }; }
}

class ParsedArray implements AstArray {
  readonly kind = 'array';
  constructor(private readonly start: number, private readonly end: number, readonly items: AstNode[]) {}
  get range(): OffsetRange { return { start: this.start, end: this.end }; }
}

class ParsedString implements AstString {
  readonly kind = 'string';
  /** `start` is the opening quote's offset, `end` the offset after the closing quote. */
  constructor(private readonly start: number, private readonly end: number, readonly value: string, readonly verbatim: boolean) {}
  get range(): OffsetRange { return { start: this.start, end: this.end }; }
  get valueRange(): OffsetRange { return { start: this.start + 1, end: this.end - 1 }; }
}

class JsonSyntaxError extends Error {
  constructor(readonly astError: AstError) {
    super(astError.message);
  }
}

/** A JSON number token (sticky: set lastIndex to where it should start). */
export const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The first property with this exact key, or undefined. */
export function property(node: AstNode | undefined, key: string): AstNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (const prop of node.properties) if (prop.key === key) return prop.value;
  return undefined;
}

export function propertyEntry(node: AstNode | undefined, key: string): AstProperty | undefined {
  if (node?.kind !== 'object') return undefined;
  return node.properties.find((prop) => prop.key === key);
}

export function parseJson(text: string): AstParseResult {
  const parser = new JsonParser(text);
  try {
    const root = parser.parseDocument();
    return { root, errors: [] };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { errors: [error.astError] };
    // A bug in the parser must still not crash the server: report it as unparseable input.
    return { errors: [{ code: 'WHFB003', message: l10n.t('The JSON could not be parsed: {0}', String(error)), range: { start: 0, end: 0 } }] };
  }
}

/** Strings up to this length are looked up among those read before (see JsonParser.shared). */
const MAX_SHARED_LENGTH = 96;
/** Slots of the table of strings read before: a power of two. */
const SHARED_SLOTS = 2048;

class JsonParser {
  private pos = 0;
  /** Whether the string readString read last is its source text (no escapes). */
  private verbatim = true;
  /**
   * Short strings read before, by a hash of their characters: a minified export repeats the same
   * keys, setting ids and @odata.type values hundreds of thousands of times, and one string object
   * per occurrence was most of the parse's garbage.
   */
  private readonly shared: (string | undefined)[] = new Array<string | undefined>(SHARED_SLOTS);
  /**
   * The properties and items of the objects and arrays being read, innermost last: each is copied
   * out into an array of its exact length when it closes. An array grown by push keeps room for 17
   * entries, most of it empty for the three or four properties of an export's objects.
   */
  private readonly properties: AstProperty[] = [];
  private propertyCount = 0;
  private readonly items: AstNode[] = [];
  private itemCount = 0;

  constructor(private readonly text: string) {}

  parseDocument(): AstNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail(l10n.t('The JSON document is empty.'), this.pos, this.pos);
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail(l10n.t('Unexpected text after the end of the JSON document.'), this.pos, this.lineEnd(this.pos));
    }
    return root;
  }

  private parseValue(depth: number): AstNode {
    if (depth > MAX_NESTING_DEPTH) {
      throw new JsonSyntaxError({
        code: 'WHFB003',
        message: l10n.t('The JSON is nested more than {0} levels deep and is not checked.', MAX_NESTING_DEPTH),
        range: { start: this.pos, end: this.pos + 1 },
      });
    }
    switch (this.text.charCodeAt(this.pos)) {
      case 0x7b /* { */: return this.parseObject(depth);
      case 0x5b /* [ */: return this.parseArray(depth);
      case 0x22 /* " */: return this.parseString();
      case 0x74 /* t */: return { kind: 'boolean', value: true, range: this.parseLiteral('true') };
      case 0x66 /* f */: return { kind: 'boolean', value: false, range: this.parseLiteral('false') };
      case 0x6e /* n */: return { kind: 'null', range: this.parseLiteral('null') };
      default: {
        const ch = this.text[this.pos];
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber();
        if (ch === undefined) this.fail(l10n.t('Unexpected end of the JSON document: a value is missing.'), this.pos, this.pos);
        return this.fail(l10n.t('Unexpected character {0}: expected a JSON value.', JSON.stringify(ch)), this.pos, this.pos + 1);
      }
    }
  }

  private parseObject(depth: number): AstObject {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return new ParsedObject(start, this.pos, []);
    }
    const first = this.propertyCount;
    for (;;) {
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) !== 0x22 /* " */) {
        if (text.charCodeAt(this.pos) === 0x7d /* } */) this.fail(l10n.t('Trailing comma before "}".'), this.pos - 1, this.pos);
        this.failExpected(l10n.t('a property name in double quotes'));
      }
      // A key is kept as its value and offsets: no AstString for it (a 5 MB export has 300,000 keys).
      const keyStart = this.pos;
      const key = this.readString();
      const keyEnd = this.pos - 1;
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) !== 0x3a /* : */) this.failExpected(l10n.t('":" after the property name'));
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      this.properties[this.propertyCount++] = new ParsedProperty(key, keyStart + 1, keyEnd, value);
      this.skipWhitespace();
      const next = text.charCodeAt(this.pos);
      if (next === 0x2c /* , */) { this.pos++; continue; }
      if (next === 0x7d /* } */) { this.pos++; break; }
      this.failExpected(l10n.t('"," or "}"'));
    }
    const properties = this.properties.slice(first, this.propertyCount);
    this.propertyCount = first;
    return new ParsedObject(start, this.pos, properties);
  }

  private parseArray(depth: number): AstArray {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return new ParsedArray(start, this.pos, []);
    }
    const first = this.itemCount;
    for (;;) {
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) === 0x5d /* ] */) this.fail(l10n.t('Trailing comma before "]".'), this.pos - 1, this.pos);
      const item = this.parseValue(depth + 1);
      this.items[this.itemCount++] = item;
      this.skipWhitespace();
      const next = text.charCodeAt(this.pos);
      if (next === 0x2c /* , */) { this.pos++; continue; }
      if (next === 0x5d /* ] */) { this.pos++; break; }
      this.failExpected(l10n.t('"," or "]"'));
    }
    const items = this.items.slice(first, this.itemCount);
    this.itemCount = first;
    return new ParsedArray(start, this.pos, items);
  }

  private parseString(): AstString {
    const start = this.pos;
    const value = this.readString();
    return new ParsedString(start, this.pos, value, this.verbatim);
  }

  /** The string starting at this.pos (its opening quote), decoded; this.pos ends after the closing quote. */
  private readString(): string {
    const start = this.pos;
    const text = this.text;
    let pos = start + 1;
    let value = '';
    let chunkStart = pos;
    let verbatim = true;
    let hash = 0;
    for (;;) {
      if (pos >= text.length) this.fail(l10n.t('Unterminated string: the closing quote is missing.'), start, this.lineEnd(start));
      const code = text.charCodeAt(pos);
      hash = (Math.imul(hash, 31) + code) | 0;
      if (code === 0x22 /* " */) break;
      if (code < 0x20) this.fail(l10n.t('Unterminated string: a line break or control character inside a string must be escaped.'), start, pos);
      if (code === 0x5c /* \ */) {
        verbatim = false;
        value += text.slice(chunkStart, pos);
        const escape = text[pos + 1];
        switch (escape) {
          case '"': value += '"'; break;
          case '\\': value += '\\'; break;
          case '/': value += '/'; break;
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case 'n': value += '\n'; break;
          case 'r': value += '\r'; break;
          case 't': value += '\t'; break;
          case 'u': {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(l10n.t('Invalid \\u escape: expected four hex digits.'), pos, Math.min(pos + 6, text.length));
            value += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            this.fail(l10n.t('Invalid escape "\\{0}" in a string.', escape ?? ''), pos, Math.min(pos + 2, text.length));
        }
        pos += 2;
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    this.pos = pos + 1;
    this.verbatim = verbatim;
    if (!verbatim || pos - chunkStart > MAX_SHARED_LENGTH) return value + text.slice(chunkStart, pos);
    const slot = hash & (SHARED_SLOTS - 1);
    const seen = this.shared[slot];
    if (seen !== undefined && seen.length === pos - chunkStart && text.startsWith(seen, chunkStart)) return seen;
    const read = text.slice(chunkStart, pos);
    this.shared[slot] = read;
    return read;
  }

  private parseNumber(): AstNumber {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match || match[0] === '-') return this.fail(l10n.t('Invalid number.'), this.pos, this.pos + 1);
    const start = this.pos;
    this.pos += match[0].length;
    return { kind: 'number', range: { start, end: this.pos }, value: Number(match[0]), raw: match[0] };
  }

  /** The range of `word` (true, false or null) at this.pos. */
  private parseLiteral(word: string): OffsetRange {
    if (!this.text.startsWith(word, this.pos)) {
      let end = this.pos;
      while (end < this.text.length && /[A-Za-z0-9_]/.test(this.text[end]!)) end++;
      this.fail(l10n.t('Unexpected word "{0}": expected a JSON value.', this.text.slice(this.pos, Math.max(end, this.pos + 1))), this.pos, Math.max(end, this.pos + 1));
    }
    const start = this.pos;
    this.pos += word.length;
    return { start, end: this.pos };
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private lineEnd(from: number): number {
    const newline = this.text.indexOf('\n', from);
    return newline < 0 ? this.text.length : newline;
  }

  private failExpected(what: string): never {
    if (this.pos >= this.text.length) this.fail(l10n.t('Unexpected end of the JSON document: expected {0}.', what), this.pos, this.pos);
    return this.fail(l10n.t('Expected {0}, found {1}.', what, JSON.stringify(this.text[this.pos])), this.pos, this.pos + 1);
  }

  private fail(message: string, start: number, end: number): never {
    throw new JsonSyntaxError({ code: 'WHFB001', message, range: { start, end } });
  }
}
