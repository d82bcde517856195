/**
 * Pull diagnostics (textDocument/diagnostic), used when the client declares support for them:
 * the client decides when to ask, the server answers for the version it has. Result ids carry
 * the settings generation and the version, so an unchanged document answers "unchanged".
 * whfb.validation.delay applies here too: an answer waits until the document has been still for
 * the delay (QuietPeriod), then reports on the newest version.
 */
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { runCancellable } from './cancellation';
import { toInput } from './documentInput';
import { guardRequest } from './guard';
import type { ValidationHost } from './pushDiagnostics';
import type { QuietPeriod } from './quietPeriod';
import type { TypingGuard } from './typingGuard';

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * `refresh` asks the client to pull again (workspace/diagnostic/refresh): after the typing pause, for
 * the findings held back on the token being typed (typingGuard.ts). Their answer's result id is
 * marked, so the next pull of the same version is answered in full, not "unchanged".
 */
export function registerPullDiagnostics(host: ValidationHost, quiet: QuietPeriod, typing?: TypingGuard, refresh?: () => void): void {
  const { connection, documents, settings } = host;
  connection.languages.diagnostics.on(guardRequest(connection.console, 'textDocument/diagnostic', EMPTY_REPORT, async (params, token) => {
    const { validationDelayMs } = await settings.ready();
    await quiet.waitUntilStill(params.textDocument.uri, validationDelayMs, token);
    const document = documents.get(params.textDocument.uri);
    if (!document) return EMPTY_REPORT;
    return runCancellable(token, (): DocumentDiagnosticReport => {
      const input = toInput(document);
      const resultId = `${settings.generation}:${input.version}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      const all = host.validate(input);
      const { shown: items, retryInMs } = typing ? typing.hold(document, all) : { shown: all, retryInMs: undefined };
      setImmediate(() => host.validated(input.uri));
      if (retryInMs === undefined) return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
      if (refresh) setTimeout(refresh, retryInMs);
      return { kind: DocumentDiagnosticReportKind.Full, resultId: `${resultId}:typing`, items };
    });
  }));
}
