/**
 * CPU time of the server process from its spawn to the pulled diagnostics of a 100-setting
 * policy, with and without the V8 code cache of dist/service.js (server/src/server/codeCache.ts):
 * wall times on a shared machine swing with the load, the CPU the process used does much less.
 *
 *   tsx bench/startupCpu.ts [--runs=10] [--dist=DIR ...]
 *
 * Each --dist (default: dist) is measured three ways per run, interleaved: without a cache
 * directory, with an empty one (cold: the first start after an install or an update) and with
 * the cache the cold start wrote (warm: every later start). A dist built before the cache
 * existed ignores the argument, so an old build can be compared with a new one. The bare
 * vscode-languageserver server's spawn -> initialize is measured alongside (bench/tmp/bareServer.js,
 * written by bench/run.ts). Linux only: CPU time is read from /proc/<pid>/stat (10 ms ticks).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type ServerCommand } from './lspClient';
import { loadCatalog, syntheticPolicy } from './syntheticPolicies';
import { median, round1 } from './stats';

const root = resolve(__dirname, '..');
const tmp = join(root, 'bench', 'tmp');
const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 10);
const dists = process.argv.filter((arg) => arg.startsWith('--dist=')).map((arg) => resolve(arg.slice('--dist='.length)));
if (dists.length === 0) dists.push(join(root, 'dist'));

/** User plus system time of a live process, all its threads (compiler and GC helpers too), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // After "pid (comm) ", utime and stime are fields 12 and 13 (counting from 0 at the state field).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function spawnToDiagnostics(command: ServerCommand, uri: string, text: string, rootUri: string): Promise<{ cpu: number; wall: number }> {
  const { client, spawnedAt } = await LspClient.start(command, rootUri, 30_000, { pull: true });
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'whfb-yaml', version: 1, text } });
  await client.pullDiagnosticsOf(uri);
  const wall = performance.now() - spawnedAt;
  const cpu = cpuMs(client.process.pid!);
  await client.stop();
  return { cpu, wall };
}

async function spawnToInitialize(command: ServerCommand, rootUri: string): Promise<{ cpu: number; wall: number }> {
  const { client, startupMs } = await LspClient.start(command, rootUri, 30_000);
  const cpu = cpuMs(client.process.pid!);
  await client.stop();
  return { cpu, wall: startupMs };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  mkdirSync(join(tmp, 'docs'), { recursive: true });
  const workspaceRoot = join(tmp, 'workspace-root');
  mkdirSync(workspaceRoot, { recursive: true });
  const rootUri = pathToFileURL(workspaceRoot).href;
  const policy = syntheticPolicy(loadCatalog(join(root, 'data', 'generated', 'catalog.json')), { name: 'spawn-100', settings: 100 });
  const uri = pathToFileURL(join(tmp, 'docs', 'spawn-100.whfb.yaml')).href;
  const bare = join(tmp, 'bareServer.js');

  const samples = new Map<string, { cpu: number; wall: number }[]>();
  const record = (label: string, sample: { cpu: number; wall: number }): void => { samples.set(label, [...(samples.get(label) ?? []), sample]); };
  const whfb = (dist: string, extra: string[]): ServerCommand => ({ label: dist, command: process.execPath, args: [join(dist, 'server.js'), '--stdio', ...extra], cwd: root, settings: { whfb: { validation: { delay: 0 } } } });

  for (let run = 0; run < runs; run++) {
    if (existsSync(bare)) record('bare: spawn -> initialize', await spawnToInitialize({ label: 'bare', command: process.execPath, args: [bare, '--stdio'], cwd: root, settings: {} }, rootUri));
    for (const [index, dist] of dists.entries()) {
      const cacheDirectory = join(tmp, `code-cache-probe-${index}`);
      rmSync(cacheDirectory, { recursive: true, force: true });
      const name = dist.startsWith(`${root}/`) ? dist.slice(root.length + 1) : dist;
      record(`${name}: no cache directory`, await spawnToDiagnostics(whfb(dist, []), uri, policy.text, rootUri));
      record(`${name}: cold (empty directory)`, await spawnToDiagnostics(whfb(dist, [`--code-cache-dir=${cacheDirectory}`]), uri, policy.text, rootUri));
      record(`${name}: warm (cache written)`, await spawnToDiagnostics(whfb(dist, [`--code-cache-dir=${cacheDirectory}`]), uri, policy.text, rootUri));
    }
  }
  console.log(`spawn -> first diagnostics of a 100-setting policy (bare: spawn -> initialize), median of ${runs} interleaved runs; load ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`);
  for (const [label, values] of samples) {
    console.log(`  ${label.padEnd(48)} CPU ${String(round1(median(values.map((v) => v.cpu)))).padStart(6)} ms   wall ${String(round1(median(values.map((v) => v.wall)))).padStart(6)} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
