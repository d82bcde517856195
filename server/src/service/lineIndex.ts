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

  constructor(private readonly text: string) {
    const checkpoints = [0];
    let line = 0;
    let at = text.indexOf('\n');
    while (at !== -1) {
      line += 1;
      if ((line & (STRIDE - 1)) === 0) checkpoints.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.checkpoints = checkpoints;
    this.lineCount = line + 1;
  }

  lineStart(line: number): number {
    const target = Math.max(0, Math.min(line, this.lineCount - 1));
    let offset = this.checkpoints[target >> STRIDE_BITS];
    for (let step = target & (STRIDE - 1); step > 0; step--) offset = this.text.indexOf('\n', offset) + 1;
    return offset;
  }

  /** End of the line's content, before "\r\n" or "\n". */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    const newline = this.text.indexOf('\n', start);
    if (newline === -1) return this.text.length;
    return newline > start && this.text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
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
      const newline = this.text.indexOf('\n', start);
      if (newline === -1 || newline >= offset) return line;
      line += 1;
      start = newline + 1;
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStart(position.line);
    const newline = this.text.indexOf('\n', start);
    const end = newline === -1 ? this.text.length : newline;
    return Math.min(start + Math.max(0, position.character), end);
  }

  range(range: OffsetRange): Range {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
  }
}
