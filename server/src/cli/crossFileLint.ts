/**
 * whfb-lint judges the set it is given: after each file was checked alone (lintFiles.ts, maybe on
 * several threads), the policy files found are read again and indexed together, and the
 * cross-file findings (WHFB300-WHFB305) are added to the file where each stands, with the other
 * location in the message and in `related` (SARIF relatedLocations). A separate step, so the
 * per-file run (and its parallel workers) need not know about it.
 */
import { getLanguageService } from '../service/languageService';
import type { Diagnostic, SeverityName } from '../lsp/protocolTypes';
import { fileUrlOf, fsPathOf, type Candidate } from './collectFiles';
import { DETECTION_READ_BYTES, languageIdFor } from './lintFiles';
import { readPolicyFile } from './readPolicyFile';
import type { FileResult, LintDiagnostic } from './results';

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export interface CrossFileGroup {
  candidates: readonly Candidate[];
  ruleSeverity: Record<string, SeverityName | 'off'>;
}

/**
 * Adds the cross-file findings to `files` (in place). Files over the size limit or unreadable now
 * are left out; a file that cannot be read again was reported by the per-file step already.
 */
export function addCrossFileFindings(files: FileResult[], groups: readonly CrossFileGroup[], maxFileSizeBytes: number, log: (message: string) => void = () => undefined): void {
  const byPath = new Map<string, { candidate: Candidate; ruleSeverity: Record<string, SeverityName | 'off'> }>();
  for (const group of groups) for (const candidate of group.candidates) byPath.set(candidate.displayPath, { candidate, ruleSeverity: group.ruleSeverity });
  const pathOfUri = new Map<string, string>();
  const docs = [];
  for (const file of files) {
    if (file.tooLarge) continue;
    const found = byPath.get(file.path);
    if (!found) continue;
    let text: string;
    try {
      const read = readPolicyFile(fsPathOf(found.candidate), DETECTION_READ_BYTES);
      if (!read.complete) continue;
      text = read.text;
    } catch {
      continue;
    }
    const uri = fileUrlOf(found.candidate);
    pathOfUri.set(uri, file.path);
    docs.push({ uri, languageId: languageIdFor(found.candidate.absolutePath), version: 1, text });
  }
  if (docs.length < 2) return;
  const service = getLanguageService({ maxFileSizeBytes, maxIndexedFiles: Number.MAX_SAFE_INTEGER }, { log, fileName: (uri) => pathOfUri.get(uri) ?? uri });
  service.indexFiles(docs);
  const resultByPath = new Map(files.map((file) => [file.path, file]));
  for (const doc of docs) {
    const path = pathOfUri.get(doc.uri)!;
    const result = resultByPath.get(path);
    const ruleSeverity = byPath.get(path)?.ruleSeverity ?? {};
    if (!result) continue;
    const added: LintDiagnostic[] = [];
    for (const diagnostic of service.crossFileDiagnostics(doc.uri)) {
      const override = ruleSeverity[String(diagnostic.code)];
      if (override === 'off') continue;
      added.push(toLintDiagnostic(diagnostic, override, pathOfUri));
    }
    if (added.length === 0) continue;
    result.diagnostics = [...result.diagnostics, ...added].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

function toLintDiagnostic(diagnostic: Diagnostic, severity: SeverityName | undefined, pathOfUri: ReadonlyMap<string, string>): LintDiagnostic {
  const related = (diagnostic.relatedInformation ?? []).map((item) => ({
    path: pathOfUri.get(item.location.uri) ?? item.location.uri,
    line: item.location.range.start.line + 1,
    column: item.location.range.start.character + 1,
    endLine: item.location.range.end.line + 1,
    endColumn: item.location.range.end.character + 1,
    message: item.message,
  }));
  return {
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: severity ?? SEVERITY_NAMES[diagnostic.severity] ?? 'error',
    code: String(diagnostic.code),
    message: diagnostic.message,
    ...(diagnostic.codeDescription?.href ? { href: diagnostic.codeDescription.href } : {}),
    ...(related.length > 0 ? { related } : {}),
  };
}
