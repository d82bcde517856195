/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line per
 * finding, which the runner turns into annotations on the pull request's changed files, no SARIF
 * upload needed. Escaping as the runner's toolkit does it (@actions/core, command.ts):
 * in the message %, CR and LF; in a property also ':' and ',' (they separate properties).
 */
import type { SeverityName } from '../lsp/protocolTypes';
import type { LintReport } from './results';
import { escapeForTerminal } from './terminalText';

const COMMANDS: Record<SeverityName, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const properties = [
        `file=${escapeProperty(file.path)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      const message = d.href ? `${d.message}\n${d.href}` : d.message;
      lines.push(`::${COMMANDS[d.severity]} ${properties}::${escapeData(message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * Beyond the runner's escaping: the log shows the command line too, so the other control
 * characters a policy value may carry (ESC sequences, bidi overrides) are made visible as in
 * the text format (terminalText.ts). CR and LF stay: %0D and %0A are how a message spans lines.
 */
export function escapeData(text: string): string {
  const visible = text.split(/(\r|\n)/).map((part) => (part === '\r' || part === '\n' ? part : escapeForTerminal(part))).join('');
  return visible.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
