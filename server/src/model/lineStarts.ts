/**
 * Where each line of a text starts, as the editor counts lines: a line ends at "\r\n", "\n" or a
 * lone "\r" (LSP's TextDocument does the same). Offsets are UTF-16 code units, like the text.
 *
 * Why a table: a minified export or a SyncML dump is one line of megabytes. Finding "the start of
 * the line this offset is on" by scanning back (`lastIndexOf('\n', offset)`) or "its end" by
 * scanning forward costs the line's length, once per setting or finding: 20,000 items on one line
 * took minutes (issue 15, defect 4). With the table every such question is a binary search.
 */

import { changedRegion } from './changedRegion';

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
  if (remembered?.text !== text) remembered = (remembered && editedLineStarts(remembered, text)) ?? buildLineStarts(text);
  return remembered;
}

/**
 * The table of `text` from the table of the version before it, when the two differ in a small
 * region (an edit: one scan of the changed part, the rest copied or shifted, instead of a scan of
 * a 1.3 MB text per keystroke). Undefined when most of the text differs (another document).
 * A line start s depends only on the characters at s - 1 and s (after "\r", whether "\n" follows),
 * so the starts before the change are kept, the ones from just after it on are shifted, and the
 * ones in between are found again.
 */
function editedLineStarts(before: LineStarts, text: string): LineStarts | undefined {
  const { start, oldEnd, newEnd } = changedRegion(before.text, text);
  if ((newEnd - start) * 4 > text.length) return undefined;
  const starts = before.starts;
  // Kept: starts below `start`; found again: starts in [start, newEnd]; shifted: old starts from oldEnd + 1 on.
  let kept = lineOfOffset(before, start);
  if (starts[kept]! >= start) kept -= 1;
  const keptCount = Math.max(kept + 1, 1);
  let shiftedFrom = kept + 1;
  while (shiftedFrom < starts.length && starts[shiftedFrom]! < oldEnd + 1) shiftedFrom++;
  const found: number[] = [];
  for (let at = Math.max(start - 1, 0); at < newEnd; at++) {
    const code = text.charCodeAt(at);
    if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) found.push(at + 1);
  }
  const table = new Uint32Array(keptCount + found.length + starts.length - shiftedFrom);
  table.set(starts.subarray(0, keptCount));
  table.set(found, keptCount);
  const delta = text.length - before.text.length;
  let line = keptCount + found.length;
  for (let index = shiftedFrom; index < starts.length; index++) table[line++] = starts[index]! + delta;
  return { text, starts: table };
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
