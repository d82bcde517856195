/**
 * whfb.validation.delay on the pull path: VS Code asks for diagnostics (textDocument/diagnostic)
 * right after each change, so the wait after the last keystroke has to happen in the server. The
 * pull handler waits until the document has been still for the delay; an edit during the wait
 * restarts it (the newer version supersedes the one the request was made for), and a cancelled
 * request stops waiting at once.
 *
 * Opening a document is not a keystroke: a freshly opened document is checked without waiting,
 * as the setting's description promises a wait only "after the last keystroke".
 */
import type { CancellationToken } from 'vscode-languageserver/node';

export class QuietPeriod {
  /** performance.now() of the last edit, per document; absent for documents not edited since open. */
  private readonly lastEdit = new Map<string, number>();
  /** Documents whose open has been seen but not yet its content event (TextDocuments reports an open as both). */
  private readonly opening = new Set<string>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  opened(uri: string): void {
    this.lastEdit.delete(uri);
    this.opening.add(uri);
  }

  /** A content change: an edit, unless it is the change event that comes with an open. */
  changed(uri: string): void {
    if (this.opening.delete(uri)) return;
    this.lastEdit.set(uri, this.now());
  }

  closed(uri: string): void {
    this.lastEdit.delete(uri);
    this.opening.delete(uri);
  }

  /** Resolves once `uri` has had no edit for `delayMs`, or as soon as the token is cancelled. */
  async waitUntilStill(uri: string, delayMs: number, token: CancellationToken): Promise<void> {
    for (;;) {
      const last = this.lastEdit.get(uri);
      if (last === undefined || delayMs <= 0 || token.isCancellationRequested) return;
      const remaining = last + delayMs - this.now();
      if (remaining <= 0) return;
      await sleep(Math.ceil(remaining), token);
    }
  }
}

function sleep(ms: number, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const subscription = token.onCancellationRequested(done);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}
