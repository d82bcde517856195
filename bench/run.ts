/**
 * npm run bench: our language server against yaml-language-server on the same synthetic policy
 * files, one after the other in one run, plus whfb-lint at scale. Prints a Markdown table and
 * writes bench/results.json. Targets are reported, never asserted.
 *
 *   tsx bench/run.ts [--quick] [--sizes=100,1000] [--rounds=N] [--no-whfb] [--no-cli] [--no-adversarial] [--no-harsh] [--no-formats] [--no-long-lines] [--no-write] [--profile]
 *   tsx bench/run.ts --long-lines [--update-results]
 *     --quick           sizes 100 and 1,000 only, 10 edits/requests: a smoke run of the harness
 *     --sizes=...       only these synthetic sizes
 *     --no-whfb         skip our server (while dist/server.js does not build)
 *     --no-yaml         skip yaml-language-server (for profiling ours)
 *     --no-cli          skip the whfb-lint run
 *     --rounds=N        sessions per server and file, interleaved (default 2; --quick 1): rows are medians
 *     --no-adversarial  skip the adversarial files
 *     --no-harsh        skip the harsh 10,000-setting files (duplicates, type errors, unknown nodes)
 *     --no-formats      skip the row-per-format table (bench/formatFixtures.ts)
 *     --no-long-lines   skip the 5 MB one-line documents (minified JSON export, SyncML)
 *     --long-lines      only the 5 MB one-line documents, through our server (about a minute)
 *     --update-results  with --long-lines: replace the long-line rows (and the verdicts) in
 *                       bench/results.json, keeping the other figures of the last full run
 *     --no-write        print only; leave bench/results.json alone (implied by any option above)
 *     --profile         run our server with --cpu-prof into bench/tmp/prof (summarise with bench/profileSummary.ts)
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readActivation } from './activation';
import { benchCli, writeCliCorpus } from './cliBench';
import { FORMAT_FIXTURES } from './formatFixtures';
import { runFormatSessions } from './formatSession';
import { writeReadmeSection } from './readmeSection';
import { runWorkspaceBench, WORKSPACE_BENCH_MODULE } from './workspaceHook';
import { BenchError, killAllClients } from './lspClient';
import { longLineDocuments, runLongLineSession } from './longLineSession';
import { evaluateTargets, markdownReport, type BenchResults } from './report';
import { measureSpawnToDiagnostics, measureStartup, medianSession, runSession, type Budget, type DiagnosticsPath, type ServerUnderTest, type SessionResult } from './session';
import { median, round1 } from './stats';
import { conflictMarkerPolicy, harshPolicies, loadCatalog, mergeChainPolicy, syntheticPolicy, type SyntheticPolicy } from './syntheticPolicies';

const root = resolve(__dirname, '..');
const tmp = join(root, 'bench', 'tmp');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const longLinesOnly = args.has('--long-lines');

const sizesArg = [...args].find((arg) => arg.startsWith('--sizes='));
const SIZES = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : quick ? [100, 1000] : [100, 1000, 10000];
const profile = args.has('--profile');
/** Only a full, unprofiled run may overwrite the committed results. */
const partialRun = args.size > 0;
const STARTUP_ROUNDS = quick || process.argv.includes('--profile') ? 3 : 5;
const roundsArg = [...args].find((arg) => arg.startsWith('--rounds='));
/** Sessions per server and file; the rows are medians of these interleaved runs. */
const ROUNDS = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length))) : quick ? 1 : 2;
/**
 * yaml-language-server at 10,000 settings takes most of a second per edit and per completion on
 * a quiet machine (many seconds on a busy one): one session there, with fewer requests.
 */
const YAML_LARGE_ROUNDS = 1;
/** The CLI at scale: 1,000 files (the first row) and 10,000 files. */
const CLI_CORPORA = quick ? [{ files: 1000, runs: 1 }] : [{ files: 1000, runs: 3 }, { files: 10_000, runs: 1 }];
/**
 * Our server's requests per session. A p99 needs at least 100 samples to be more than the single
 * slowest one (nearest rank: of 50 samples it is the largest, one scavenge or one scheduler hiccup
 * of the machine); with 200 it is the third slowest, which is what a 99th percentile means.
 */
const budget: Budget = {
  requestTimeoutMs: 30_000,
  diagnosticsTimeoutMs: 60_000,
  warmup: quick ? 2 : 5,
  edits: quick ? 10 : 200,
  completions: quick ? 10 : 200,
  hovers: quick ? 10 : 200,
};
/** yaml-language-server is judged on its p50 only (the ratio), and each of its requests is slow: 50 each. */
const yamlBudget: Budget = { ...budget, edits: Math.min(budget.edits, 50), completions: Math.min(budget.completions, 50), hovers: Math.min(budget.hovers, 50) };

