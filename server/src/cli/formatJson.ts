/** The JSON report of docs/cli.md: version 1, files with 1-based diagnostics, a summary. */
import { countTooLarge, type LintReport } from './results';

export function formatJson(report: LintReport): string {
  const document = {
    version: 1,
    // `fixes` only with --fix / --fix-dry-run: the fixes applied (or that would be).
    files: report.files.map((file) => ({ path: file.path, diagnostics: file.diagnostics, ...(file.fixes ? { fixes: file.fixes } : {}) })),
    summary: { files: report.files.length, errors: report.errors, warnings: report.warnings, ...tooLarge(report) },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Present only when some file was over the size limit (not checked, WHFB003). */
function tooLarge(report: LintReport): { tooLarge?: number } {
  const count = countTooLarge(report.files);
  return count > 0 ? { tooLarge: count } : {};
}
