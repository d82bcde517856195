/**
 * Line-level layout of a policy file, found without a YAML parse: where the `settings:` block
 * sequence starts and ends, where each entry starts, and the `# whfb-ignore` comments above an
 * entry. This is what lets the adapter parse the settings one entry at a time and re-parse only
 * the entries an edit touched.
 */
import { lineContentEnd, lineOfOffset, lineStartsOf, type LineStarts } from '../model/lineStarts';

export interface LineInfo {
  start: number;
  /** End of the content, before "\r\n" / "\n". */
  end: number;
  /** Start of the next line (or the text length). */
  next: number;
  indent: number;
  kind: 'blank' | 'comment' | 'item' | 'content';
}

export function lineAt(text: string, start: number): LineInfo {
  return readLineInto(text, start, { start, end: start, next: start, indent: 0, kind: 'blank' });
}

/** lineAt written into `line`: a scan over every line of a file reuses one object instead of making one per line. */
function readLineInto(text: string, start: number, line: LineInfo): LineInfo {
  const newline = text.indexOf('\n', start);
  const next = newline === -1 ? text.length : newline + 1;
  let end = newline === -1 ? text.length : newline;
  if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
  let at = start;
  // A BOM at the very start is not indentation.
  if (at === 0 && text.charCodeAt(0) === 0xfeff) at = 1;
  const contentFrom = at;
  while (at < end && text.charCodeAt(at) === 32) at += 1;
  const indent = at - contentFrom;
  let kind: LineInfo['kind'];
  if (at >= end) kind = 'blank';
  else if (text.charCodeAt(at) === 35 /* # */) kind = 'comment';
  else if (text.charCodeAt(at) === 45 /* - */ && (at + 1 >= end || text.charCodeAt(at + 1) === 32)) kind = 'item';
  else kind = 'content';
  line.start = start;
  line.end = end;
  line.next = next;
  line.indent = indent;
  line.kind = kind;
  return line;
}

export interface SettingsBlockLayout {
  /** Start of the first entry's `-` line. */
  entriesStart: number;
  /** Just after the last content line of the block (its newline included). */
  entriesEnd: number;
  /** Indentation of the `-` of every entry. */
  listIndent: number;
  /** Start offset of each entry's `-` line; entry i ends where entry i+1 starts (the last at entriesEnd). */
  entryStarts: number[];
}

const SETTINGS_KEY = /^settings[ \t]*:[ \t]*(#.*)?\r?$/gm;

/**
 * Finds the `settings:` block sequence at the top level. Undefined when the file has no such
 * block (or more than one, or a flow sequence): the adapter then parses the whole document.
 */
export function findSettingsBlock(text: string): SettingsBlockLayout | undefined {
  SETTINGS_KEY.lastIndex = 0;
  const first = SETTINGS_KEY.exec(text);
  if (!first) return undefined;
  if (SETTINGS_KEY.exec(text)) return undefined;
  let line = lineAt(text, first.index);
  let at = line.next;
  // The entries may be preceded by blank lines and comments.
  while (at < text.length) {
    line = lineAt(text, at);
    if (line.kind !== 'blank' && line.kind !== 'comment') break;
    at = line.next;
  }
  if (at >= text.length || line.kind !== 'item') return undefined;
  const listIndent = line.indent;
  const split = splitEntries(text, line.start, text.length, listIndent, 'block');
  if (!split) return undefined;
  return { entriesStart: line.start, entriesEnd: split.end, listIndent, entryStarts: split.starts };
}

/**
 * Splits [from, to) into entries at `-` lines of the list's indentation. In 'block' mode, stops
 * at the first line that ends the block (less indented, or a key at the list's indentation) and
 * drops trailing blank and comment lines; in the region modes (re-splitting after an edit) such a
 * line makes the split fail, so the caller falls back to a full parse.
 */
export function splitEntries(
  text: string,
  from: number,
  to: number,
  listIndent: number,
  mode: 'block' | 'region' | 'final-region',
): { starts: number[]; end: number } | undefined {
  const untilBlockEnd = mode === 'block';
  const starts: number[] = [];
  let lastContentEnd = from;
  let at = from;
  const line: LineInfo = { start: from, end: from, next: from, indent: 0, kind: 'blank' };
  while (at < to) {
    readLineInto(text, at, line);
    if (line.kind === 'item' && line.indent === listIndent) {
      starts.push(line.start);
      lastContentEnd = line.next;
    } else if (line.kind === 'blank' || line.kind === 'comment') {
      // Belongs to the entry above unless the block ends right after.
    } else if (line.indent > listIndent && starts.length > 0) {
      lastContentEnd = line.next;
    } else if (untilBlockEnd) {
      break;
    } else {
      return undefined;
    }
    at = line.next;
  }
  if (starts.length === 0 || starts[0] !== from) return undefined;
  // The block's last entry ends with a content line (trailing comments belong to what follows).
  if (mode === 'final-region' && lastContentEnd !== Math.min(to, text.length)) return undefined;
  return { starts, end: lastContentEnd };
}

const IGNORE = /^\s*#\s*whfb-ignore(?!-file)\b[ \t:]*([^\r\n]*)/i;
const IGNORE_FILE = /^\s*#\s*whfb-ignore-file\b[ \t:]*([^\r\n]*)/i;

export function parseCodeList(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => /^WHFB\d{3}$/.test(code));
}

