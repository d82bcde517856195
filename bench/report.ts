/** The bench's Markdown output and its verdict on each target (reported, never asserted). */
import type { CliResult } from './cliBench';
import type { LongLineResult } from './longLineSession';
import type { SessionResult } from './session';

export interface StartupSummary {
  rounds: number;
  bareMs: number;
  whfbMs?: number;
  yamlLanguageServerMs: number;
}

export interface BenchResults {
  node: string;
  cpu: string;
  cores: number;
  date: string;
  notes: string[];
  results: SessionResult[];
  adversarial: SessionResult[];
  startup: StartupSummary;
  cli?: CliResult;
  /** One-line 5 MB documents (minified JSON export, SyncML): `--long-lines` runs only these. */
  longLines?: LongLineResult[];
}

/** Issue 15: a 5 MB one-line export is validated (open→diagnostics) within this. */
export const LONG_LINE_VALIDATE_TARGET_MS = 500;

export interface TargetVerdict {
  target: string;
  met: boolean | undefined;
  figures: string;
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${value} ms`);
const cell = (value: number | string | undefined) => (value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? '–' : String(value));

export function evaluateTargets(results: BenchResults): TargetVerdict[] {
  const ours = results.results.filter((r) => r.server === 'whfb');
  const largest = Math.max(0, ...results.results.map((r) => r.settings));
  const ours10k = ours.find((r) => r.settings === largest);
  const theirs10k = results.results.find((r) => r.server === 'yaml-language-server' && r.settings === largest);
  const verdicts: TargetVerdict[] = [];

  if (ours10k?.changeP50Ms !== undefined && theirs10k?.changeP50Ms !== undefined) {
    const ratio = theirs10k.changeP50Ms / Math.max(ours10k.changeP50Ms, 0.1);
    verdicts.push({
      target: `edit→diagnostics at ${largest} settings: ours ≥ 10× faster than yaml-language-server (p50, its 200 ms delay removed)`,
      met: ratio >= 10,
      figures: `ours ${ms(ours10k.changeP50Ms)}, yaml-language-server ${ms(theirs10k.changeP50Ms)} (raw ${ms(theirs10k.changeP50RawMs)}): ${ratio.toFixed(1)}×`,
    });
  } else {
    verdicts.push({ target: 'edit→diagnostics ≥ 10× faster than yaml-language-server', met: undefined, figures: 'not measured' });
  }
  verdicts.push({
    target: `edit→diagnostics at ${largest} settings ≤ 50 ms p50`,
    met: ours10k?.changeP50Ms === undefined ? undefined : ours10k.changeP50Ms <= 50,
    figures: ours10k ? `p50 ${ms(ours10k.changeP50Ms)}, p99 ${ms(ours10k.changeP99Ms)}` : 'not measured',
  });
  const worstOf = (key: 'completionP99Ms' | 'hoverP99Ms') =>
    ours.filter((r) => r[key] !== undefined).sort((a, b) => b[key]! - a[key]!)[0];
  const worstCompletion = worstOf('completionP99Ms');
  const worstHover = worstOf('hoverP99Ms');
  verdicts.push({
    target: 'completion and hover ≤ 10 ms p99 (worst over all sizes)',
    met: !worstCompletion || !worstHover ? undefined : worstCompletion.completionP99Ms! <= 10 && worstHover.hoverP99Ms! <= 10,
    figures: !worstCompletion || !worstHover ? 'not measured'
      : `completion p99 ${ms(worstCompletion.completionP99Ms)} (at ${worstCompletion.settings} settings, ${worstCompletion.completionItems} items; p50 ${ms(worstCompletion.completionP50Ms)}), `
        + `hover p99 ${ms(worstHover.hoverP99Ms)} (at ${worstHover.settings} settings, ${worstHover.hoverChars} chars; p50 ${ms(worstHover.hoverP50Ms)})`,
  });
  const peak = Math.max(...ours.map((r) => r.peakRssMb));
  verdicts.push({
    target: 'peak memory ≤ 150 MB (VmHWM, worst over all sizes)',
    met: ours.length === 0 ? undefined : peak <= 150,
    figures: ours.length === 0 ? 'not measured' : `${peak} MB`,
  });
  const { whfbMs, bareMs } = results.startup;
  verdicts.push({
    target: 'cold start ≤ 1.2× bare vscode-languageserver server',
    met: whfbMs === undefined ? undefined : whfbMs <= 1.2 * bareMs,
    figures: whfbMs === undefined ? `bare ${ms(bareMs)}; ours not measured`
      : `ours ${ms(whfbMs)}, bare ${ms(bareMs)} (${(whfbMs / bareMs).toFixed(2)}×, median of ${results.startup.rounds})`,
  });
  const cli = results.cli;
  verdicts.push({
    target: `whfb-lint on ${cli?.files ?? 1000} files < 2 s including Node's start`,
    met: cli ? cli.wallMs < 2000 : undefined,
    figures: cli ? `${ms(cli.wallMs)} (median of ${cli.runsMs.length} runs: ${cli.runsMs.join(', ')} ms; CPU time ${ms(cli.cpuMs)} over all threads; exit ${cli.exitCode}, ${cli.errors ?? '?'} errors in ${cli.filesReported ?? '?'} files)` : 'not measured',
  });
  const longLines = results.longLines ?? [];
  const slowest = [...longLines].sort((a, b) => b.openMs - a.openMs)[0];
  verdicts.push({
    target: `5 MB one-line export (minified JSON, SyncML) validated ≤ ${LONG_LINE_VALIDATE_TARGET_MS} ms (open→diagnostics, worst of the two)`,
    met: slowest ? slowest.openMs <= LONG_LINE_VALIDATE_TARGET_MS : undefined,
    figures: slowest
      ? longLines.map((r) => `${r.file}: open ${ms(r.openMs)} (server CPU ${ms(r.openCpuMs)}), edit p50 ${ms(r.changeP50Ms)} / p99 ${ms(r.changeP99Ms)}, symbols ${ms(r.symbolsMs)}`).join('; ')
      : 'not measured',
  });
  return verdicts;
}

