/**
 * whfb-lint judges the set it is given: after each file was checked alone (lintFiles.ts, maybe on
 * several threads), the cross-file findings (WHFB300-WHFB305) of the policy files found are added
 * to the file where each stands, with the other location in the message and in `related` (SARIF
 * relatedLocations). The per-file step hands back each file's cross-file facts, taken from the
 * parse that checked it (FileResult.crossFileFacts), so this step reads and parses nothing again:
 * it only runs the cross-file rules over those small records.
 */
import { getCatalog } from '../catalog/catalog';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { CrossFileState } from '../rules/crossFile/crossFileState';
import { factsFromPortable, type FileFacts, type LocalFileFacts, type PortableFileFacts } from '../rules/crossFile/facts';
import type { Finding, OffsetRange } from '../model/types';
import type { SeverityName } from '../lsp/protocolTypes';
import type { Candidate } from './collectFiles';
import type { FileResult, LintDiagnostic, LintRelated } from './results';

export interface CrossFileGroup {
  candidates: readonly Candidate[];
  ruleSeverity: Record<string, SeverityName | 'off'>;
}

/**
 * Where the offsets the facts named stand (resolved against the file's text by the thread that
 * checked it): the flat triples offset, line, character (0-based) as they came, and for a long
 * list, by offset the index of a triple, made when a finding first needs it (number to number: no
 * object per offset).
 */
interface Positions { flat: readonly number[]; indexOf?: Map<number, number> }

/** Up to this many triples an offset is found by a scan; beyond, by a Map built once. */
const SCANNED_POSITIONS = 64;

/**
 * Rebuilds the files' facts ahead of addCrossFileFindings, in place (the portable form gives way
 * to the local one; a file whose facts name a node unknown here loses them, as the step would
 * drop it): whfb-lint's main thread does it for each chunk as it comes in, while the other threads
 * still check files, rather than in the step that runs alone at the end.
 */
export function prepareCrossFileFacts(files: readonly FileResult[]): void {
  let catalog: CatalogIndex | undefined;
  for (const file of files) {
    const given = file.crossFileFacts;
    if (!given || isLocal(given) || file.tooLarge) continue;
    const facts = factsFromPortable(given, (catalog ??= getCatalog()));
    if (facts) file.crossFileFacts = { facts, positions: given.positions };
    else delete file.crossFileFacts;
  }
}

/** Facts this thread built (the main thread's own files), ready as they are. */
function isLocal(facts: PortableFileFacts | LocalFileFacts): facts is LocalFileFacts {
  return 'facts' in facts;
}

/**
 * Adds the cross-file findings to `files` (in place), and drops the facts from them. Files over
 * the size limit, and files that are no policy, carry no facts and take no part.
 */
export function addCrossFileFindings(files: FileResult[], groups: readonly CrossFileGroup[]): void {
  const severityByPath = new Map<string, Record<string, SeverityName | 'off'>>();
  for (const group of groups) for (const candidate of group.candidates) severityByPath.set(candidate.displayPath, group.ruleSeverity);
  const catalog = getCatalog();
  const pathOfUri = new Map<string, string>();
  const positionsOf = new Map<string, Positions>();
  const entries: { uri: string; facts: FileFacts; result: FileResult }[] = [];
  for (const file of files) {
    const given = file.crossFileFacts;
    delete file.crossFileFacts;
    if (!given || file.tooLarge || !severityByPath.has(file.path)) continue;
    const facts = isLocal(given) ? given.facts : factsFromPortable(given, catalog);
    if (!facts) continue;
    pathOfUri.set(facts.uri, file.path);
    positionsOf.set(facts.uri, { flat: given.positions });
    entries.push({ uri: facts.uri, facts, result: file });
  }
  if (entries.length < 2) return;
  const state = new CrossFileState(catalog, { nameOf: (uri) => pathOfUri.get(uri) ?? uri });
  state.updateFacts(entries);
  for (const { uri, result } of entries) {
    const findings = state.findingsFor(uri, severityByPath.get(result.path) ?? {});
    if (findings.length === 0) continue;
    const added = findings.map((item) => toLintDiagnostic(item, uri, pathOfUri, positionsOf));
    result.diagnostics = [...result.diagnostics, ...added].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

/**
 * 1-based line and column of an offset; undefined when the facts did not name it. A usual file's
 * few dozen triples are scanned: its findings ask for a handful of offsets (a WHFB305 for two),
 * and a Map by offset per file cost more to build than the scans.
 */
function positionOf(positions: Positions, offset: number): { line: number; column: number } | undefined {
  const flat = positions.flat;
  let at: number | undefined;
  if (flat.length <= 3 * SCANNED_POSITIONS) {
    for (let each = 0; each + 2 < flat.length; each += 3) {
      if (flat[each] === offset) {
        at = each;
        break;
      }
    }
  } else {
    if (!positions.indexOf) {
      positions.indexOf = new Map();
      for (let each = 0; each + 2 < flat.length; each += 3) positions.indexOf.set(flat[each]!, each);
    }
    at = positions.indexOf.get(offset);
  }
  return at === undefined ? undefined : { line: flat[at + 1]! + 1, column: flat[at + 2]! + 1 };
}

function span(positions: Positions, range: OffsetRange): { line: number; column: number; endLine: number; endColumn: number } {
  const start = positionOf(positions, range.start) ?? { line: 1, column: 1 };
  const end = positionOf(positions, range.end) ?? start;
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function toLintDiagnostic(item: Finding, uri: string, pathOfUri: ReadonlyMap<string, string>, positionsOf: ReadonlyMap<string, Positions>): LintDiagnostic {
  const own = positionsOf.get(uri)!;
  // A related location in a file this run does not know is left out rather than pointed at the wrong line.
  const related: LintRelated[] = (item.related ?? []).flatMap((other) => {
    const otherUri = other.uri ?? uri;
    const positions = positionsOf.get(otherUri);
    return positions ? [{ path: pathOfUri.get(otherUri) ?? otherUri, ...span(positions, other.range), message: other.message }] : [];
  });
  return {
    ...span(own, item.range),
    severity: item.severity,
    code: item.code,
    message: item.message,
    ...(item.href ? { href: item.href } : {}),
    ...(related.length > 0 ? { related } : {}),
  };
}