function servers(): { whfb: ServerUnderTest; yaml: ServerUnderTest; bare: ServerUnderTest } {
  const schemaUrl = pathToFileURL(join(root, 'schemas', 'whfb-policy.schema.json')).href;
  return {
    whfb: {
      id: 'whfb',
      command: {
        label: 'whfb (dist/server.js)', command: process.execPath, cwd: root,
        args: [
          ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(tmp, 'prof')}`] : []),
          // For experiments with V8 flags (heap limits, GC), e.g. BENCH_WHFB_NODE_ARGS="--max-old-space-size=64".
          ...(process.env.BENCH_WHFB_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
          join(root, 'dist', 'server.js'), '--stdio',
        ],
        settings: { whfb: { validation: { delay: 0 } } },
      },
      languageId: 'whfb-yaml',
      diagnosticsDelayMs: 0,
    },
    yaml: {
      id: 'yaml-language-server',
      command: {
        label: 'yaml-language-server', command: process.execPath,
        args: [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], cwd: root,
        settings: {
          yaml: {
            schemas: { [schemaUrl]: '*.whfb.yaml' },
            schemaStore: { enable: false },
            kubernetesCRDStore: { enable: false },
            validate: true, hover: true, completion: true, format: { enable: false },
          },
          http: { proxy: '', proxyStrictSSL: false },
        },
      },
      languageId: 'yaml',
      // yaml-language-server's validationDelayMs (yamlSettings.js): a fixed debounce before every validation.
      diagnosticsDelayMs: 200,
    },
    bare: {
      id: 'bare',
      command: { label: 'bare vscode-languageserver server', command: process.execPath, args: [join(tmp, 'bareServer.js'), '--stdio'], cwd: root, settings: {} },
      languageId: 'plaintext',
      diagnosticsDelayMs: 0,
    },
  };
}

async function bundleBareServer(): Promise<void> {
  await build({
    entryPoints: [join(root, 'bench', 'bareServer.ts')], outfile: join(tmp, 'bareServer.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
  });
}

function writePolicy(policy: SyntheticPolicy): string {
  const path = join(tmp, 'docs', `${policy.name}.whfb.yaml`);
  writeFileSync(path, policy.text);
  return pathToFileURL(path).href;
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  mkdirSync(join(tmp, 'docs'), { recursive: true });
  const catalog = loadCatalog(process.env.BENCH_CATALOG ?? join(root, 'data', 'generated', 'catalog.json'));
  await bundleBareServer();
  const { whfb, yaml, bare } = servers();
  const withWhfb = !args.has('--no-whfb');
  const withYaml = !args.has('--no-yaml');
  // The servers' workspace folder holds no policy file: the measured documents (bench/tmp/docs)
  // lie outside it, so they are judged alone, as the per-file rows mean. Otherwise the workspace
  // index would read the other 10,000-setting files beside the one measured (and bench/tmp's
  // whfb-lint corpora) and every edit would also pay for cross-file rules between them; the
  // workspace rows measure that on their own.
  const workspaceRoot = join(tmp, 'workspace-root');
  mkdirSync(workspaceRoot, { recursive: true });
  const rootUri = pathToFileURL(workspaceRoot).href;
  if (longLinesOnly) return runLongLinesOnly(whfb, rootUri, loadAtStart);
  if (!withWhfb && !withYaml) throw new BenchError('nothing to measure: both --no-whfb and --no-yaml');
  if (withWhfb && !existsSync(join(root, 'dist', 'server.js'))) throw new BenchError('dist/server.js is missing: run "node scripts/build.mjs" (or pass --no-whfb)');
  if (!existsSync(join(root, 'schemas', 'whfb-policy.schema.json'))) console.error('warning: schemas/whfb-policy.schema.json is missing; yaml-language-server validates without a schema');
  const notes: string[] = [];

  // Cold start: alternating rounds, so that neither server profits from a warmer disk cache. Each
  // round also times spawn -> first diagnostics of a 100-setting policy (pull, as VS Code does).
  const startup = { bare: [] as number[], whfb: [] as number[], yaml: [] as number[], whfbFirstDiagnostics: [] as number[] };
  const small = syntheticPolicy(catalog, { name: 'spawn-100', settings: 100 });
  const smallUri = writePolicy(small);
  for (let round = 0; round < STARTUP_ROUNDS; round++) {
    startup.bare.push(await measureStartup(bare, rootUri, budget));
    if (withWhfb) startup.whfb.push(await measureStartup(whfb, rootUri, budget));
    if (withWhfb) startup.whfbFirstDiagnostics.push((await measureSpawnToDiagnostics(whfb, small, smallUri, rootUri, budget)).ms);
    if (withYaml) startup.yaml.push(await measureStartup(yaml, rootUri, budget));
  }
  console.error(`cold start: bare ${round1(median(startup.bare))} ms, whfb ${withWhfb ? round1(median(startup.whfb)) : '-'} ms (first diagnostics ${withWhfb ? round1(median(startup.whfbFirstDiagnostics)) : '-'} ms), yaml-language-server ${round1(median(startup.yaml))} ms`);

  /** Our server on both paths and yaml-language-server (push only), interleaved round by round; one median row each. */
  const sessionsOf = async (policy: SyntheticPolicy, uri: string, rounds: { whfbPull: number; whfbPush: number; yaml: number }, theirBudget: Budget = yamlBudget): Promise<SessionResult[]> => {
    const runs = new Map<string, SessionResult[]>();
    const plan: [ServerUnderTest, DiagnosticsPath, number, Budget][] = [
      [whfb, 'pull', withWhfb ? rounds.whfbPull : 0, budget],
      [whfb, 'push', withWhfb ? rounds.whfbPush : 0, budget],
      [yaml, 'push', withYaml ? rounds.yaml : 0, theirBudget],
    ];
    for (let round = 0; round < Math.max(...plan.map((p) => p[2])); round++) {
      // Alternate which goes first in each round.
      const ordered = round % 2 === 0 ? plan : [...plan].reverse();
      for (const [server, path, count, serverBudget] of ordered) {
        if (round >= count) continue;
        const result = await runSession(server, policy, uri, rootUri, serverBudget, path);
        console.error(`${server.id} ${path} ${policy.name} #${round + 1}: open ${result.openRawMs} ms raw, edit p50 ${result.changeP50RawMs} ms raw, completion p99 ${result.completionP99Ms} ms (${result.completionItems} items), hover p99 ${result.hoverP99Ms} ms, ${result.peakRssMb} MB, ${result.openDiagnostics} diagnostics`);
        const key = `${server.id}:${path}`;
        runs.set(key, [...(runs.get(key) ?? []), result]);
      }
    }
    return [...runs.values()].map(medianSession);
  };

  const yamlLargeBudget: Budget = { ...budget, edits: Math.min(budget.edits, 20), completions: Math.min(budget.completions, 10), hovers: Math.min(budget.hovers, 10) };
  const results: SessionResult[] = [];
  for (const settings of SIZES) {
    const policy = syntheticPolicy(catalog, { name: `synthetic-${settings}`, settings });
    const uri = writePolicy(policy);
    const large = settings >= 10_000;
    results.push(...await sessionsOf(policy, uri, { whfbPull: ROUNDS, whfbPush: ROUNDS, yaml: large ? YAML_LARGE_ROUNDS : ROUNDS }, large ? yamlLargeBudget : budget));
    notes.push(`synthetic-${settings}: ${policy.invalid} deliberately invalid settings; edits alternate line ${policy.probe ? policy.probe.valueLine + 1 : '?'} between ${policy.probe?.values.join(' and ')}.`);
  }

  // Files where the cost follows the findings: ours on both paths; yaml-language-server once, on
  // the duplicates file, with fewer requests (each of its edits takes most of a second there).
  const harsh: SessionResult[] = [];
  const harshSettings = quick ? 1000 : 10_000;

  for (const policy of args.has('--no-harsh') ? [] : harshPolicies(catalog, harshSettings)) {
    const uri = writePolicy(policy);
    harsh.push(...await sessionsOf(policy, uri, { whfbPull: ROUNDS, whfbPush: 1, yaml: policy.name.startsWith('duplicates-') ? 1 : 0 }, yamlLargeBudget));
  }

  const adversarial: SessionResult[] = [];
  for (const policy of args.has('--no-adversarial') ? [] : [mergeChainPolicy(catalog, 1000), conflictMarkerPolicy(catalog, 1000)]) {
    const uri = writePolicy(policy);
    adversarial.push(...await sessionsOf(policy, uri, { whfbPull: 1, whfbPush: 0, yaml: 1 }));
  }

  const formats = withWhfb && !args.has('--no-formats')
    ? await runFormatSessions(whfb, root, FORMAT_FIXTURES, rootUri, { ...budget, warmup: 2, edits: quick ? 5 : 20 })
    : undefined;
  for (const row of formats ?? []) console.error(`whfb formats ${row.format}: open ${row.openMs} ms, edit p50 ${row.changeP50Ms} ms, ${row.openDiagnostics} diagnostics`);

  const longLines = withWhfb && !args.has('--no-long-lines') ? await measureLongLines(whfb, rootUri) : undefined;

  const cli: NonNullable<BenchResults['clis']> = [];
  if (withWhfb && !args.has('--no-cli')) {
    for (const corpus of CLI_CORPORA) {
      const dir = join(tmp, `cli-${corpus.files}`);
      writeCliCorpus(catalog, dir, corpus.files, 20);
      const row = await benchCli(root, join(root, 'dist', 'cli.js'), dir, corpus.files, 20, corpus.runs, 300_000);
      console.error(`whfb-lint ${corpus.files} files: ${row.wallMs} ms (CPU ${row.cpuMs} ms)`);
      cli.push(row);
    }
  }

  let workspace: BenchResults['workspace'];
  if (withWhfb && !args.has('--no-workspace')) {
    const rows = await runWorkspaceBench({ root, tmp, whfb, budget });
    workspace = rows ? { rows } : { missing: `${WORKSPACE_BENCH_MODULE} is not in this tree: the workspace index rows were not run` };
  }
  const activation = readActivation(root);

  const report: BenchResults = {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    date: new Date().toISOString().slice(0, 10),
    notes: [
      `1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end, on ${cpus().length} cores: anything above ~0.5 means other processes shared the CPU and the figures are pessimistic.`,
      ...notes,
    ],
    rounds: ROUNDS,
    load: { start: round2(loadAtStart), end: round2(loadavg()[0]!), cores: cpus().length },
    results,
    harsh,
    adversarial,
    startup: {
      rounds: STARTUP_ROUNDS,
      bareMs: round1(median(startup.bare)),
      whfbMs: withWhfb ? round1(median(startup.whfb)) : undefined,
      whfbFirstDiagnosticsMs: withWhfb ? round1(median(startup.whfbFirstDiagnostics)) : undefined,
      firstDiagnosticsFile: `${small.name} (${small.settings} settings)`,
      yamlLanguageServerMs: round1(median(startup.yaml)),
    },
    clis: cli.length > 0 ? cli : undefined,
    formats,
    longLines,
    workspace,
    activation: activation ?? { missing: 'not measured in this run (no activation timing from the in-host VS Code suite: run node scripts/integration/run.mjs, which writes test-results/integration/activation-main.json)' },
  };
  process.stdout.write(markdownReport(report));
  if (!partialRun) {
    writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify({ ...report, targets: evaluateTargets(report) }, null, 2)}\n`);
    writeReadmeSection(root, report);
    console.error('wrote bench/results.json and README.md\'s Performance figures');
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function measureLongLines(whfb: ServerUnderTest, rootUri: string): Promise<NonNullable<BenchResults['longLines']>> {
  const rows: NonNullable<BenchResults['longLines']> = [];
  // Fewer edits than the synthetic files: each carries a 5 MB document through the server.
  const longBudget: Budget = { ...budget, warmup: 2, edits: quick ? 5 : 20 };
  for (const doc of longLineDocuments()) {
    const row = await runLongLineSession(whfb, doc, rootUri, longBudget);
    console.error(`whfb ${row.file}: open ${row.openMs} ms, edit p50 ${row.changeP50Ms} ms, symbols ${row.symbolsMs} ms, ${row.peakRssMb} MB`);
    rows.push(row);
  }
  return rows;
}

/** `--long-lines`: only the one-line rows; with `--update-results`, merged into the committed results. */
async function runLongLinesOnly(whfb: ServerUnderTest, rootUri: string, loadAtStart: number): Promise<void> {
  if (!existsSync(join(root, 'dist', 'server.js'))) throw new BenchError('dist/server.js is missing: run "node scripts/build.mjs"');
  const longLines = await measureLongLines(whfb, rootUri);
  const resultsPath = join(root, 'bench', 'results.json');
  const previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults & { targets?: unknown };
  const load = `long-line rows: measured ${new Date().toISOString().slice(0, 10)} by \`tsx bench/run.ts --long-lines\`, 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end, on ${cpus().length} cores.`;
  const report: BenchResults = { ...previous, notes: [...previous.notes.filter((note) => !note.startsWith('long-line rows:')), load], longLines };
  delete (report as { targets?: unknown }).targets;
  process.stdout.write(markdownReport(report));
  if (args.has('--update-results')) {
    writeFileSync(resultsPath, `${JSON.stringify({ ...report, targets: evaluateTargets(report) }, null, 2)}\n`);
    writeReadmeSection(root, report);
    console.error('updated the long-line rows of bench/results.json and README.md');
  }
}

process.on('SIGINT', () => { killAllClients(); process.exit(130); });
process.on('SIGTERM', () => { killAllClients(); process.exit(143); });
main().then(
  () => { killAllClients(); process.exit(0); },
  (error: unknown) => {
    killAllClients();
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
