/**
 * Where "WHfB: Insert setting" puts a new entry, found on the text alone (the document may not
 * parse while it is being edited): in a policy file, after the settings entry under the cursor or
 * at the end of the `settings:` list (creating it when missing); in a custom profile, at the end of
 * the `omaSettings` array.
 */

export interface Insertion {
  /** Offsets of the text to replace (start === end for a pure insertion). */
  start: number;
  end: number;
  /** Indentation of the list items (YAML) or array elements (JSON). */
  indent: string;
  /** Text before and after the entry (newlines, commas, the `settings:` key). */
  before: string;
  after: string;
}

interface Line { start: number; end: number; text: string }

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end).replace(/\r$/, '') });
    if (newline < 0) return lines;
    start = newline + 1;
  }
}

const isBlankOrComment = (line: string) => /^\s*(#.*)?$/.test(line);

export function planYamlSettingInsertion(text: string, cursor: number): Insertion {
  const lines = splitLines(text);
  const keyIndex = lines.findIndex((line) => /^settings:\s*(\[\s*\])?\s*(#.*)?$/.test(line.text));
  if (keyIndex < 0) {
    const needsNewline = text.length > 0 && !text.endsWith('\n');
    return { start: text.length, end: text.length, indent: '  ', before: `${needsNewline ? '\n' : ''}settings:\n`, after: '' };
  }
  const keyLine = lines[keyIndex]!;
  const emptyFlow = /^settings:\s*\[\s*\]/.exec(keyLine.text);
  if (emptyFlow) {
    // `settings: []` becomes a block list.
    const bracket = keyLine.text.indexOf('[');
    const close = keyLine.text.indexOf(']') + 1;
    return { start: keyLine.start + bracket - 1, end: keyLine.start + close, indent: '  ', before: '\n', after: '' };
  }

  // The block: lines after the key that are indented, list items at column 0, blank or comments.
  let lastContent = keyIndex;
  for (let i = keyIndex + 1; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (isBlankOrComment(line)) continue;
    if (/^\s/.test(line) || line.startsWith('-')) lastContent = i;
    else break;
  }
  const itemIndent = lines.slice(keyIndex + 1, lastContent + 1).map((line) => /^(\s*)- /.exec(line.text)?.[1]).find((indent) => indent !== undefined) ?? '  ';
  const isItemStart = (line: Line) => line.text.startsWith(`${itemIndent}- `) || line.text === `${itemIndent}-`;

  const cursorLine = lines.findIndex((line) => cursor >= line.start && cursor <= line.end);
  if (cursorLine > keyIndex && cursorLine <= lastContent) {
    // After the entry under the cursor: before the next item of the list.
    for (let i = cursorLine + 1; i <= lastContent; i++) {
      if (isItemStart(lines[i]!)) return { start: lines[i]!.start, end: lines[i]!.start, indent: itemIndent, before: '', after: '' };
    }
  }
  const endLine = lines[lastContent]!;
  if (endLine.end === text.length) return { start: text.length, end: text.length, indent: itemIndent, before: '\n', after: '' };
  return { start: endLine.end + 1, end: endLine.end + 1, indent: itemIndent, before: '', after: '' };
}

/** Index of the bracket closing the one at `open`, skipping strings; -1 when unbalanced. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The end of the `omaSettings` array, or the cursor when the document has none. */
export function planJsonOmaSettingInsertion(text: string, cursor: number): Insertion {
  const key = /"omaSettings"\s*:\s*\[/.exec(text);
  const open = key ? key.index + key[0].length - 1 : -1;
  const close = open >= 0 ? matchingBracket(text, open) : -1;
  if (close < 0) return { start: cursor, end: cursor, indent: '', before: '', after: '' };

  const lineStart = text.lastIndexOf('\n', key!.index) + 1;
  const keyIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const inner = text.slice(open + 1, close);
  const firstElement = /\n([ \t]*)\S/.exec(inner);
  const indent = firstElement?.[1] ?? `${keyIndent}  `;
  if (inner.trim() === '') {
    return { start: open + 1, end: close, indent, before: '\n', after: `\n${keyIndent}` };
  }
  let last = close - 1;
  while (last > open && /\s/.test(text[last]!)) last--;
  return { start: last + 1, end: last + 1, indent, before: ',\n', after: '' };
}

/**
 * The editor re-indents every line of an inserted snippet after the first by the leading
 * whitespace of the line it is inserted on; the entry text is already indented absolutely, so that
 * whitespace is taken off first.
 */
export function indentRelativeToLine(snippet: string, linePrefix: string): string {
  const base = /^[ \t]*/.exec(linePrefix)![0];
  if (!base) return snippet;
  return snippet.split('\n').map((line, i) => (i > 0 && line.startsWith(base) ? line.slice(base.length) : line)).join('\n');
}
