/**
 * Where each line of a text starts, as the editor counts lines: a line ends at "\r\n", "\n" or a
 * lone "\r" (LSP's TextDocument does the same). Offsets are UTF-16 code units, like the text.
 *
 * Why a table: a minified export or a SyncML dump is one line of megabytes. Finding "the start of
 * the line this offset is on" by scanning back (`lastIndexOf('\n', offset)`) or "its end" by
 * scanning forward costs the line's length, once per setting or finding: 20,000 items on one line
 * took minutes (issue 15, defect 4). With the table every such question is a binary search.
 */

export interface LineStarts {
  readonly text: string;
  /** starts[i] is the offset of the first character of line i; starts[0] is 0. */
  readonly starts: Uint32Array;
}

/**
 * The line-start table of `text`: two passes (count, then fill), so the only allocation is the
 * table itself; a growing number[] of 40,000 starts was most of an edit's garbage.
 */
export function buildLineStarts(text: string): LineStarts {
  if (!text.includes('\r')) {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Uint32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return { text, starts };
  }
  const found: number[] = [0];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) found.push(at + 1);
    else if (code === 13) {
      if (text.charCodeAt(at + 1) === 10) at += 1;
      found.push(at + 1);
    }
  }
  return { text, starts: Uint32Array.from(found) };
}

/**
 * The table of the text the format adapters are parsing now. Adapters ask about the same text many
 * times in a row (once per setting); one remembered table makes those questions O(log n) without
 * threading a table through every parser. Comparing strings is a pointer check when they are the
 * same string, and fails fast when the lengths differ.
 */
let remembered: LineStarts | undefined;

export function lineStartsOf(text: string): LineStarts {
  if (remembered?.text !== text) remembered = buildLineStarts(text);
  return remembered;
}

/** The line `offset` is on (an offset past the end is on the last line). */
export function lineOfOffset(table: LineStarts, offset: number): number {
  const starts = table.starts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** End of line `line`'s content: before its "\r\n", "\n" or lone "\r" (the text's end for the last line). */
export function lineContentEnd(table: LineStarts, line: number): number {
  const { starts, text } = table;
  if (line >= starts.length - 1) return text.length;
  const next = starts[line + 1]!;
  return text.charCodeAt(next - 1) === 10 && next - 2 >= starts[line]! && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
}

/** Offset of the start of the line containing `offset` (O(log n), whatever the line's length). */
export function lineStartOf(text: string, offset: number): number {
  const table = lineStartsOf(text);
  return table.starts[lineOfOffset(table, offset)]!;
}

/**
 * The content of the line above the one `offset` is on, or undefined on the first line. What a
 * `whfb-ignore` comment is looked for in.
 */
export function previousLineContent(text: string, offset: number): string | undefined {
  const table = lineStartsOf(text);
  const line = lineOfOffset(table, offset);
  if (line === 0) return undefined;
  return text.slice(table.starts[line - 1]!, lineContentEnd(table, line - 1));
}

/** The line `offset` is on: its start and the end of its content (before the line break). */
export function lineSpanAt(text: string, offset: number): { start: number; end: number } {
  const table = lineStartsOf(text);
  const line = lineOfOffset(table, offset);
  return { start: table.starts[line]!, end: lineContentEnd(table, line) };
}
