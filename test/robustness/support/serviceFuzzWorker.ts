/**
 * One fuzzing process (forked by serviceFuzz.test.ts, so a hang can be cut off): runs fuzz
 * sessions through the language service and reports each problem with the seed that replays it.
 *
 * A session: one seed file, then STEPS rounds of 1-3 random mutations, each round a new version
 * of the same document (so the incremental re-parse path runs), and on each version every request
 * at random positions. Checked: no exception caught inside the service (its log stays empty),
 * every range inside the document, quick fixes that edit only inside the document and whose result
 * parses, and (every fourth version) the incremental result equals a parse from scratch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { TextDocumentInput, WhfbLanguageService } from '../../../server/src/service/api';
import type { Diagnostic, Range } from '../../../server/src/lsp/protocolTypes';
import {
  applyEdits, codeActionProblems, completionProblems, diagnosticProblems, EditorLines, foldingProblems, hoverProblems, linkProblems, symbolProblems,
} from './checks';
import { seedFiles, type SeedFile } from './corpus';
import { mutate, randomPosition } from './mutate';
import { Prng, sessionSeed } from './prng';
import { ownCpuMs } from './cpuTime';

export interface WorkerRequest { masterSeed: number; sessions: number[]; steps: number }
export type WorkerMessage =
  | { type: 'heartbeat'; session: number; step: number; op: string }
  | { type: 'failure'; session: number; step: number; file: string; mutations: string[]; problems: string[]; text: string }
  /** A quick fix that turned a well-formed document into a syntax error (a known defect class, tracked apart). */
  | { type: 'fixBreaksSyntax'; session: number; step: number; file: string; titles: string[] }
  | { type: 'done'; mutations: number; requests: number; formats: Record<string, number> };

const send = (message: WorkerMessage) => process.send!(message);
/** A request using more CPU than this counts as a hang (a correctness bound, not a speed target; CPU, not wall time, so load is no hang). */
const HANG_BOUND_MS = 10_000;

function run(request: WorkerRequest): void {
  const caught: string[] = [];
  const service = getLanguageService(undefined, { log: (message) => caught.push(message) });
  const fresh = getLanguageService(undefined, { log: (message) => caught.push(message) });
  // Pick a format first, then a file of it: every format gets its share whatever the corpus holds most of.
  const byFormat = new Map<string, SeedFile[]>();
  for (const file of seedFiles()) {
    const format = service.detectFormat({ uri: file.uri, languageId: file.languageId, version: 0, text: file.text });
    if (format) byFormat.set(format, [...(byFormat.get(format) ?? []), file]);
  }
  const formatGroups = [...byFormat.keys()].sort().map((format) => byFormat.get(format)!);
  let mutations = 0;
  let requests = 0;
  const formats: Record<string, number> = {};

  for (const session of request.sessions) {
    const prng = new Prng(sessionSeed(request.masterSeed, session));
    const file: SeedFile = prng.pick(prng.pick(formatGroups));
    service.forget(file.uri);
    let text = file.text;
    const applied: string[] = [];
    for (let step = 0; step < request.steps; step++) {
      const rounds = prng.int(1, 3);
      for (let i = 0; i < rounds; i++) {
        const mutation = mutate(text, prng);
        text = mutation.text;
        applied.push(mutation.kind);
      }
      mutations += 1;
      const doc: TextDocumentInput = { uri: file.uri, languageId: file.languageId, version: step + 1, text };
      const problems: string[] = [];
      const lines = new EditorLines(text);
      // One heartbeat per version: the parent kills a process silent for longer than the hang bound.
      send({ type: 'heartbeat', session, step, op: 'one of the requests on this version' });
      const timed = <T>(op: string, call: () => T): T => {
        const started = ownCpuMs();
        const result = call();
        requests += 1;
        const took = ownCpuMs() - started;
        if (took > HANG_BOUND_MS) problems.push(`${op} took ${Math.round(took)} ms (hang bound ${HANG_BOUND_MS} ms)`);
        return result;
      };
      try {
        const format = timed('detectFormat', () => service.detectFormat(doc));
        formats[format ?? 'none'] = (formats[format ?? 'none'] ?? 0) + 1;
        const diagnostics = timed('validate', () => service.validate(doc));
        problems.push(...diagnosticProblems(lines, diagnostics));
        for (let i = 0; i < 2; i++) {
          const position = randomPosition(text, prng);
          problems.push(...completionProblems(lines, timed('complete', () => service.complete(doc, position)), position));
          problems.push(...hoverProblems(lines, timed('hover', () => service.hover(doc, position)), position));
        }
        problems.push(...symbolProblems(lines, timed('documentSymbols', () => service.documentSymbols(doc))));
        problems.push(...linkProblems(lines, timed('documentLinks', () => service.documentLinks(doc))));
        problems.push(...foldingProblems(lines, timed('foldingRanges', () => service.foldingRanges(doc))));
        timed('policySummary', () => service.policySummary(doc));
        const brokeSyntax: string[] = [];
        problems.push(...fixProblems(doc, diagnostics, lines, prng, timed, service, fresh, brokeSyntax));
        if (brokeSyntax.length > 0) send({ type: 'fixBreaksSyntax', session, step, file: file.name, titles: brokeSyntax });
        if (step % 4 === 3) {
          const scratch = { ...doc, version: 1 };
          fresh.forget(doc.uri);
          const full = timed('validate (from scratch)', () => fresh.validate(scratch));
          const incremental = canonical(diagnostics);
          const scratchList = canonical(full);
          const onlyIncremental = incremental.filter((d) => !scratchList.includes(d));
          const onlyScratch = scratchList.filter((d) => !incremental.includes(d));
          if (onlyIncremental.length > 0 || onlyScratch.length > 0) {
            problems.push(`incremental diagnostics differ from a parse from scratch:\n    only incremental: ${onlyIncremental.join('\n                      ')}\n    only from scratch: ${onlyScratch.join('\n                       ')}`);
          }
        }
      } catch (error) {
        problems.push(`exception escaped: ${error instanceof Error ? error.stack : String(error)}`);
      }
      if (caught.length > 0) problems.push(...caught.splice(0).map((message) => `exception caught inside the service: ${message.slice(0, 2000)}`));
      if (problems.length > 0) {
        // FUZZ_DUMP=<dir> keeps the whole failing document, to open in an editor or the CLI.
        if (process.env.FUZZ_DUMP) {
          mkdirSync(process.env.FUZZ_DUMP, { recursive: true });
          writeFileSync(join(process.env.FUZZ_DUMP, `${request.masterSeed}-${session}-${basename(file.name)}`), text);
        }
        send({ type: 'failure', session, step, file: file.name, mutations: applied.slice(), problems: problems.slice(0, 20), text: text.length > 4000 ? `${text.slice(0, 4000)}…` : text });
        break; // The rest of this session builds on a state already reported.
      }
    }
    service.forget(file.uri);
  }
  send({ type: 'done', mutations, requests, formats });
}

