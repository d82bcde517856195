/**
 * What --fix changed (or --fix-dry-run would change): for a dry run the unified diff of each
 * file first, then one line a fix, `path:line:column fixed CODE title`, and a count. Text from
 * files is escaped for the terminal except inside the diff, whose lines must stay applicable
 * with `patch`/`git apply` (control characters there are the file's own bytes).
 */
import type { FixMode } from './lintFiles';
import type { LintReport } from './results';
import { escapeForTerminal } from './terminalText';

export function formatFixes(report: LintReport, mode: FixMode): string {
  const out: string[] = [];
  if (mode === 'dry-run') for (const file of report.files) if (file.diff) out.push(file.diff);
  const verb = mode === 'write' ? 'fixed' : 'would fix';
  let count = 0;
  let files = 0;
  for (const file of report.files) {
    if (!file.fixes?.length) continue;
    files++;
    for (const fix of file.fixes) {
      count++;
      out.push(`${escapeForTerminal(file.path)}:${fix.line}:${fix.column} ${verb} ${escapeForTerminal(fix.code)} ${escapeForTerminal(fix.title)}\n`);
    }
  }
  const noun = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(mode === 'write'
    ? `Fixed ${noun(count, 'problem')} in ${noun(files, 'file')}.\n`
    : `Would fix ${noun(count, 'problem')} in ${noun(files, 'file')} (dry run: nothing written).\n`);
  return out.join('');
}
