/**
 * Offsets <-> line/character for one document version. Built once per version and shared by every
 * request on that version. It holds the start of every line (a Uint32Array: 160 KB for a
 * 40,000-line file), so every lookup is a binary search plus constant work, whatever the lines'
 * lengths. The earlier version kept every 32nd line start and searched newlines from there: on a
 * one-line minified export each position cost the whole line, and a 20,000-item one-line SyncML
 * took a minute to validate (issue 15, defect 4).
 *
 * Lines end at "\r\n", "\n" or a lone "\r", as in the editor and LSP's TextDocument; characters
 * are UTF-16 code units, like the text and LSP's default position encoding.
 */
import { lineContentEnd, lineOfOffset, lineStartsOf, type LineStarts } from './lineStarts';
import type { OffsetRange } from './types';
import type { Position, Range } from '../lsp/protocolTypes';

export class LineIndex {
  private readonly table: LineStarts;
  readonly lineCount: number;

  constructor(private readonly text: string) {
    // The table the adapter built while parsing this very text, when it did: one scan per version.
    this.table = lineStartsOf(text);
    this.lineCount = this.table.starts.length;
  }

  lineStart(line: number): number {
    return this.table.starts[Math.max(0, Math.min(line, this.lineCount - 1))]!;
  }

  /** End of the line's content, before "\r\n", "\n" or a lone "\r". */
  lineEnd(line: number): number {
    return lineContentEnd(this.table, Math.max(0, Math.min(line, this.lineCount - 1)));
  }

  lineOf(offset: number): number {
    return lineOfOffset(this.table, offset);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lineOfOffset(this.table, clamped);
    const start = this.table.starts[line]!;
    // An offset between "\r" and "\n" is no position the editor has: it is the line's end.
    return { line, character: Math.min(clamped, lineContentEnd(this.table, line)) - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.table.starts[position.line]!;
    // Clamped to the line's content, as LSP's TextDocument does: never between "\r" and "\n".
    return Math.min(start + Math.max(0, position.character), lineContentEnd(this.table, position.line));
  }

  range(range: OffsetRange): Range {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
  }
}
