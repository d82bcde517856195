/**
 * Offsets <-> line/character for one document version. Built once per version and shared by every
 * request on that version. It keeps the start of every 32nd line only (a 10,000-setting file has
 * 40,000 lines: a full table per keystroke would be a large garbage object each time); a lookup is
 * a binary search over those checkpoints plus at most 31 newline searches.
 */
import type { OffsetRange } from '../model/types';
import type { Position, Range } from './protocolTypes';

const STRIDE_BITS = 5;
const STRIDE = 1 << STRIDE_BITS;

export class LineIndex {
  /** Offset of the first character of lines 0, 32, 64, ... */
  private readonly checkpoints: number[];
  readonly lineCount: number;
  /**
   * The editor (and LSP's TextDocument) also ends a line at a lone "\r". Counting only "\n" put
   * the diagnostics of such a file on the wrong lines, past the line's end (robustness fuzzing).
   * Rare, so only such texts take the slower character-by-character line search.
   */
  private readonly loneCarriageReturns: boolean;

  constructor(private readonly text: string) {
    this.loneCarriageReturns = text.includes('\r') && /\r(?!\n)/.test(text);
    const checkpoints = [0];
    let line = 0;
    let at = this.nextLineStart(0);
    while (at !== -1) {
      line += 1;
      if ((line & (STRIDE - 1)) === 0) checkpoints.push(at);
      at = this.nextLineStart(at);
    }
    this.checkpoints = checkpoints;
    this.lineCount = line + 1;
  }

  /** Start of the line after the one `from` is on, or -1 on the last line. */
  private nextLineStart(from: number): number {
    if (!this.loneCarriageReturns) {
      const newline = this.text.indexOf('\n', from);
      return newline === -1 ? -1 : newline + 1;
    }
    for (let at = from; at < this.text.length; at++) {
      const code = this.text.charCodeAt(at);
      if (code === 10) return at + 1;
      if (code === 13) return this.text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
    }
    return -1;
  }

  /** End of the content of the line starting at `start`: before "\r\n", "\n" or "\r". */
  private contentEnd(start: number): number {
    const next = this.nextLineStart(start);
    if (next === -1) return this.text.length;
    return next - 1 > start && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  lineStart(line: number): number {
    const target = Math.max(0, Math.min(line, this.lineCount - 1));
    let offset = this.checkpoints[target >> STRIDE_BITS];
    for (let step = target & (STRIDE - 1); step > 0; step--) offset = this.nextLineStart(offset);
    return offset;
  }

  /** End of the line's content, before "\r\n", "\n" or a lone "\r". */
  lineEnd(line: number): number {
    return this.contentEnd(this.lineStart(line));
  }

  lineOf(offset: number): number {
    const checkpoints = this.checkpoints;
    let low = 0;
    let high = checkpoints.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (checkpoints[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    let line = low << STRIDE_BITS;
    let start = checkpoints[low];
    for (;;) {
      const next = this.nextLineStart(start);
      if (next === -1 || next > offset) return line;
      line += 1;
      start = next;
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    const start = this.lineStart(line);
    // An offset between "\r" and "\n" is no position the editor has: it is the line's end.
    return { line, character: Math.min(clamped, this.contentEnd(start)) - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    // Clamped to the line's content, as LSP's TextDocument does: never between "\r" and "\n".
    return Math.min(start + Math.max(0, position.character), this.contentEnd(start));
  }

  range(range: OffsetRange): Range {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
  }
}
