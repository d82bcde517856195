/**
 * Runs the language service over the collected files: read, detect, validate, forget. One
 * service for the whole run, so its set-up (catalog, schema) happens once.
 *
 * Files over the size limit get WHFB003 wherever the editor would show it, without being parsed:
 * - a file named on the command line: always;
 * - a walked or globbed file: when its name says it is a policy (*.whfb.yaml), or when detection
 *   on its text says so. Detection reads at most DETECTION_READ_BYTES (64 MiB, beyond what
 *   VS Code hands an extension at all), so a 6 MB custom profile whose OMA-URI comes late is
 *   found, and a multi-gigabyte log is never loaded.
 */
import type { TextDocumentInput, WhfbLanguageService } from '../service/api';
import { isTooLarge, tooLargeMessage } from '../service/inputGuards';
import type { Diagnostic, SeverityName } from '../lsp/protocolTypes';
import { RULES_BY_CODE } from '../model/ruleCodes';
import { fileUrlOf, fsPathOf, type Candidate } from './collectFiles';
import { describeFsError } from './fsErrors';
import { readPolicyFile } from './readPolicyFile';
import type { FileResult, LintDiagnostic } from './results';
import { readFileSync } from 'node:fs';
import { applySafeFixes, MAX_ROUNDS } from './fix/applyFixes';
import { unifiedDiff } from './fix/unifiedDiff';
import { ChangedSinceReadError, encode, encodingOf, writeFileAtomically } from './fix/writeAtomically';
import { decodeFileBytes } from '../../../shared/decodeText';

/** How much of an over-limit file is read to tell whether it is a policy (see above). */
export const DETECTION_READ_BYTES = 64 * 1024 * 1024;
const POLICY_FILE_NAME = /\.whfb\.ya?ml$/i;

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

/** --fix writes the fixed files; --fix-dry-run only describes the changes (a diff). */
export type FixMode = 'write' | 'dry-run';

/**
 * How each file's cross-file facts are handed back: as plain data that can cross threads (a
 * worker's), or as the rules read them, for the thread that checked the file.
 */
export type CrossFileFactsForm = 'portable' | 'local';

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
  ruleSeverity: Record<string, SeverityName | 'off'> = {},
  fixMode?: FixMode,
  crossFile?: CrossFileFactsForm,
): LintFilesResult {
  const files: FileResult[] = [];
  const problems: string[] = [];
  for (const candidate of candidates) {
    let text: string;
    let complete: boolean;
    try {
      // A UTF-16 file may be twice the limit in bytes and still within it as text.
      ({ text, complete } = readPolicyFile(fsPathOf(candidate), Math.max(2 * maxFileSizeBytes + 4, DETECTION_READ_BYTES)));
    } catch (error) {
      problems.push(`cannot read ${candidate.displayPath}: ${describeFsError(error)}`);
      continue;
    }
    const input = { uri: fileUrlOf(candidate), languageId: languageIdFor(candidate.absolutePath), version: 1, text };
    try {
      const format = service.detectFormat(input);
      // Loose OMA-URIs in prose are only checked in files the user named.
      const isPolicy = format !== undefined && (format !== 'text' || candidate.explicit);
      if (!complete || isTooLarge(text, maxFileSizeBytes)) {
        if (isPolicy || candidate.named || POLICY_FILE_NAME.test(candidate.absolutePath)) {
          files.push({ path: candidate.displayPath, diagnostics: tooLargeDiagnostics(maxFileSizeBytes, ruleSeverity), tooLarge: true });
        }
        continue;
      }
      if (!isPolicy) continue;
      if (fixMode) {
        files.push(fixFile(candidate, input, service, fixMode, problems, crossFile));
        continue;
      }
      const diagnostics = service.validate(input);
      const result: FileResult = { path: candidate.displayPath, diagnostics: diagnostics.map(toLintDiagnostic) };
      // From the parse validate just made: the cross-file step never reads or parses the file again.
      if (crossFile) withCrossFileFacts(result, service, input, crossFile);
      files.push(result);
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

/**
 * The safe quick fixes applied to one file (fix/applyFixes.ts), written or described, and the
 * findings that remain: after the fixes when they were written (or would be, for a dry run),
 * on the file as it is when writing failed.
 */
function fixFile(candidate: Candidate, input: TextDocumentInput, service: WhfbLanguageService, fixMode: FixMode, problems: string[], crossFile: CrossFileFactsForm | undefined): FileResult {
  const fixed = applySafeFixes(service, input);
  let remainingText = input.text;
  let writtenText = input.text;
  const result: FileResult = { path: candidate.displayPath, diagnostics: [] };
  if (fixed.fixes.length > 0) {
    if (fixMode === 'dry-run') {
      result.diff = unifiedDiff(input.text, fixed.text, `a/${candidate.displayPath}`, `b/${candidate.displayPath}`);
      result.fixes = fixed.fixes;
      remainingText = fixed.text;
    } else {
      try {
        const bytes = readFileSync(fsPathOf(candidate));
        if (decodeFileBytes(bytes) !== input.text) throw new ChangedSinceReadError('changed while it was being checked');
        writeFileAtomically(fsPathOf(candidate), bytes, encode(fixed.text, encodingOf(bytes)));
        result.fixes = fixed.fixes;
        remainingText = fixed.text;
        writtenText = fixed.text;
      } catch (error) {
        const reason = error instanceof ChangedSinceReadError ? 'it changed while whfb-lint was fixing it' : describeFsError(error);
        problems.push(`cannot write the fixes to ${candidate.displayPath}: ${reason}`);
      }
    }
  }
  const remaining = { ...input, text: remainingText, version: input.version + MAX_ROUNDS + 1 };
  const diagnostics = service.validate(remaining);
  result.diagnostics = diagnostics.map(toLintDiagnostic);
  // The cross-file step judges the files as they are on disk now (a dry run changed nothing).
  if (crossFile) withCrossFileFacts(result, service, writtenText === remainingText ? remaining : input, crossFile);
  return result;
}

function withCrossFileFacts(result: FileResult, service: WhfbLanguageService, input: TextDocumentInput, form: CrossFileFactsForm): void {
  const facts = form === 'local' ? service.localCrossFileFacts(input) : service.crossFileFacts(input);
  if (facts) result.crossFileFacts = facts;
}

/** What the service reports for an over-limit file (inputGuards.ts), with the run's --rule applied. */
function tooLargeDiagnostics(maxFileSizeBytes: number, ruleSeverity: Record<string, SeverityName | 'off'>): LintDiagnostic[] {
  const rule = RULES_BY_CODE.get('WHFB003');
  const severity = ruleSeverity.WHFB003 ?? rule?.defaultSeverity ?? 'warning';
  if (severity === 'off') return [];
  return [{
    line: 1, column: 1, endLine: 1, endColumn: 1, severity, code: 'WHFB003', message: tooLargeMessage(maxFileSizeBytes),
    ...(rule?.href ? { href: rule.href } : {}),
  }];
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