export function markdownReport(results: BenchResults): string {
  const out: string[] = [];
  out.push(`# WHfB Policy Tools bench`, '', `Node ${results.node}, ${results.cpu}, ${results.cores} cores, ${results.date}`, '');
  out.push('Times in ms. yaml-language-server\'s diagnostics times have its fixed 200 ms validation delay removed (raw in brackets); ours runs with `whfb.validation.delay: 0`.', '');
  out.push('| server | settings | start | open→diag | edit→diag p50 | edit→diag p99 | completion p50 / p99 (items) | hover p50 / p99 (chars) | peak RSS MB | diags at open |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of [...results.results, ...results.adversarial]) {
    const raw = (value: number | undefined, rawValue: number | undefined) => (r.server === 'yaml-language-server' && rawValue !== undefined ? `${cell(value)} (${cell(rawValue)})` : cell(value));
    out.push(`| ${r.server} | ${r.file === `synthetic-${r.settings}` ? r.settings : `${r.file}`} | ${cell(r.startupMs)} | ${raw(r.openMs, r.openRawMs)} | ${raw(r.changeP50Ms, r.changeP50RawMs)} | ${raw(r.changeP99Ms, r.changeP99RawMs)} | ${r.completionP50Ms === undefined ? '–' : `${r.completionP50Ms} / ${r.completionP99Ms} (${r.completionItems})`} | ${r.hoverP50Ms === undefined ? '–' : `${r.hoverP50Ms} / ${r.hoverP99Ms} (${r.hoverChars})`} | ${cell(r.peakRssMb)} | ${r.openDiagnostics} |`);
  }
  out.push('', `Cold start to the initialize result, median of ${results.startup.rounds} alternating rounds: bare vscode-languageserver server ${ms(results.startup.bareMs)}, ours ${ms(results.startup.whfbMs)}, yaml-language-server ${ms(results.startup.yamlLanguageServerMs)}.`);
  if (results.cli) out.push('', `whfb-lint on ${results.cli.files} files × ${results.cli.settingsPerFile} settings: ${ms(results.cli.wallMs)} wall (runs: ${results.cli.runsMs.join(', ')} ms), ${ms(results.cli.cpuMs)} CPU over all threads.`);
  if (results.longLines && results.longLines.length > 0) {
    out.push('', 'One-line documents (ours only; every item on line 0):', '');
    out.push('| file | characters | open→diag (server CPU) | edit→diag p50 (server CPU) | edit→diag p99 | document symbols (count) | peak RSS MB | diags at open |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results.longLines) {
      out.push(`| ${r.file} | ${r.characters} | ${cell(r.openMs)} (${cell(r.openCpuMs)}) | ${cell(r.changeP50Ms)} (${cell(r.changeCpuP50Ms)}) | ${cell(r.changeP99Ms)} | ${cell(r.symbolsMs)} (${r.symbols}) | ${cell(r.peakRssMb)} | ${r.openDiagnostics} |`);
    }
  }
  out.push('', '## Targets', '');
  for (const verdict of evaluateTargets(results)) {
    const status = verdict.met === undefined ? 'not measured' : verdict.met ? 'met' : 'NOT met';
    out.push(`- **${status}**: ${verdict.target}: ${verdict.figures}`);
  }
  if (results.notes.length > 0) out.push('', '## Notes', '', ...results.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}