/**
 * Shared by every entry without ignore comments (nearly all): one array instead of one per entry.
 * Frozen, so a caller that tried to add to it would fail loudly instead of silencing every entry.
 */
const NO_CODES = Object.freeze([]) as readonly string[] as string[];

/**
 * Codes of `# whfb-ignore CODE[, CODE]` comments on the lines directly above the line starting at
 * `lineStart`. Lines are found through the text's line-start table, and the last answer is
 * remembered: in one-line flow YAML every entry asks about the same line, and a backward scan per
 * entry was quadratic (issue 15, defect 4).
 */
export function ignoredCodesAbove(text: string, lineStart: number): string[] {
  const table = lineStartsOf(text);
  const line = lineOfOffset(table, lineStart);
  if (lastAnswer?.table === table && lastAnswer.line === line) return lastAnswer.codes === NO_CODES ? NO_CODES : [...lastAnswer.codes];
  // Nothing is allocated for a line without ignore comments above it (nearly every entry of a
  // 10,000-setting open): the list is made on the first code, the remembered answer updated in place.
  let codes: string[] | undefined;
  for (let above = line - 1; above >= 0 && above >= line - 20; above--) {
    const start = table.starts[above];
    const end = lineContentEnd(table, above);
    if (!isCommentLine(text, start, end)) break;
    const content = text.slice(start, end);
    const match = IGNORE.exec(content);
    if (match) (codes ??= []).push(...parseCodeList(match[1]));
  }
  const remembered = codes && codes.length > 0 ? [...codes] : NO_CODES;
  if (lastAnswer) {
    lastAnswer.table = table;
    lastAnswer.line = line;
    lastAnswer.codes = remembered;
  } else {
    lastAnswer = { table, line, codes: remembered };
  }
  return codes && codes.length > 0 ? codes : NO_CODES;
}

let lastAnswer: { table: LineStarts; line: number; codes: string[] } | undefined;

/**
 * Whether the line's content, trimmed, starts with `#`. Read in place: the line above nearly every
 * entry is the previous entry's last line, and cutting and trimming a copy of it allocated two
 * strings per entry. A character outside ASCII before the first other one is left to `trim`, which
 * knows every Unicode space.
 */
function isCommentLine(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    if (code > 127) return text.slice(start, end).trim().startsWith('#');
    return code === 35 /* # */;
  }
  return false;
}

/**
 * `# whfb-ignore-file CODE[, CODE]` in the comment lines at the top of the file (before the first
 * key) silences those codes in the whole file.
 */