function canonical(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(({ data: _data, ...rest }) => JSON.stringify(rest)).sort();
}

function countOf(diagnostics: Diagnostic[], code: string): number {
  return diagnostics.filter((d) => d.code === code).length;
}

/** Quick fixes: asked for a diagnostic's range and for a random range; applied, the result parses. */
function fixProblems(
  doc: TextDocumentInput, diagnostics: Diagnostic[], lines: EditorLines, prng: Prng,
  timed: <T>(op: string, call: () => T) => T, service: WhfbLanguageService, checker: WhfbLanguageService, brokeSyntax: string[],
): string[] {
  const problems: string[] = [];
  const ranges: { range: Range; diagnostics: Diagnostic[] }[] = [];
  if (diagnostics.length > 0) {
    const chosen = prng.pick(diagnostics);
    ranges.push({ range: chosen.range, diagnostics: [chosen] });
  }
  const a = randomPosition(doc.text, prng);
  const b = randomPosition(doc.text, prng);
  const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
  ranges.push({ range: { start, end }, diagnostics });
  const hadSyntaxError = diagnostics.some((d) => d.code === 'WHFB001');
  for (const request of ranges) {
    const actions = timed('codeActions', () => service.codeActions(doc, request.range, request.diagnostics));
    const found = codeActionProblems(lines, doc.uri, actions);
    problems.push(...found);
    if (found.length > 0) continue;
    for (const action of actions.slice(0, 3)) {
      const fixed = applyEdits(doc.text, action.edit.changes[doc.uri] ?? []);
      const fixedDoc = { uri: doc.uri.replace('file:///fuzz/', 'file:///fuzz-fixed/'), languageId: doc.languageId, version: 1, text: fixed };
      checker.forget(fixedDoc.uri);
      const after = timed('validate (after quick fix)', () => checker.validate(fixedDoc));
      problems.push(...diagnosticProblems(new EditorLines(fixed), after).map((p) => `after "${action.title}": ${p}`));
      const newSyntaxError = !hadSyntaxError && after.some((d) => d.code === 'WHFB001');
      const newShapeError = !hadSyntaxError && countOf(after, 'WHFB002') > countOf(diagnostics, 'WHFB002');
      if (newSyntaxError || newShapeError) {
        brokeSyntax.push(`${action.title}${newSyntaxError ? '' : ' (a new WHFB002)'}`);
        // FUZZ_DUMP=<dir> keeps the document and the fixed result, to compare.
        if (process.env.FUZZ_DUMP) {
          mkdirSync(process.env.FUZZ_DUMP, { recursive: true });
          const name = basename(doc.uri.replace(/^file:\/+/, ''));
          writeFileSync(join(process.env.FUZZ_DUMP, `fix-${brokeSyntax.length}-before-${name}`), doc.text);
          writeFileSync(join(process.env.FUZZ_DUMP, `fix-${brokeSyntax.length}-after-${name}`), fixed);
        }
      }
      checker.forget(fixedDoc.uri);
    }
  }
  return problems;
}

process.on('message', (request: WorkerRequest) => {
  run(request);
  // Disconnect only once every queued message has been handed over.
  process.send!({ type: 'heartbeat', session: -1, step: -1, op: 'finished' }, () => process.disconnect?.());
});
