/**
 * LSP 3.17 workspace pull diagnostics (workspace/diagnostic) for the closed policy files of the
 * workspace, used when the client pulls them (it declares workspace.diagnostics and
 * textDocument.diagnostic, as vscode-languageclient does); other clients get the closed files'
 * diagnostics pushed (workspaceSync.ts).
 *
 * How vscode-languageclient 9 drives it (lib/common/diagnostic.js): it sends workspace/diagnostic
 * with the result ids it holds and a partialResultToken, applies every partial result at once, and
 * asks again 2 s after an answer. workspace/diagnostic/refresh re-pulls its open documents only.
 * So the request is long-running here: it reports what differs from the client's result ids, then
 * waits for the index or the settings to change, never polling. Nothing is reported while the
 * workspace is being indexed (cross-file findings still move with every batch). With a
 * partialResultToken the request stays open and reports in chunks, as partial results; without
 * one it answers once something changed, and the client asks again.
 *
 * A file whose result id the client holds and that did not change is confirmed "unchanged" once,
 * in the first answer with a change; later partial results carry changes only.
 *
 * Result ids: server session, settings generation and a per-file generation that moves whenever
 * the file's diagnostics may have changed (its text, a partner file, its opening or closing). A file
 * that left the index (deleted, excluded) gets one empty report, then nothing. Open documents are
 * left to textDocument/diagnostic.
 */
import type { CancellationToken, Connection, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { DocumentDiagnosticReportKind } from './lspRuntime';
import type { Diagnostic } from '../lsp/protocolTypes';
import { cancelledError, yieldToEventLoop } from './cancellation';
import { guardRequest } from './guard';

/** Reports computed between two turns of the event loop, so other requests are answered meanwhile. */
const REPORTS_PER_TURN = 50;

export interface WorkspaceDiagnosticsHost {
  connection: Connection;
  /** Resolves once the settings are known; `generation` counts their changes. */
  settings: { ready(): Promise<unknown>; readonly generation: number };
  isOpen(uri: string): boolean;
  indexedFiles(): string[];
  /** Whether the workspace is being (re)indexed now: an answer without partial results waits for the end. */
  indexing(): boolean;
  /** A closed, indexed file's diagnostics, repository configuration applied. */
  closedFileDiagnostics(uri: string): Diagnostic[];
}

export class WorkspaceDiagnostics {
  private readonly session = Date.now().toString(36);
  private readonly generations = new Map<string, number>();
  private counter = 0;
  /** Counts changes, so a waiter that started after a change does not miss it. */
  private changes = 0;
  private readonly wakers = new Set<() => void>();
  private disposed = false;
  private openRequests = 0;

  constructor(private readonly host: WorkspaceDiagnosticsHost) {}

  /** Whether a client request is waiting: a change reaches the client through it, no refresh needed. */
  get waiting(): boolean {
    return this.openRequests > 0;
  }

  /** Part of every result id for `uri` (document pulls too): moves when its cross-file findings may have. */
  generationOf(uri: string): number {
    return this.generations.get(uri) ?? 0;
  }

  /** These files' diagnostics may have changed (their text, a partner, open or closed). */
  filesChanged(uris: Iterable<string>): void {
    for (const uri of uris) this.generations.set(uri, ++this.counter);
    this.wake();
  }

  /** Something every file's diagnostics depend on changed (settings, repository configuration), or indexing ended. */
  wake(): void {
    this.changes++;
    for (const waker of [...this.wakers]) waker();
  }

  /** Answers waiting requests with what they have (server shutdown). */
  dispose(): void {
    this.disposed = true;
    this.wake();
  }

  register(): void {
    const { connection } = this.host;
    connection.languages.diagnostics.onWorkspace(guardRequest(connection.console, 'workspace/diagnostic', { items: [] }, async (params, token, _workDone, resultProgress) => {
      await this.host.settings.ready();
      const known = new Map(params.previousResultIds.map((item) => [item.uri, item.value]));
      // The client's result ids that are still current are confirmed ("unchanged") once, with the first change.
      let confirm = known.size > 0;
      this.openRequests++;
      try {
        for (;;) {
          if (token.isCancellationRequested) throw cancelledError();
          if (this.disposed) return { items: [] };
          const seen = this.changes;
          // While the workspace is indexed, the files' cross-file findings are still moving: report once it is.
          if (!this.host.indexing()) {
            // With a partialResultToken each chunk goes out as soon as it is computed.
            const { items, changed } = await this.reportsSince(known, confirm, token, resultProgress && ((chunk) => resultProgress.report({ items: chunk })));
            if (changed) confirm = false;
            if (changed && !resultProgress) return { items };
          }
          await this.nextChange(seen, token);
        }
      } finally {
        this.openRequests--;
      }
    }));
  }

  /** The reports that differ from what the client holds (`known`, updated). */
  /**
   * The reports that differ from what the client holds (`known`, updated), and with `confirm`, once
   * one does, "unchanged" reports for the rest. `changed`: whether any full report was made.
   */
  private async reportsSince(
    known: Map<string, string>, confirm: boolean, token: CancellationToken, partial?: (chunk: WorkspaceDocumentDiagnosticReport[]) => void,
  ): Promise<{ items: WorkspaceDocumentDiagnosticReport[]; changed: boolean }> {
    const settingsGeneration = this.host.settings.generation;
    const indexed = this.host.indexedFiles();
    const indexedSet = new Set(indexed);
    const gone = `${this.session}:gone`;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const unchanged: WorkspaceDocumentDiagnosticReport[] = [];
    let computed = 0;
    for (const uri of new Set([...indexed, ...known.keys()])) {
      if (this.host.isOpen(uri)) continue;
      const isIndexed = indexedSet.has(uri);
      if (!isIndexed && !known.has(uri)) continue;
      const resultId = isIndexed ? `${this.session}:${settingsGeneration}:${this.generationOf(uri)}` : gone;
      if (known.get(uri) === resultId) {
        if (confirm && isIndexed) unchanged.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
        continue;
      }
      known.set(uri, resultId);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: isIndexed ? this.host.closedFileDiagnostics(uri) : [] });
      if (++computed % REPORTS_PER_TURN === 0) {
        if (partial) partial(items.splice(0));
        await yieldToEventLoop();
        if (token.isCancellationRequested) throw cancelledError();
      }
    }
    const changed = computed > 0;
    if (changed) items.push(...unchanged);
    if (partial && items.length > 0) partial(items.splice(0));
    return { items, changed };
  }

  /** Resolves on the next change after `seen` (at once if one happened), on cancellation or disposal. */
  private nextChange(seen: number, token: CancellationToken): Promise<void> {
    if (this.changes !== seen || this.disposed || token.isCancellationRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.wakers.delete(done);
        cancellation.dispose();
        // One turn later: a burst of changes (a batch of files) is answered once.
        setImmediate(resolve);
      };
      const cancellation = token.onCancellationRequested(done);
      this.wakers.add(done);
    });
  }
}
