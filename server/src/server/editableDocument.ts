/**
 * The server's open documents: vscode-languageserver-textdocument's TextDocument (same positions,
 * offsets, line table and change handling, ported from its version 1.0.12, MIT licence, Microsoft),
 * except for how the next version's text is built from a change, which the caller may supply.
 *
 * Why (issue 16): the library builds each version as `before + inserted + after`, a rope that V8
 * copies into a new flat string the first time anything reads it (the language service does, at
 * once). For a 1.3 MB policy that copy is a fresh large object per keystroke: ~330 page faults and
 * about half of the server's CPU time for an edit of a 10,000-setting file. The Node server builds
 * the text through a reused buffer instead (nodeTextSplice.ts); the web worker keeps the rope.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * The text with `text.slice(start, end)` replaced by `inserted`. `latin1` is true only when every
 * character of the result is below U+0100 (a splice may then store it one byte per character).
 */
export type TextSplice = (text: string, start: number, end: number, inserted: string, latin1: boolean) => string;

/** The library's own construction: a rope, flattened by its first reader. */
export const ropeSplice: TextSplice = (text, start, end, inserted) => text.substring(0, start) + inserted + text.substring(end, text.length);

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
const CARRIAGE_RETURN = 13;
const LINE_FEED = 10;

export class EditableDocument implements TextDocument {
  private lineOffsets: number[] | undefined;
  /** Whether every character is below U+0100 (false: not known to be); unknown until the first change. */
  private latin1: boolean | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private content: string,
    private readonly splice: TextSplice = ropeSplice,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.content;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        // Of the next text: all Latin-1 when the old one was and the inserted text is (a removed
        // character beyond it leaves the answer false, which only costs the one-byte storage).
        this.latin1 = (this.latin1 ?? !BEYOND_LATIN1.test(this.content)) && !BEYOND_LATIN1.test(change.text);
        this.content = this.splice(this.content, startOffset, endOffset, change.text, this.latin1);
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        let lineOffsets = this.lineOffsets!;
        const addedLineOffsets = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === addedLineOffsets.length) {
          for (let i = 0, len = addedLineOffsets.length; i < len; i++) lineOffsets[i + startLine + 1] = addedLineOffsets[i]!;
        } else if (addedLineOffsets.length < 10000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...addedLineOffsets);
        } else {
          // Too many arguments for splice.
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(addedLineOffsets, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) {
          for (let i = startLine + 1 + addedLineOffsets.length, len = lineOffsets.length; i < len; i++) lineOffsets[i] = lineOffsets[i] + diff;
        }
      } else if (isFull(change)) {
        this.content = change.text;
        this.lineOffsets = undefined;
        this.latin1 = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this.currentVersion = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    // low is the first line starting after offset (or the line count).
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  private getLineOffsets(): number[] {
    return this.lineOffsets ??= computeLineOffsets(this.content, true);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** The create/update pair of `TextDocuments`, with the given way of building each version's text. */
export function editableDocuments(splice: TextSplice = ropeSplice): {
  create: (uri: string, languageId: string, version: number, content: string) => EditableDocument;
  update: (document: EditableDocument, changes: TextDocumentContentChangeEvent[], version: number) => EditableDocument;
} {
  return {
    create: (uri, languageId, version, content) => new EditableDocument(uri, languageId, version, content, splice),
    update: (document, changes, version) => {
      document.update(changes, version);
      return document;
    },
  };
}

function isIncremental(event: TextDocumentContentChangeEvent): event is { range: Range; rangeLength?: number; text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown } | null | undefined;
  return candidate !== undefined && candidate !== null && typeof candidate.text === 'string' && candidate.range !== undefined
    && (candidate.rangeLength === undefined || typeof candidate.rangeLength === 'number');
}

function isFull(event: TextDocumentContentChangeEvent): event is { text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown } | null | undefined;
  return candidate !== undefined && candidate !== null && typeof candidate.text === 'string' && candidate.range === undefined && candidate.rangeLength === undefined;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CARRIAGE_RETURN && i + 1 < text.length && text.charCodeAt(i + 1) === LINE_FEED) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function isEOL(char: number): boolean {
  return char === CARRIAGE_RETURN || char === LINE_FEED;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}
