/** The bench's Markdown output and its verdict on each target (reported, never asserted). */
import { ACTIVATION_TARGET_MS, type ActivationFigure } from './activation';
import type { CliResult } from './cliBench';
import type { FormatResult } from './formatSession';
import type { WorkspaceBenchRow } from './workspaceHook';
import type { LongLineResult } from './longLineSession';
import type { SessionResult } from './session';

export interface StartupSummary {
  rounds: number;
  bareMs: number;
  whfbMs?: number;
  /** Spawn -> the pulled diagnostics of a 100-setting policy opened at once (catalog load and first validation included). */
  whfbFirstDiagnosticsMs?: number;
  firstDiagnosticsFile?: string;
  yamlLanguageServerMs: number;
}

export interface BenchResults {
  node: string;
  cpu: string;
  cores: number;
  date: string;
  notes: string[];
  /** Sessions per server, path and file; each row is the median of its runs. */
  rounds?: number;
  /** 1-minute load average at the start and the end of the run. */
  load?: { start: number; end: number; cores: number };
  results: SessionResult[];
  /** The harsh files: thousands of findings (duplicates, type errors, unknown nodes). */
  harsh?: SessionResult[];
  adversarial: SessionResult[];
  startup: StartupSummary;
  /** whfb-lint at 1,000 and 10,000 files. */
  clis?: CliResult[];
  /** Before issue 16: one whfb-lint row. */
  cli?: CliResult;
  /** One realistic file per format (bench/formatFixtures.ts). */
  formats?: FormatResult[];
  /** One-line 5 MB documents (minified JSON export, SyncML): `--long-lines` runs only these. */
  longLines?: LongLineResult[];
  /** bench/workspaceBench.ts's rows, or why there are none. */
  workspace?: { rows: WorkspaceBenchRow[] } | { missing: string };
  /** activate() in the real VS Code, from the in-host suite's record, or why there is none. */
  activation?: ActivationFigure | { missing: string };
}

/** Issue 15: a 5 MB one-line export is validated (open→diagnostics) within this. */
export const LONG_LINE_VALIDATE_TARGET_MS = 500;

/** Issue 16's targets. */
export const TARGETS = {
  editP50Ms: 8,
  editP99Ms: 25,
  editVsYamlRatio: 50,
  openMs: 200,
  spawnToDiagnosticsVsBare: 1.5,
  completionHoverP99Ms: 3,
  peakRssMb: 100,
  cli1000Ms: 1000,
  cli10000Ms: 6000,
  harshEditP50Ms: 20,
} as const;

