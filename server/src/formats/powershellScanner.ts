/**
 * A small PowerShell reader that keeps offsets: enough of the language to find the data a policy
 * script or a Microsoft365DSC configuration holds, never enough to run anything.
 *
 * It reads strings ('...' with doubled quotes, "..." with backtick escapes, doubled quotes and
 * $var / ${var} / $(...) interpolation, here-strings @'...'@ and @"..."@), comments (# and <# #>),
 * hashtables @{ key = value }, arrays @( ... ), and keyword blocks `Name ['label'] { Key = value }`
 * (DSC resources and CIM instances such as MSFT_MicrosoftGraphomaSetting). Everything else is an
 * opaque expression. One forward pass; nesting is followed with an explicit depth limit, so a
 * hostile file cannot overflow the stack; an unclosed string or bracket ends at the end of the text.
 */
import type { OffsetRange } from '../model/types';

/** A string as written: its decoded value and where its text is. */
export interface PsString {
  kind: 'string';
  range: OffsetRange;
  /** Decoded text; interpolated parts are kept as written ("$tenantId"). */
  value: string;
  /** The text between the quotes (between the header line and the closing line for a here-string). */
  valueRange: OffsetRange;
  /** The source text inside the quotes is exactly `value`. */
  verbatim: boolean;
  /** Double-quoted: `$name`, `${name}` and `$(...)` are expanded when the script runs. */
  expandable: boolean;
  hereString: boolean;
  /** Source ranges of the interpolated parts (expandable strings only). */
  variables: OffsetRange[];
}

export interface PsEntry {
  /** The key as written, without quotes. */
  key: string;
  keyRange: OffsetRange;
  value: PsValue;
}

/** A hashtable `@{ ... }`, or a keyword block `Head ['label'] { ... }` (its `head` set). */
export interface PsBlock {
  kind: 'block';
  range: OffsetRange;
  entries: PsEntry[];
  /** The command or class name before a keyword block ("IntuneAccountProtectionPolicyWindows10"). */
  head?: { name: string; range: OffsetRange; label?: PsString };
}

export type PsValue =
  | PsString
  | PsBlock
  | { kind: 'array'; range: OffsetRange; items: PsValue[] }
  | { kind: 'number'; range: OffsetRange; value: number }
  | { kind: 'boolean'; range: OffsetRange; value: boolean }
  | { kind: 'null'; range: OffsetRange }
  /** A variable, a call, an operator expression: its value is known only when the script runs. */
  | { kind: 'expression'; range: OffsetRange };

export interface PsDocument {
  /** Every hashtable and keyword block, outermost first, in source order. */
  blocks: PsBlock[];
  /** Every string, including those inside blocks (here-strings holding JSON are found here). */
  strings: PsString[];
  /** Comment ranges (with their markers). */
  comments: OffsetRange[];
}

/** Deeper than any real script; shallow enough for the call stack. */
const MAX_DEPTH = 200;

