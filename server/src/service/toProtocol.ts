/** Findings (offsets) to Diagnostics (line/character), at the service edge. */
import type { Finding } from '../model/types';
import type { LineIndex } from '../model/lineIndex';
import { DiagnosticSeverity, type Diagnostic, type SeverityName } from '../lsp/protocolTypes';

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `linesOf` converts related locations in other documents (cross-file findings); a related
 * location whose document it does not know is left out rather than pointed at the wrong line.
 */
export function toDiagnostic(item: Finding, uri: string, lines: LineIndex, linesOf?: (uri: string) => LineIndex | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.range(item.range),
    severity: SEVERITY[item.severity],
    code: item.code,
    source: 'whfb',
    message: item.message,
  };
  if (item.href) diagnostic.codeDescription = { href: item.href };
  if (item.related) {
    diagnostic.relatedInformation = item.related.flatMap((related) => {
      const where = related.uri === undefined || related.uri === uri ? lines : linesOf?.(related.uri);
      return where ? [{ location: { uri: related.uri ?? uri, range: where.range(related.range) }, message: related.message }] : [];
    });
  }
  // The settings the finding is about (DiagnosticData.paths), for the client's checklist view. A
  // finding's quick fix (Finding.data) is not sent: codeActions builds it from the finding of the
  // version the client asks about, matched by code and range, and nothing else read it. In a file
  // with thousands of findings it was up to half of every diagnostics answer (issue 16).
  if (item.paths) diagnostic.data = { paths: item.paths };
  return diagnostic;
}
