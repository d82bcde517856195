/**
 * The long-line documents through the language service in-process (no LSP): validate, an edit,
 * document symbols, folding, links, hover and completion, each timed. For profiling, run it under
 * `node --cpu-prof --cpu-prof-dir=bench/tmp/prof --import tsx bench/longLineProbe.ts [which]`.
 *   which: catalog | syncml | lone-cr | edits | markdown | all (default)
 */
import { performance } from 'node:perf_hooks';
import { getLanguageService } from '../server/src/service/languageService';
import { editedText, longUnknownUriMarkdown, oneLineSettingsCatalog, oneLineSyncml, type LongLineDocument } from './longLinePolicies';

const which = process.argv[2] ?? 'all';

function timed<T>(label: string, run: () => T, describe: (result: T) => string): T {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  // CPU time (all threads, GC included) beside wall time: on a busy machine wall time is mostly waiting.
  console.log(`${label.padEnd(30)} ${(performance.now() - started).toFixed(1).padStart(9)} ms wall ${((used.user + used.system) / 1000).toFixed(1).padStart(9)} ms CPU  ${describe(result)}`);
  return result;
}

function probe(doc: LongLineDocument, edits: number): void {
  const service = getLanguageService();
  console.log(`${doc.name}: ${doc.text.length} characters`);
  const input = (version: number, text: string) => ({ uri: doc.uri, languageId: doc.languageId, version, text });
  timed('  validate (open)', () => service.validate(input(1, doc.text)), (d) => `${d.length} diagnostics`);
  timed('  document symbols', () => service.documentSymbols(input(1, doc.text)), (s) => `${s.length} symbols`);
  timed('  folding ranges', () => service.foldingRanges(input(1, doc.text)), (f) => `${f.length} ranges`);
  timed('  document links', () => service.documentLinks(input(1, doc.text)), (l) => `${l.length} links`);
  const end = { line: 0, character: 0 };
  timed('  hover at the end', () => service.hover(input(1, doc.text), end), (h) => (h ? 'hover' : 'none'));
  for (let i = 1; i <= edits; i++) {
    const text = editedText(doc, i);
    timed(`  edit ${i}: validate`, () => service.validate(input(i + 1, text)), (d) => `${d.length} diagnostics`);
  }
}

if (which === 'catalog' || which === 'all') probe(oneLineSettingsCatalog(5 * 1024 * 1024 - 4096), 4);
if (which === 'syncml' || which === 'all') probe(oneLineSyncml(20_000), 2);
if (which === 'lone-cr' || which === 'all') probe(oneLineSettingsCatalog(331 * 1024, { loneCarriageReturn: true }), 3);
if (which === 'edits' || which === 'all') probe(oneLineSettingsCatalog(1024 * 1024), 10);
if (which === 'markdown' || which === 'all') probe(longUnknownUriMarkdown(4.8 * 1024 * 1024), 0);