const BAREWORD = /[A-Za-z0-9_.\-:\\/*?%+]/;
const VARIABLE_NAME = /[A-Za-z0-9_:?]/;
// Sticky: matched in place, no slice of the text per value (a 2 MB script has tens of thousands).
const LITERAL_VARIABLE = /\$(true|false|null)(?![A-Za-z0-9_:])/iy;
const NUMBER = /-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?)(?:kb|mb|gb|tb|pb)?(?![A-Za-z0-9_.])/iy;

export function scanPowerShell(text: string): PsDocument {
  const reader = new PsReader(text);
  reader.readStatements(undefined, 0);
  return { blocks: reader.blocks, strings: reader.strings, comments: reader.comments };
}

class PsReader {
  pos: number;
  readonly blocks: PsBlock[] = [];
  readonly strings: PsString[] = [];
  readonly comments: OffsetRange[] = [];

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /**
   * Statements until `close` (or the end): `key = value` entries are collected into `into`; any
   * other statement is skipped token by token, its nested blocks still read.
   */
  readStatements(into: PsEntry[] | undefined, depth: number, close = ''): void {
    const text = this.text;
    while (this.pos < text.length) {
      this.skipSpace(true);
      if (this.pos >= text.length) return;
      const ch = text[this.pos]!;
      if (close && ch === close) return;
      if (ch === ';') { this.pos++; continue; }
      if (into && this.tryEntry(into, depth)) continue;
      const before = this.pos;
      this.skipStatement(depth, close);
      // A closer that belongs to no construct here (")" in a block): step over it.
      if (this.pos === before) this.pos++;
    }
  }

  /** `key = value` at the statement start; the position is restored when it is not one. */
  private tryEntry(into: PsEntry[], depth: number): boolean {
    const start = this.pos;
    const text = this.text;
    let key: string | undefined;
    let keyRange: OffsetRange | undefined;
    const ch = text[start]!;
    if (ch === "'" || ch === '"') {
      const string = this.readString(false);
      if (string.expandable && string.variables.length > 0) { this.pos = start; return false; }
      key = string.value;
      keyRange = string.valueRange;
    } else if (BAREWORD.test(ch) && ch !== '-') {
      const end = this.barewordEnd(start);
      key = text.slice(start, end);
      keyRange = { start, end };
      this.pos = end;
    }
    if (key === undefined || keyRange === undefined) return false;
    this.skipSpace(false);
    if (text[this.pos] !== '=' || text[this.pos + 1] === '=') {
      this.pos = start;
      return false;
    }
    this.pos++;
    this.skipSpace(false);
    const value = this.readValue(depth);
    into.push({ key, keyRange, value });
    return true;
  }

  /** A value after `=` or in an array: a literal, a block, an array, or an expression up to the statement end. */
  readValue(depth: number): PsValue {
    const text = this.text;
    const start = this.pos;
    const value = this.readPrimary(depth);
    // `'a' + $b`, `5 * 2`, `$x.Count`: anything that follows on the line makes it an expression.
    const after = this.pos;
    this.skipSpace(false);
    const next = text[this.pos];
    if (next === undefined || next === ';' || next === '}' || next === ')' || next === ',' || next === '\n' || next === '\r' || next === '#') {
      this.pos = after;
      return value;
    }
    this.skipStatement(depth, '', true);
    return { kind: 'expression', range: { start, end: this.pos } };
  }

  private readPrimary(depth: number): PsValue {
    const text = this.text;
    const start = this.pos;
    const ch = text[start];
    if (ch === undefined) return { kind: 'expression', range: { start, end: start } };
    if (ch === '@' && text[start + 1] === '{') return this.readBlock(depth, start, start + 2);
    if (ch === '@' && text[start + 1] === '(') return this.readArray(depth, start);
    if (ch === "'" || ch === '"' || (ch === '@' && (text[start + 1] === "'" || text[start + 1] === '"'))) return this.readString(true);
    if (ch === '$') {
      LITERAL_VARIABLE.lastIndex = start;
      const name = LITERAL_VARIABLE.exec(text);
      if (name) {
        this.pos = start + name[0].length;
        const word = name[1]!.toLowerCase();
        const range = { start, end: this.pos };
        return word === 'null' ? { kind: 'null', range } : { kind: 'boolean', range, value: word === 'true' };
      }
      this.skipVariable(depth);
      return { kind: 'expression', range: { start, end: this.pos } };
    }
    if (ch === '[') {
      // A cast ([int]5, [string[]]@(...)): the value is what follows (casts chain, within the depth limit).
      this.skipBalanced('[', ']', depth);
      this.skipSpace(false);
      if (depth < MAX_DEPTH && this.pos < text.length && !/[;\r\n})]/.test(text[this.pos]!)) return this.readPrimary(depth + 1);
      return { kind: 'expression', range: { start, end: this.pos } };
    }
    if (ch === '(') {
      this.readParenthesised(depth);
      return { kind: 'expression', range: { start, end: this.pos } };
    }
    if (ch === '{') {
      this.readBlock(depth, undefined, start + 1);
      return { kind: 'expression', range: { start, end: this.pos } };
    }
    NUMBER.lastIndex = start;
    const number = (ch >= '0' && ch <= '9') || ch === '-' ? NUMBER.exec(text) : null;
    if (number) {
      this.pos = start + number[0].length;
      const parsed = Number(number[0]);
      return Number.isFinite(parsed) ? { kind: 'number', range: { start, end: this.pos }, value: parsed } : { kind: 'expression', range: { start, end: this.pos } };
    }
    if (BAREWORD.test(ch)) {
      // A keyword block as a value: `SettingInstance = MSFT_...{ ... }`.
      const end = this.barewordEnd(start);
      this.pos = end;
      this.skipSpace(false);
      if (text[this.pos] === '{') return this.readBlock(depth, undefined, this.pos + 1, { name: text.slice(start, end), range: { start, end } });
      this.pos = end;
      return { kind: 'expression', range: { start, end } };
    }
    this.pos = start + 1;
    return { kind: 'expression', range: { start, end: this.pos } };
  }

  /** A hashtable (`@{` at `open`) or a block whose `{` is just before `bodyStart`; collected in `blocks`. */
  private readBlock(depth: number, hashStart: number | undefined, bodyStart: number, head?: PsBlock['head']): PsBlock {
    const start = head?.range.start ?? hashStart ?? bodyStart - 1;
    const block: PsBlock = { kind: 'block', range: { start, end: bodyStart }, entries: [], ...(head ? { head } : {}) };
    this.blocks.push(block);
    this.pos = bodyStart;
    if (depth >= MAX_DEPTH) {
      this.skipBalanced('{', '}', MAX_DEPTH, bodyStart - 1);
    } else {
      this.readStatements(block.entries, depth + 1, '}');
      if (this.text[this.pos] === '}') this.pos++;
    }
    block.range.end = this.pos;
    return block;
  }

  private readArray(depth: number, start: number): PsValue {
    const items: PsValue[] = [];
    const text = this.text;
    this.pos = start + 2;
    while (this.pos < text.length && depth < MAX_DEPTH) {
      this.skipSpace(true);
      const ch = text[this.pos];
      if (ch === undefined) break;
      if (ch === ')') { this.pos++; break; }
      if (ch === ',' || ch === ';') { this.pos++; continue; }
      const before = this.pos;
      items.push(this.readValue(depth + 1));
      if (this.pos === before) this.pos++;
    }
    return { kind: 'array', range: { start, end: this.pos }, items };
  }

  /**
   * Skips one statement (to a newline, `;` or the enclosing `close`), reading the blocks, arrays
   * and strings in it. A keyword block's head is the first bareword of the statement, its label
   * the string after it. `inValue`: the statement is the rest of a value (no head).
   */
  private skipStatement(depth: number, close: string, inValue = false): void {
    const text = this.text;
    let head: { name: string; range: OffsetRange; label?: PsString } | undefined;
    let tokens = 0;
    while (this.pos < text.length) {
      this.skipSpace(false);
      const ch = text[this.pos];
      if (ch === undefined) return;
      if (ch === '\n' || ch === '\r') {
        // `Resource 'label'` with its `{` on the next line (how Microsoft365DSC exports are written).
        if (head && !inValue && tokens <= 2 && this.braceOnNextLines()) continue;
        return;
      }
      if (ch === ';') return;
      if (close && ch === close) return;
      if (ch === '}' || ch === ')') {
        // A stray closer of an outer construct: leave it to that construct.
        if (close || depth > 0) return;
        this.pos++;
        continue;
      }
      const start = this.pos;
      if (ch === '{') {
        this.readBlock(depth, undefined, start + 1, !inValue && tokens <= 2 ? head : undefined);
      } else if (ch === '@' && text[start + 1] === '{') {
        this.readBlock(depth, start, start + 2);
      } else if (ch === '@' && text[start + 1] === '(') {
        this.readArray(depth, start);
      } else if (ch === "'" || ch === '"' || (ch === '@' && (text[start + 1] === "'" || text[start + 1] === '"'))) {
        const string = this.readString(true);
        if (head && tokens === 1 && !head.label) head.label = string;
      } else if (ch === '(') {
        this.readParenthesised(depth);
      } else if (ch === '$') {
        this.skipVariable(depth);
      } else if (ch === '[') {
        this.skipBalanced('[', ']', depth);
      } else if (BAREWORD.test(ch)) {
        const end = this.barewordEnd(start);
        if (tokens === 0 && ch !== '-') head = { name: text.slice(start, end), range: { start, end } };
        this.pos = end;
      } else {
        this.pos++;
      }
      tokens++;
    }
  }

  /** Moves to a `{` that follows only blank lines and comments; false (position unchanged) otherwise. */
  private braceOnNextLines(): boolean {
    const saved = this.pos;
    this.skipSpace(true);
    if (this.text[this.pos] === '{') return true;
    this.pos = saved;
    return false;
  }

  /** `( ... )`: its statements are read for the blocks in them (`(@{ ... } | ConvertTo-Json)`). */
  private readParenthesised(depth: number): void {
    if (depth >= MAX_DEPTH) {
      this.skipBalanced('(', ')', depth);
      return;
    }
    this.pos++;
    this.readStatements(undefined, depth + 1, ')');
    if (this.text[this.pos] === ')') this.pos++;
  }

  /** Reads a string or here-string at the position; `collect` adds it to `strings`. */
  readString(collect: boolean): PsString {
    const text = this.text;
    const start = this.pos;
    const here = text[start] === '@';
    const quote = text[here ? start + 1 : start]!;
    const expandable = quote === '"';
    const variables: OffsetRange[] = [];
    let string: PsString;
    if (here) {
      // @' or @" then the rest of the line (must be blank); the string ends at a line starting with '@ / "@.
      let contentStart = text.indexOf('\n', start + 2);
      contentStart = contentStart < 0 ? text.length : contentStart + 1;
      let end = text.length;
      let contentEnd = text.length;
      for (let line = contentStart; line < text.length;) {
        if (text[line] === quote && text[line + 1] === '@') {
          contentEnd = line;
          end = line + 2;
          break;
        }
        const next = text.indexOf('\n', line);
        if (next < 0) break;
        line = next + 1;
      }
      // The line break before the closing marker is not part of the value.
      let valueEnd = contentEnd;
      if (valueEnd > contentStart && text[valueEnd - 1] === '\n') valueEnd--;
      if (valueEnd > contentStart && text[valueEnd - 1] === '\r') valueEnd--;
      if (contentEnd < contentStart) valueEnd = contentStart;
      const raw = text.slice(contentStart, valueEnd);
      if (expandable) this.findVariables(contentStart, valueEnd, variables);
      const value = expandable ? this.decodeEscapes(raw) : raw;
      string = { kind: 'string', range: { start, end }, value, valueRange: { start: contentStart, end: valueEnd }, verbatim: value === raw, expandable, hereString: true, variables };
      this.pos = end;
    } else {
      // The value is built from slices between escapes: no string grows one character at a time.
      let out = '';
      let pos = start + 1;
      let from = pos;
      let verbatim = true;
      let contentEnd = text.length;
      while (pos < text.length) {
        const code = text.charCodeAt(pos);
        if (code === QUOTE_CODES[quote]) {
          if (text[pos + 1] === quote) {
            out += text.slice(from, pos) + quote;
            pos += 2;
            from = pos;
            verbatim = false;
            continue;
          }
          contentEnd = pos;
          break;
        }
        if (expandable && code === 0x60 /* ` */ && pos + 1 < text.length) {
          out += text.slice(from, pos) + decodeEscape(text[pos + 1]!);
          pos += 2;
          from = pos;
          verbatim = false;
          continue;
        }
        if (expandable && code === 0x24 /* $ */ && (text[pos + 1] === '(' || text[pos + 1] === '{' || VARIABLE_NAME.test(text[pos + 1] ?? ''))) {
          const varStart = pos;
          this.pos = pos;
          this.skipVariable(0);
          pos = Math.max(this.pos, pos + 1);
          variables.push({ start: varStart, end: pos });
          continue;
        }
        pos++;
      }
      out += text.slice(from, Math.min(pos, contentEnd));
      const end = contentEnd < text.length ? contentEnd + 1 : text.length;
      string = { kind: 'string', range: { start, end }, value: out, valueRange: { start: start + 1, end: contentEnd }, verbatim, expandable, hereString: false, variables };
      this.pos = end;
    }
    if (collect) this.strings.push(string);
    return string;
  }

  private findVariables(start: number, end: number, into: OffsetRange[]): void {
    const text = this.text;
    for (let pos = text.indexOf('$', start); pos >= 0 && pos < end; pos = text.indexOf('$', pos + 1)) {
      if (text[pos - 1] === '`') continue;
      const next = text[pos + 1] ?? '';
      if (next !== '(' && next !== '{' && !VARIABLE_NAME.test(next)) continue;
      const saved = this.pos;
      this.pos = pos;
      this.skipVariable(0);
      const varEnd = Math.min(end, Math.max(this.pos, pos + 1));
      this.pos = saved;
      into.push({ start: pos, end: varEnd });
      pos = varEnd - 1;
    }
  }

  private decodeEscapes(raw: string): string {
    if (!raw.includes('`')) return raw;
    return raw.replace(/`(.)/gs, (_all, ch: string) => decodeEscape(ch));
  }

  /** `$name`, `$scope:name`, `${any name}`, `$(subexpression)`, then `.Member`/`[index]` accessors are left to the caller. */
  private skipVariable(depth: number): void {
    const text = this.text;
    const start = this.pos;
    const next = text[start + 1];
    if (next === '(') {
      this.pos = start + 1;
      this.skipBalanced('(', ')', depth);
      return;
    }
    if (next === '{') {
      const close = text.indexOf('}', start + 2);
      this.pos = close < 0 ? text.length : close + 1;
      return;
    }
    let pos = start + 1;
    while (pos < text.length && VARIABLE_NAME.test(text[pos]!)) pos++;
    // "$tenantId:" is not a scope qualifier when nothing follows the colon.
    while (pos > start + 1 && text[pos - 1] === ':') pos--;
    this.pos = Math.max(pos, start + 1);
  }

  /** Skips from an opening bracket at the position (or at `at`) to its match, over strings and comments. */
  private skipBalanced(open: string, close: string, depth: number, at = this.pos): void {
    const text = this.text;
    const level = 0;
    this.pos = at;
    // "$("$("$(...)")")": strings and subexpressions nest through readString; stop following them deep down.
    if (this.balancedNesting >= MAX_DEPTH) {
      this.pos = text.length;
      return;
    }
    this.balancedNesting++;
    try {
      this.skipBalancedFrom(open, close, depth, level);
    } finally {
      this.balancedNesting--;
    }
  }

  private balancedNesting = 0;

  private skipBalancedFrom(open: string, close: string, depth: number, level: number): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === "'" || ch === '"' || (ch === '@' && (text[this.pos + 1] === "'" || text[this.pos + 1] === '"') && this.isHereStringHeader(this.pos))) {
        this.readString(depth < MAX_DEPTH);
        continue;
      }
      if (ch === '#' || (ch === '<' && text[this.pos + 1] === '#')) {
        if (this.skipComment()) continue;
      }
      if (ch === '`') { this.pos += 2; continue; }
      if (ch === open) level++;
      else if (ch === close) {
        level--;
        if (level <= 0) { this.pos++; return; }
      }
      this.pos++;
    }
  }

  private isHereStringHeader(at: number): boolean {
    const text = this.text;
    let pos = at + 2;
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    return pos >= text.length || text[pos] === '\n' || text[pos] === '\r';
  }

  private barewordEnd(start: number): number {
    const text = this.text;
    let pos = start;
    while (pos < text.length && BAREWORD.test(text[pos]!)) pos++;
    return Math.max(pos, start + 1);
  }

  /** Skips blanks, comments and line continuations; newlines too when `newlines`. */
  skipSpace(newlines: boolean): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\u00a0' || ch === '\ufeff') { this.pos++; continue; }
      if (newlines && (ch === '\n' || ch === '\r')) { this.pos++; continue; }
      if (ch === '`' && (text[this.pos + 1] === '\n' || text[this.pos + 1] === '\r')) {
        this.pos += text[this.pos + 1] === '\r' && text[this.pos + 2] === '\n' ? 3 : 2;
        continue;
      }
      if ((ch === '#' || (ch === '<' && text[this.pos + 1] === '#')) && this.skipComment()) continue;
      return;
    }
  }

  /** A comment at the position: `# ...` to the line end (not the line break), `<# ... #>`. */
  private skipComment(): boolean {
    const text = this.text;
    const start = this.pos;
    if (text[start] === '<' && text[start + 1] === '#') {
      const close = text.indexOf('#>', start + 2);
      this.pos = close < 0 ? text.length : close + 2;
    } else if (text[start] === '#') {
      let end = start;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      this.pos = end;
    } else {
      return false;
    }
    this.comments.push({ start, end: this.pos });
    return true;
  }
}

const QUOTE_CODES: Record<string, number> = { "'": 0x27, '"': 0x22 };

function decodeEscape(ch: string): string {
  switch (ch) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case '0': return '\0';
    case 'a': return '\x07';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'e': return '\x1b';
    default: return ch;
  }
}
