/**
 * Pull diagnostics (textDocument/diagnostic), used when the client declares support for them:
 * the client decides when to ask, the server answers for the version it has. Result ids carry
 * the settings generation, the version and the document's workspace generation (which moves when
 * a partner file changes its cross-file findings), so an unchanged document answers "unchanged".
 * whfb.validation.delay applies here too: an answer waits until the document has been still for
 * the delay (QuietPeriod), then reports on the newest version.
 * A new version whose diagnostics equal the ones the client already holds is answered "unchanged"
 * too: a 10,000-setting policy's full answer, serialised again on every keystroke, was a large
 * share of an edit's time. Comparing is cheap: the service hands back the very Diagnostic objects
 * of findings an edit did not touch, so most items compare by identity.
 */
import type { DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { DocumentDiagnosticReportKind } from './lspRuntime';
import { runCancellable } from './cancellation';
import { toInput } from './documentInput';
import { guardRequest } from './guard';
import type { ValidationHost } from './pushDiagnostics';
import type { QuietPeriod } from './quietPeriod';
import type { TypingGuard } from './typingGuard';
import type { Diagnostic } from '../lsp/protocolTypes';

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * `refresh` asks the client to pull again (workspace/diagnostic/refresh): after the typing pause, for
 * the findings held back on the token being typed (typingGuard.ts). Their answer's result id is
 * marked, so the next pull of the same version is judged again (not answered "unchanged" by id) and
 * carries the findings no longer held. The answer with findings held back is itself "unchanged"
 * when what it shows is what the client holds already.
 */
export interface WorkspaceAwareness {
  /** Moves when the document's cross-file findings may have changed. */
  generationOf(uri: string): number;
  /**
   * A document that is no longer open but is a workspace file: its closed-file diagnostics. The
   * client pulls a document once more after closing it and keeps that answer until the workspace
   * pull reports the file, so the answer must not be empty.
   */
  closedFileDiagnostics(uri: string): Diagnostic[] | undefined;
}

/** Equality of JSON data (what a Diagnostic is). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => sameJson(left[key], right[key]));
}

/** True when both lists say the same, in the same order. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
  return true;
}

export function registerPullDiagnostics(host: ValidationHost, quiet: QuietPeriod, typing?: TypingGuard, refresh?: () => void, workspace?: WorkspaceAwareness): void {
  const { connection, documents, settings } = host;
  // Per open document, the last full answer: its result id and the items it carried.
  const lastFull = new Map<string, { resultId: string; items: readonly Diagnostic[] }>();
  documents.onDidClose((event) => lastFull.delete(event.document.uri));
  connection.languages.diagnostics.on(guardRequest(connection.console, 'textDocument/diagnostic', EMPTY_REPORT, async (params, token) => {
    const { validationDelayMs } = await settings.ready();
    await quiet.waitUntilStill(params.textDocument.uri, validationDelayMs, token);
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      const items = workspace?.closedFileDiagnostics(params.textDocument.uri);
      return items ? { kind: DocumentDiagnosticReportKind.Full, items } : EMPTY_REPORT;
    }
    return runCancellable(token, (): DocumentDiagnosticReport => {
      const input = toInput(document);
      const resultId = `${settings.generation}:${workspace?.generationOf(input.uri) ?? 0}:${input.version}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const all = host.validate(input);
      const { shown: items, retryInMs } = typing ? typing.hold(document, all) : { shown: all, retryInMs: undefined };
      setImmediate(() => host.validated(input.uri));
      const held = retryInMs !== undefined;
      if (held && refresh) setTimeout(refresh, retryInMs);
      const answerId = held ? `${resultId}:typing` : resultId;
      const last = lastFull.get(input.uri);
      lastFull.set(input.uri, { resultId: answerId, items });
      // A keystroke whose only new finding is held back leaves what the client shows as it is: no
      // need to send thousands of diagnostics again for it, nor for the next keystroke that takes it away.
      if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, items)) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: answerId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: answerId, items };
    });
  }));
}
