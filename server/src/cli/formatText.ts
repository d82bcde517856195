/** `path:line:column severity CODE message`, one finding a line, then a summary line. */
import { countTooLarge, type LintReport } from './results';
import { escapeForTerminal } from './terminalText';

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', information: '\u001b[36m', hint: '\u001b[2m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

export function formatText(report: LintReport, color: boolean): string {
  const paint = (style: keyof typeof COLORS, text: string) => (color ? `${COLORS[style]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  let problems = 0;
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      problems++;
      // One finding must stay on one line for grep and CI annotations.
      // Everything from a file is escaped for the terminal (terminalText.ts) before colors are added.
      const related = (d.related ?? []).map((item) => `${item.path}:${item.line}:${item.column}`);
      const message = escapeForTerminal(d.message.replace(/\s*\r?\n\s*/g, ' ') + (related.length > 0 ? ` (see ${related.join(', ')})` : ''));
      const where = `${escapeForTerminal(file.path)}:${d.line}:${d.column}`;
      lines.push(`${paint('bold', where)} ${paint(d.severity, d.severity)} ${paint('dim', escapeForTerminal(d.code))} ${message}`);
    }
  }
  const tooLarge = countTooLarge(report.files);
  const notChecked = tooLarge > 0 ? `; ${plural(tooLarge, 'file')} over the size limit not checked (WHFB003)` : '';
  const summary = `${plural(problems, 'problem')} (${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}) in ${plural(report.files.length, 'file')}${notChecked}`;
  lines.push(report.errors > 0 ? paint('error', summary) : report.warnings > 0 || tooLarge > 0 ? paint('warning', summary) : summary);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
