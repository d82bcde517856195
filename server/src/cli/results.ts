/** What a whfb-lint run found, before it is printed in one of the output formats. */
import type { SeverityName } from '../lsp/protocolTypes';
import type { AppliedFix } from './fix/applyFixes';
import type { LocalFileFacts, PortableFileFacts } from '../rules/crossFile/facts';

export interface LintDiagnostic {
  /** 1-based, columns in UTF-16 code units as editors count them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
  href?: string;
  /** Other places the finding points at (cross-file findings: the other file's setting). */
  related?: LintRelated[];
}

export interface LintRelated {
  /** As FileResult.path: relative to the working directory where the file was given so. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface FileResult {
  path: string;
  diagnostics: LintDiagnostic[];
  /** Over the size limit, so not checked (WHFB003 says so unless --rule WHFB003=off). */
  tooLarge?: boolean;
  /** --fix / --fix-dry-run: the fixes applied (or that would be), in order. */
  fixes?: AppliedFix[];
  /** --fix-dry-run: the changes as a unified diff. */
  diff?: string;
  /**
   * What the file gives the cross-file step (cli/crossFileLint.ts), taken from the parse that
   * checked it, for the text on disk; absent with --no-cross-file and for files that are no policy.
   * Portable when a worker checked the file, local when this thread did (they never cross threads).
   */
  crossFileFacts?: PortableFileFacts | LocalFileFacts;
}

export interface LintReport {
  files: FileResult[];
  errors: number;
  warnings: number;
  /** Files that could not be read or checked; each is one stderr line and exit status 2. */
  problems: string[];
}

export function countTooLarge(files: readonly FileResult[]): number {
  return files.filter((file) => file.tooLarge === true).length;
}

export function countSeverity(files: readonly FileResult[], severity: SeverityName): number {
  let count = 0;
  for (const file of files) for (const diagnostic of file.diagnostics) if (diagnostic.severity === severity) count++;
  return count;
}
