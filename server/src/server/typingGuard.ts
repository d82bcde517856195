/**
 * No error on the token being typed (issue 12 point 10), as TypeScript does: while the user types
 * `UsePassportFor|`, the half-written OMA-URI is no mistake yet. A finding whose range touches the
 * token at the last keystroke is held back until the user has paused for TYPING_PAUSE_MS, then
 * reported (push: published again; pull: the client is asked to pull again). Everything else is
 * reported as usual, after whfb.validation.delay (quietPeriod.ts), which this does not change.
 *
 * Only a keystroke counts: one incremental change of a few characters on one line. Opening a
 * document, a paste, a full-text sync or a multi-cursor edit is reported at once.
 */
import type { Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../lsp/protocolTypes';

/** How long after the last keystroke the token under it counts as being typed. */
export const TYPING_PAUSE_MS = 1000;
const MAX_KEYSTROKE_LENGTH = 30;
const TOKEN_STOP = /[\s"'`,;<>()[\]]/;

interface Keystroke {
  /** Offset just after the typed text, in the document as changed. */
  offset: number;
  version: number;
  at: number;
}

export class TypingGuard {
  private readonly keystrokes = new Map<string, Keystroke>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Called with the document before the change and the client's changes (TextDocuments' update hook). */
  changing(before: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const change = changes.length === 1 ? (changes[0] as { range?: Range; text: string }) : undefined;
    if (!change?.range || change.text.length > MAX_KEYSTROKE_LENGTH || /[\r\n]/.test(change.text) || change.range.start.line !== change.range.end.line) {
      this.keystrokes.delete(before.uri);
      return;
    }
    this.keystrokes.set(before.uri, { offset: before.offsetAt(change.range.start) + change.text.length, version, at: this.now() });
  }

  closed(uri: string): void {
    this.keystrokes.delete(uri);
  }

  /**
   * The diagnostics to report now and, when some are held back, how many milliseconds until they
   * may be reported (the caller reports again then).
   */
  hold(document: TextDocument, diagnostics: Diagnostic[]): { shown: Diagnostic[]; retryInMs?: number } {
    const keystroke = this.keystrokes.get(document.uri);
    if (!keystroke || keystroke.version !== document.version || diagnostics.length === 0) return { shown: diagnostics };
    const remaining = keystroke.at + TYPING_PAUSE_MS - this.now();
    if (remaining <= 0) return { shown: diagnostics };
    const text = document.getText();
    let start = Math.min(keystroke.offset, text.length);
    let end = start;
    while (start > 0 && !TOKEN_STOP.test(text.charAt(start - 1))) start -= 1;
    while (end < text.length && !TOKEN_STOP.test(text.charAt(end))) end += 1;
    if (start === end) return { shown: diagnostics };
    const from = document.positionAt(start);
    const to = document.positionAt(end);
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
    const touches = (diagnostic: Diagnostic) => !before(diagnostic.range.end, from) && !before(to, diagnostic.range.start);
    const shown = diagnostics.filter((diagnostic) => !touches(diagnostic));
    if (shown.length === diagnostics.length) return { shown };
    return { shown, retryInMs: Math.ceil(remaining) + 5 };
  }
}
