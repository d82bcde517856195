/**
 * whfb-lint at scale: 1,000 policy files of 20 settings each, linted by one `node dist/cli.js`
 * run over their directory. Wall time includes Node's own start, as CI pays it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Catalog } from '../server/src/catalog/types';
import { BenchError } from './lspClient';
import { median, round1 } from './stats';
import { syntheticPolicy } from './syntheticPolicies';

export interface CliResult {
  files: number;
  settingsPerFile: number;
  wallMs: number;
  runsMs: number[];
  /** CPU time (user + system, all threads) of the same runs, median: the figure that does not depend on how busy the machine is. */
  cpuMs?: number;
  exitCode: number | null;
  /** Findings the CLI reported (from its JSON summary), so an early exit cannot look fast. */
  errors?: number;
  warnings?: number;
  filesReported?: number;
}

export function writeCliCorpus(catalog: Catalog, dir: string, files: number, settingsPerFile: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    const name = `policy-${String(i).padStart(4, '0')}`;
    // 2% per setting: with 20 settings, about a third of the files carry a finding.
    const policy = syntheticPolicy(catalog, { name, settings: settingsPerFile, invalidRate: 0.02 });
    writeFileSync(join(dir, `${name}.whfb.yaml`), policy.text);
  }
}

/**
 * Preloaded into the CLI (`node -r`): at exit, the main thread writes the process's CPU time, which
 * getrusage counts over all threads, to fd 3. Node offers no rusage for a child process otherwise.
 */
const CPU_REPORTER = `const { isMainThread } = require('node:worker_threads');
if (isMainThread) process.on('exit', () => { try { require('node:fs').writeSync(3, JSON.stringify(process.cpuUsage())); } catch {} });
`;

function runOnce(cwd: string, cli: string, dir: string, timeoutMs: number, extra: readonly string[] = []): Promise<{ ms: number; cpuMs?: number; code: number | null; stdout: string; stderr: string }> {
  const reporter = resolve(cwd, dirname(dir), 'cpuReporter.cjs');
  writeFileSync(reporter, CPU_REPORTER);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-r', reporter, cli, '--format', 'json', ...extra, dir], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (chunk: string) => { usage += chunk; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BenchError(`whfb-lint did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      let cpuMs: number | undefined;
      try {
        const { user, system } = JSON.parse(usage) as { user: number; system: number };
        cpuMs = (user + system) / 1000;
      } catch {
        // No CPU figure, the wall time still stands.
      }
      resolve({ ms, cpuMs, code, stdout, stderr });
    });
  });
}

export async function benchCli(cwd: string, cli: string, dir: string, files: number, settingsPerFile: number, runs: number, timeoutMs: number, extra: readonly string[] = []): Promise<CliResult> {
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  let last: Awaited<ReturnType<typeof runOnce>> | undefined;
  for (let i = 0; i < runs; i++) {
    last = await runOnce(cwd, cli, dir, timeoutMs, extra);
    if (last.code !== 0 && last.code !== 1) {
      throw new BenchError(`whfb-lint exited with ${last.code}: ${last.stderr.trim().split('\n').slice(-5).join('\n  ')}`);
    }
    runsMs.push(last.ms);
    if (last.cpuMs !== undefined) cpuRunsMs.push(last.cpuMs);
  }
  const result: CliResult = { files, settingsPerFile, wallMs: round1(median(runsMs)), runsMs: runsMs.map(round1), exitCode: last?.code ?? null };
  if (cpuRunsMs.length > 0) result.cpuMs = round1(median(cpuRunsMs));
  let report: { files?: unknown[]; summary?: { files?: number; errors?: number; warnings?: number } };
  try {
    report = JSON.parse(last?.stdout ?? '') as typeof report;
  } catch {
    // Exit status 1 is also what a crash looks like: without the JSON report the time means nothing.
    throw new BenchError(`whfb-lint printed no JSON report (exit ${last?.code}): ${last?.stderr.trim().split('\n').slice(-5).join('\n  ')}`);
  }
  result.errors = report.summary?.errors;
  result.warnings = report.summary?.warnings;
  result.filesReported = report.summary?.files ?? report.files?.length;
  if (result.filesReported !== files) throw new BenchError(`whfb-lint reported ${result.filesReported} files, not ${files}`);
  return result;
}

/**
 * Only the whfb-lint rows, without the servers: `npx tsx bench/cliBench.ts [--files=1000,10000]
 * [--runs=3] [--no-cross-file] [--cli=dist/cli.js] [--no-write-corpus]` (build first: `node scripts/build.mjs`; --cli
 * names another bundle, e.g. one built from main with `--cli-out=`, for before/after runs). Prints each row with the
 * load average before and after; bench/results.json is left alone (the full `npm run bench` writes it).
 */
async function main(): Promise<void> {
  const { loadavg } = await import('node:os');
  const { loadCatalog } = await import('./syntheticPolicies');
  const root = resolve(__dirname, '..');
  const option = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const sizes = (option('files') ?? '1000,10000').split(',').map(Number);
  const runs = Number(option('runs') ?? '3');
  const extra = process.argv.includes('--no-cross-file') ? ['--no-cross-file'] : [];
  const catalog = loadCatalog(join(root, 'data', 'generated', 'catalog.json'));
  for (const files of sizes) {
    const dir = join(root, 'bench', 'tmp', `cli-${files}`);
    if (!process.argv.includes('--no-write-corpus')) writeCliCorpus(catalog, dir, files, 20);
    const before = loadavg()[0]!.toFixed(2);
    const row = await benchCli(root, resolve(option('cli') ?? join(root, 'dist', 'cli.js')), dir, files, 20, files >= 10_000 ? 1 : runs, 600_000, extra);
    console.log(`${option('cli') ?? 'dist/cli.js'}: whfb-lint ${files} files x 20 settings${extra.length ? ' --no-cross-file' : ''}: wall ${row.wallMs} ms (runs ${row.runsMs.join(', ')}), CPU ${row.cpuMs} ms, ${row.errors} errors, ${row.warnings} warnings; load average ${before} -> ${loadavg()[0]!.toFixed(2)}`);
  }
}

if (require.main === module) void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
