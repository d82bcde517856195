/** The JSON report of docs/cli.md: version 1, files with 1-based diagnostics, a summary. */
import type { LintReport } from './results';

export function formatJson(report: LintReport): string {
  const document = {
    version: 1,
    files: report.files.map((file) => ({ path: file.path, diagnostics: file.diagnostics })),
    summary: { files: report.files.length, errors: report.errors, warnings: report.warnings },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
