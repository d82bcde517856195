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

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

export function registerPullDiagnostics(host: ValidationHost, quiet: QuietPeriod): void {
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
      const items = host.validate(input);
      setImmediate(() => host.validated(input.uri));
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    });
  }));
}
