/**
 * Runs the language service over the collected files: read, detect, validate, forget. One
 * service for the whole run, so its set-up (catalog, schema) happens once.
 */
import { pathToFileURL } from 'node:url';
import type { WhfbLanguageService } from '../service/api';
import type { Diagnostic, SeverityName } from '../service/protocolTypes';
import { RULES_BY_CODE } from '../rules/codes';
import type { Candidate } from './collectFiles';
import { describeFsError } from './fsErrors';
import { readPolicyFile } from './readPolicyFile';
import type { FileResult, LintDiagnostic } from './results';

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export function languageIdFor(path: string): string {
  const lower = path.toLowerCase();
  if (/\.whfb\.ya?ml$/.test(lower)) return 'whfb-yaml';
  if (lower.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  if (/\.(xml|syncml)$/.test(lower)) return 'xml';
  if (/\.(md|markdown)$/.test(lower)) return 'markdown';
  if (/\.(ps1|psm1|psd1)$/.test(lower)) return 'powershell';
  return 'plaintext';
}

export interface LintFilesResult {
  files: FileResult[];
  problems: string[];
}

/**
 * `takeServiceErrors` drains what the service logged while checking the current file: the
 * service answers "no findings" when it fails inside, which must not pass as a clean file.
 */
export function lintFiles(
  candidates: readonly Candidate[],
  service: WhfbLanguageService,
  maxFileSizeBytes: number,
  takeServiceErrors: () => string[] = () => [],
): LintFilesResult {
  const files: FileResult[] = [];
  const problems: string[] = [];
  for (const candidate of candidates) {
    let text: string;
    try {
      text = readPolicyFile(candidate.absolutePath, maxFileSizeBytes);
    } catch (error) {
      problems.push(`cannot read ${candidate.displayPath}: ${describeFsError(error)}`);
      continue;
    }
    const input = { uri: pathToFileURL(candidate.absolutePath).href, languageId: languageIdFor(candidate.absolutePath), version: 1, text };
    try {
      const format = service.detectFormat(input);
      // Loose OMA-URIs in prose are only checked in files the user named.
      if (format === undefined || (format === 'text' && !candidate.explicit)) continue;
      const diagnostics = service.validate(input);
      files.push({ path: candidate.displayPath, diagnostics: diagnostics.map(toLintDiagnostic) });
    } catch (error) {
      problems.push(`could not check ${candidate.displayPath}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      service.forget(input.uri);
      const failures = takeServiceErrors();
      if (failures.length > 0) problems.push(`could not check ${candidate.displayPath} completely: ${firstLine(failures[0])}`);
    }
  }
  return { files, problems };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}

function toLintDiagnostic(diagnostic: Diagnostic): LintDiagnostic {
  const href = diagnostic.codeDescription?.href ?? RULES_BY_CODE.get(diagnostic.code)?.href;
  return {
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: SEVERITY_NAMES[diagnostic.severity] ?? 'error',
    code: String(diagnostic.code),
    message: diagnostic.message,
    ...(href ? { href } : {}),
  };
}
