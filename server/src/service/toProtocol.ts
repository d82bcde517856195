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
  if (item.data) {
    diagnostic.data = item.data.fix === 'replace'
      ? { fix: 'replace', title: item.data.title, replacements: item.data.replacements.map((r) => ({ range: lines.range(r.range), newText: r.newText })) }
      : { fix: 'insert-settings', title: item.data.title, text: item.data.text, at: lines.positionAt(item.data.at) };
  }
  // The settings the finding is about (DiagnosticData.paths), for the client's checklist view.
  if (item.paths) diagnostic.data = { ...(diagnostic.data as object | undefined), paths: item.paths };
  return diagnostic;
}