export function fileIgnoredCodes(text: string): string[] {
  const codes: string[] = [];
  let at = 0;
  while (at < text.length) {
    const line = lineAt(text, at);
    if (line.kind === 'content' && text.startsWith('---', line.start)) {
      at = line.next;
      continue;
    }
    if (line.kind !== 'blank' && line.kind !== 'comment') break;
    const match = IGNORE_FILE.exec(text.slice(line.start, line.end));
    if (match) codes.push(...parseCodeList(match[1]));
    at = line.next;
  }
  return codes;
}

/** Line-start offset of the line containing `offset`: a binary search, whatever the line's length. */
export { lineStartOf } from '../model/lineStarts';

/** Deeper than this, a policy file is not a policy file: the YAML parser would recurse until the stack runs out. */
export const MAX_NESTING = 64;
const MAX_INDENT = 256;

/**
 * The offset where [from, to) nests flow collections or indents deeper than a policy file ever
 * does, or undefined. Quotes are skipped roughly (a bracket inside a string on one line).
 *
 * It runs on every document before anything else, while its code is still interpreted: a loop over
 * every character cost the first validation of a 100-setting file ~10 ms of CPU (bench/README.md,
 * "Cold open and start-up"). So the searches are native: `indexOf` for a too-deep indent (it does
 * not depend on the brackets: a quote or a comment never spans a line) and regular expressions
 * that stop only at the characters the bracket count reads (quotes, brackets, `#`; inside a quote,
 * its end or the line's).
 */
export function excessiveNesting(text: string, from = 0, to = text.length): number | undefined {
  const tooDeepIndent = firstTooDeepIndent(text, from, to);
  const limit = tooDeepIndent ?? to;
  let depth = 0;
  NESTING_CHARACTER.lastIndex = from;
  while (NESTING_CHARACTER.test(text)) {
    const at = NESTING_CHARACTER.lastIndex - 1;
    if (at >= limit) break;
    const code = text.charCodeAt(at);
    if (code === 34 || code === 39) {
      // A quote ends at the same quote or at the end of its line.
      const quoteEnd = code === 34 ? DOUBLE_QUOTE_END : SINGLE_QUOTE_END;
      quoteEnd.lastIndex = at + 1;
      if (!quoteEnd.test(text)) break;
      NESTING_CHARACTER.lastIndex = quoteEnd.lastIndex;
    } else if (code === 91 || code === 123) {
      depth += 1;
      if (depth > MAX_NESTING) return at;
    } else if (code === 93 || code === 125) {
      if (depth > 0) depth -= 1;
    } else if (at === from || text.charCodeAt(at - 1) === 32) {
      // A comment (`#` after a space): go on at the end of the line.
      const end = text.indexOf('\n', at);
      if (end === -1) break;
      NESTING_CHARACTER.lastIndex = end;
    }
  }
  return tooDeepIndent;
}

/** What the bracket count reads outside quotes: quotes, brackets and `#`. */
const NESTING_CHARACTER = /["'[\]{}#]/g;
const DOUBLE_QUOTE_END = /["\n]/g;
const SINGLE_QUOTE_END = /['\n]/g;

const TOO_DEEP_INDENT = ' '.repeat(MAX_INDENT + 1);

/** The offset of the first space past MAX_INDENT at the start of a line (`from` counts as a line start). */
function firstTooDeepIndent(text: string, from: number, to: number): number | undefined {
  let at = text.indexOf(TOO_DEEP_INDENT, from);
  while (at !== -1 && at + MAX_INDENT < to) {
    if (at === from || text.charCodeAt(at - 1) === 10) return at + MAX_INDENT;
    let runEnd = at + TOO_DEEP_INDENT.length;
    while (text.charCodeAt(runEnd) === 32) runEnd++;
    at = text.indexOf(TOO_DEEP_INDENT, runEnd);
  }
  return undefined;
}