export interface TargetVerdict {
  target: string;
  met: boolean | undefined;
  figures: string;
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${value} ms`);
const cell = (value: number | string | undefined) => (value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? '–' : String(value));
const runsOf = (row: SessionResult | undefined) => (row?.runs && row.runs > 1 ? `, median of ${row.runs} runs` : '');

function cliRows(results: BenchResults): CliResult[] {
  return results.clis ?? (results.cli ? [results.cli] : []);
}

export function evaluateTargets(results: BenchResults): TargetVerdict[] {
  const ours = results.results.filter((r) => r.server === 'whfb');
  const oursPull = ours.filter((r) => (r.path ?? 'push') === 'pull');
  const largest = Math.max(0, ...results.results.map((r) => r.settings));
  const pull10k = oursPull.find((r) => r.settings === largest);
  const push10k = ours.find((r) => r.settings === largest && (r.path ?? 'push') === 'push');
  const theirs10k = results.results.find((r) => r.server === 'yaml-language-server' && r.settings === largest);
  const verdicts: TargetVerdict[] = [];

  if (pull10k?.changeP50Ms !== undefined) {
    const ratio = theirs10k?.changeP50Ms === undefined ? undefined : theirs10k.changeP50Ms / Math.max(pull10k.changeP50Ms, 0.1);
    verdicts.push({
      target: `edit→diagnostics at ${largest} settings, pull path: p50 ≤ ${TARGETS.editP50Ms} ms, p99 ≤ ${TARGETS.editP99Ms} ms, ≥ ${TARGETS.editVsYamlRatio}× faster than yaml-language-server (p50, its 200 ms delay removed)`,
      met: pull10k.changeP50Ms <= TARGETS.editP50Ms && pull10k.changeP99Ms! <= TARGETS.editP99Ms && (ratio === undefined || ratio >= TARGETS.editVsYamlRatio),
      figures: `pull p50 ${ms(pull10k.changeP50Ms)} / p99 ${ms(pull10k.changeP99Ms)}${runsOf(pull10k)}; push p50 ${ms(push10k?.changeP50Ms)} / p99 ${ms(push10k?.changeP99Ms)}; yaml-language-server p50 ${ms(theirs10k?.changeP50Ms)}${ratio === undefined ? '' : ` (${ratio.toFixed(1)}×)`}`,
    });
  } else {
    verdicts.push({ target: 'edit→diagnostics, pull path', met: undefined, figures: 'not measured' });
  }
  verdicts.push({
    target: `open→first diagnostics at ${largest} settings ≤ ${TARGETS.openMs} ms (pull)`,
    met: pull10k ? pull10k.openMs <= TARGETS.openMs : undefined,
    figures: pull10k ? `pull ${ms(pull10k.openMs)}${runsOf(pull10k)}; push ${ms(push10k?.openMs)}; yaml-language-server ${ms(theirs10k?.openMs)}` : 'not measured',
  });
  const { whfbFirstDiagnosticsMs, bareMs } = results.startup;
  verdicts.push({
    target: `process spawn → first diagnostics of a 100-setting file ≤ ${TARGETS.spawnToDiagnosticsVsBare}× a bare vscode-languageserver server's spawn → initialize`,
    met: whfbFirstDiagnosticsMs === undefined ? undefined : whfbFirstDiagnosticsMs <= TARGETS.spawnToDiagnosticsVsBare * bareMs,
    figures: whfbFirstDiagnosticsMs === undefined ? 'not measured'
      : `ours ${ms(whfbFirstDiagnosticsMs)}, bare ${ms(bareMs)} (${(whfbFirstDiagnosticsMs / bareMs).toFixed(2)}×, medians of ${results.startup.rounds} alternating rounds; our spawn → initialize ${ms(results.startup.whfbMs)})`,
  });
  const sized = [...oursPull, ...(results.harsh ?? []).filter((r) => r.server === 'whfb' && r.path === 'pull')];
  const worstOf = (key: 'completionP99Ms' | 'hoverP99Ms') =>
    sized.filter((r) => r[key] !== undefined).sort((a, b) => b[key]! - a[key]!)[0];
  const worstCompletion = worstOf('completionP99Ms');
  const worstHover = worstOf('hoverP99Ms');
  verdicts.push({
    target: `completion and hover p99 ≤ ${TARGETS.completionHoverP99Ms} ms at every size (worst over the synthetic and harsh files)`,
    met: !worstCompletion || !worstHover ? undefined : worstCompletion.completionP99Ms! <= TARGETS.completionHoverP99Ms && worstHover.hoverP99Ms! <= TARGETS.completionHoverP99Ms,
    figures: !worstCompletion || !worstHover ? 'not measured'
      : `completion p99 ${ms(worstCompletion.completionP99Ms)} (${worstCompletion.file}, ${worstCompletion.completionItems} items; p50 ${ms(worstCompletion.completionP50Ms)}), `
        + `hover p99 ${ms(worstHover.hoverP99Ms)} (${worstHover.file}, ${worstHover.hoverChars} chars; p50 ${ms(worstHover.hoverP50Ms)})`,
  });
  const heaviest = [...ours].sort((a, b) => b.peakRssMb - a.peakRssMb)[0];
  verdicts.push({
    target: `peak RSS ≤ ${TARGETS.peakRssMb} MB at every size (VmHWM)`,
    met: heaviest ? heaviest.peakRssMb <= TARGETS.peakRssMb : undefined,
    figures: heaviest ? `worst ${heaviest.peakRssMb} MB (${heaviest.file}, ${heaviest.path ?? 'push'}); ${ours.filter((r) => r.path === 'pull').map((r) => `${r.settings}: ${r.peakRssMb} MB`).join(', ')}` : 'not measured',
  });
  for (const [files, limit] of [[1000, TARGETS.cli1000Ms], [10_000, TARGETS.cli10000Ms]] as const) {
    const cli = cliRows(results).find((row) => row.files === files);
    verdicts.push({
      target: `whfb-lint on ${files} files × 20 settings ≤ ${limit} ms, wall time including Node's start`,
      met: cli ? cli.wallMs <= limit : undefined,
      figures: cli ? `${ms(cli.wallMs)} (median of ${cli.runsMs.length} runs: ${cli.runsMs.join(', ')} ms; CPU time ${ms(cli.cpuMs)} over all threads; exit ${cli.exitCode}, ${cli.errors ?? '?'} errors in ${cli.filesReported ?? '?'} files)` : 'not measured',
    });
  }
  const activation = results.activation;
  verdicts.push({
    target: `extension activation (activate() in the real VS Code, in-host suite) ≤ ${ACTIVATION_TARGET_MS} ms`,
    met: activation && 'activateMs' in activation ? activation.activateMs <= ACTIVATION_TARGET_MS : undefined,
    figures: !activation ? 'not measured in this run' : 'activateMs' in activation ? `${ms(activation.activateMs)} (${activation.source}${activation.measuredAt ? `, ${activation.measuredAt}` : ''})` : activation.missing,
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
  const harshPull = (results.harsh ?? []).filter((r) => r.server === 'whfb' && r.path === 'pull');
  const duplicates = harshPull.find((r) => r.file.startsWith('duplicates-'));
  const duplicatesYaml = (results.harsh ?? []).find((r) => r.server === 'yaml-language-server' && r.file.startsWith('duplicates-'));
  verdicts.push({
    target: `edit→diagnostics with thousands of findings (${duplicates?.file ?? 'duplicates'}), pull p50 ≤ ${TARGETS.harshEditP50Ms} ms and peak RSS ≤ ${TARGETS.peakRssMb} MB`,
    met: duplicates ? duplicates.changeP50Ms! <= TARGETS.harshEditP50Ms && duplicates.peakRssMb <= TARGETS.peakRssMb : undefined,
    figures: duplicates
      ? `${duplicates.openDiagnostics} findings: p50 ${ms(duplicates.changeP50Ms)} / p99 ${ms(duplicates.changeP99Ms)}, ${duplicates.peakRssMb} MB${runsOf(duplicates)}`
        + `${duplicatesYaml?.changeP50Ms === undefined ? '' : `; yaml-language-server p50 ${ms(duplicatesYaml.changeP50Ms)} (${(duplicatesYaml.changeP50Ms / Math.max(duplicates.changeP50Ms!, 0.1)).toFixed(1)}×)`}`
        + `; other harsh files: ${harshPull.filter((r) => r !== duplicates).map((r) => `${r.file} (${r.openDiagnostics} findings) p50 ${ms(r.changeP50Ms)}, ${r.peakRssMb} MB`).join('; ')}`
      : 'not measured',
  });
  const workspace = results.workspace;
  if (!workspace || 'missing' in workspace) {
    verdicts.push({ target: 'workspace of 1,000 files: index → all diagnostics, memory, an edit', met: undefined, figures: workspace ? workspace.missing : 'not measured in this run' });
  } else {
    for (const row of workspace.rows) {
      const judged = row.targetMs !== undefined || row.targetRssMb !== undefined;
      verdicts.push({
        target: `${row.figure} (${row.files} files)${row.targetMs !== undefined ? ` ≤ ${row.targetMs} ms` : ''}${row.targetRssMb !== undefined ? `, ≤ ${row.targetRssMb} MB` : ''}`,
        met: judged ? (row.targetMs === undefined || row.ms <= row.targetMs) && (row.targetRssMb === undefined || (row.peakRssMb ?? Infinity) <= row.targetRssMb) : undefined,
        figures: `${ms(row.ms)}${row.p99Ms !== undefined ? ` (p99 ${ms(row.p99Ms)})` : ''}${row.peakRssMb !== undefined ? `, ${row.peakRssMb} MB` : ''}${judged ? '' : ' (reported, no target)'}`,
      });
    }
  }
  return verdicts;
}

function sessionTable(rows: readonly SessionResult[]): string[] {
  const out: string[] = [];
  out.push('| server | path | file | start | open→diag | edit→diag p50 | edit→diag p99 | completion p50 / p99 (items) | hover p50 / p99 (chars) | peak RSS MB | diags at open | runs |');
  out.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  // The pull path first: it is what VS Code users get.
  const order = (r: SessionResult) => (r.server === 'whfb' ? (r.path === 'pull' ? 0 : 1) : 2);
  const sorted = [...rows].sort((a, b) => a.settings - b.settings || a.file.localeCompare(b.file) || order(a) - order(b));
  for (const r of sorted) {
    const raw = (value: number | undefined, rawValue: number | undefined) => (r.server === 'yaml-language-server' && rawValue !== undefined ? `${cell(value)} (${cell(rawValue)})` : cell(value));
    out.push(`| ${r.server} | ${r.path ?? 'push'} | ${r.file === `synthetic-${r.settings}` ? r.settings : r.file} | ${cell(r.startupMs)} | ${raw(r.openMs, r.openRawMs)} | ${raw(r.changeP50Ms, r.changeP50RawMs)} | ${raw(r.changeP99Ms, r.changeP99RawMs)} | ${r.completionP50Ms === undefined ? '–' : `${r.completionP50Ms} / ${r.completionP99Ms} (${r.completionItems})`} | ${r.hoverP50Ms === undefined ? '–' : `${r.hoverP50Ms} / ${r.hoverP99Ms} (${r.hoverChars})`} | ${cell(r.peakRssMb)} | ${r.openDiagnostics} | ${r.runs ?? 1} |`);
  }
  return out;
}

/** The figures: tables and the targets' verdicts, without a title (README.md embeds them). */
export function markdownFigures(results: BenchResults): string {
  const out: string[] = [];
  const load = results.load ? `, 1-minute load average ${results.load.start} at the start and ${results.load.end} at the end` : '';
  out.push(`Node ${results.node}, ${results.cpu}, ${results.cores} cores, ${results.date}${load}.`, '');
  out.push('Times in ms. yaml-language-server\'s diagnostics times have its fixed 200 ms validation delay removed (raw in brackets); ours runs with `whfb.validation.delay: 0`. '
    + '`pull` is didChange then `textDocument/diagnostic`, what VS Code does; `push` waits for publishDiagnostics (yaml-language-server has only that). '
    + `Rows with several runs are medians of interleaved sessions (${results.rounds ?? 1} per server and file; yaml-language-server at 10,000 settings: one session of 20 edits, 10 completions and 10 hovers).`, '');
  out.push(...sessionTable([...results.results, ...results.adversarial]));
  if (results.harsh && results.harsh.length > 0) {
    out.push('', 'Harsh files (the cost follows the findings): fifteen nodes repeated with disagreeing values, a third of the settings with the wrong type, a third with a typo\'d node name:', '');
    out.push(...sessionTable(results.harsh));
  }
  const s = results.startup;
  out.push('', `Cold start to the initialize result, median of ${s.rounds} alternating rounds: bare vscode-languageserver server ${ms(s.bareMs)}, ours ${ms(s.whfbMs)}, yaml-language-server ${ms(s.yamlLanguageServerMs)}. `
    + `Ours from spawn to the pulled diagnostics of ${s.firstDiagnosticsFile ?? 'a 100-setting file'}: ${ms(s.whfbFirstDiagnosticsMs)}.`);
  for (const cli of cliRows(results)) {
    out.push('', `whfb-lint on ${cli.files} files × ${cli.settingsPerFile} settings: ${ms(cli.wallMs)} wall (runs: ${cli.runsMs.join(', ')} ms), ${ms(cli.cpuMs)} CPU over all threads.`);
  }
  if (results.formats && results.formats.length > 0) {
    out.push('', 'One realistic file per format (bench/formatFixtures.ts), ours, pull path, after a warm-up document:', '');
    out.push('| format | file | characters | open→diag | edit→diag p50 / p99 | diags at open |');
    out.push('|---|---|---:|---:|---:|---:|');
    for (const r of results.formats) out.push(`| ${r.format} | ${r.file} | ${r.characters} | ${cell(r.openMs)} | ${cell(r.changeP50Ms)} / ${cell(r.changeP99Ms)} | ${r.openDiagnostics} |`);
    out.push('', `Peak RSS of that server after all formats: ${cell(results.formats[0]?.peakRssMb)} MB.`);
  }
  if (results.longLines && results.longLines.length > 0) {
    out.push('', 'One-line documents (ours only; every item on line 0):', '');
    out.push('| file | characters | open→diag (server CPU) | edit→diag p50 (server CPU) | edit→diag p99 | document symbols (count) | peak RSS MB | diags at open |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results.longLines) {
      out.push(`| ${r.file} | ${r.characters} | ${cell(r.openMs)} (${cell(r.openCpuMs)}) | ${cell(r.changeP50Ms)} (${cell(r.changeCpuP50Ms)}) | ${cell(r.changeP99Ms)} | ${cell(r.symbolsMs)} (${r.symbols}) | ${cell(r.peakRssMb)} | ${r.openDiagnostics} |`);
    }
  }
  out.push('', '### Targets', '');
  for (const verdict of evaluateTargets(results)) {
    const status = verdict.met === undefined ? 'not measured' : verdict.met ? 'met' : 'NOT met';
    out.push(`- **${status}**: ${verdict.target}: ${verdict.figures}`);
  }
  if (results.notes.length > 0) out.push('', '### Notes', '', ...results.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}

export function markdownReport(results: BenchResults): string {
  return `# WHfB Policy Tools bench\n\n${markdownFigures(results)}`;
}
