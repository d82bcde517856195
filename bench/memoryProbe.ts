/**
 * Where a server session's peak memory is reached (issue 16): one cold server, the bench's session
 * (open, 205 edits of the probe value, 205 completions, 205 hovers) on one file, and the server's
 * VmHWM / VmRSS and CPU time (`/proc/<pid>/status`, `/proc/<pid>/stat`) after each phase, so a peak
 * can be placed (the open, the first edits, the later ones). bench/run.ts reads VmHWM only at the end.
 *
 *   tsx bench/memoryProbe.ts [dist dir=dist] [synthetic|duplicates|type-errors|unknown-nodes] [pull|push]
 *
 * `PROBE_NODE_ARGS="--v8-pool-size=1"` passes options to the server's node (experiments only: the
 * extension starts the server without any). With `PROBE_SNAPSHOTS=1` and
 * `PROBE_NODE_ARGS="--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>"` the server writes a heap
 * snapshot after the open and after 55 edits (writing them costs the server ~100 MB: that run's memory
 * figures mean nothing, only the snapshots do). Compare two builds by interleaving runs with another
 * worktree's dist directory; memory varies from run to run with the timing of full collections.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { percentile, round1 } from './stats';
import { harshPolicies, loadCatalog, syntheticPolicy } from './syntheticPolicies';

const root = resolve(__dirname, '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const kind = process.argv[3] ?? 'duplicates';
const path = process.argv[4] === 'push' ? 'push' : 'pull';
const WARMUP = 5;
const EDITS = 200;
const REQUESTS = 205;
/** Heap snapshots are written by the server after a signal; this leaves it time to finish. */
const SNAPSHOT_WAIT_MS = 8000;

function processFigures(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks of 10 ms, counted after the command name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuMs = (Number(stat[11]) + Number(stat[12])) * 10;
  return `VmHWM ${round1(kb('VmHWM') / 1024)} MB, VmRSS ${round1(kb('VmRSS') / 1024)} MB, CPU ${cpuMs} ms`;
}

async function main(): Promise<void> {
  const catalog = loadCatalog(join(root, 'data', 'generated', 'catalog.json'));
  const policy = kind === 'synthetic'
    ? syntheticPolicy(catalog, { name: 'synthetic-10000', settings: 10000 })
    : harshPolicies(catalog, 10000).find((candidate) => candidate.name.startsWith(`${kind}-`));
  if (!policy?.probe) throw new Error(`no bench file of kind ${kind}`);
  const tmp = join(root, 'bench', 'tmp');
  mkdirSync(join(tmp, 'docs'), { recursive: true });
  mkdirSync(join(tmp, 'workspace-root'), { recursive: true });
  const file = join(tmp, 'docs', `${policy.name}.whfb.yaml`);
  writeFileSync(file, policy.text);
  const uri = pathToFileURL(file).href;

  const nodeArgs = process.env.PROBE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const { client } = await LspClient.start({
    label: `whfb (${dist})`, command: process.execPath, cwd: root,
    args: [...nodeArgs, join(dist, 'server.js'), '--stdio'],
    settings: { whfb: { validation: { delay: 0 } } },
  }, pathToFileURL(join(tmp, 'workspace-root')).href, 60_000, { pull: path === 'pull' });
  const pid = client.process.pid!;
  const phases: string[] = [];
  const mark = (phase: string) => phases.push(`${phase}: ${processFigures(pid)}`);
  const snapshot = async () => {
    if (!process.env.PROBE_SNAPSHOTS) return;
    process.kill(pid, 'SIGUSR2');
    await new Promise((done) => setTimeout(done, SNAPSHOT_WAIT_MS));
  };
  try {
    await client.settleConfiguration(2000);
    mark('initialized');
    let version = 1;
    let resultId: string | undefined;
    let answers = 0;
    const diagnosticsAfter = async (send: () => void) => {
      if (path === 'push') {
        const published = client.expectDiagnostics(uri, version, 60_000);
        send();
        await published;
        answers++;
        return;
      }
      send();
      const report = await client.pullDiagnosticsOf(uri, resultId);
      resultId = report.resultId;
      if (report.items) answers++;
    };
    await diagnosticsAfter(() => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'whfb-yaml', version, text: policy.text } }));
    mark('open');
    await snapshot();
    const probe = policy.probe;
    let current = 0;
    const editMs: number[] = [];
    for (let i = 0; i < WARMUP + EDITS; i++) {
      const oldValue = probe.values[current];
      current = 1 - current;
      version++;
      const range = { start: { line: probe.valueLine, character: probe.valueStart }, end: { line: probe.valueLine, character: probe.valueStart + oldValue.length } };
      const started = performance.now();
      await diagnosticsAfter(() => client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: probe.values[current] }] }));
      if (i >= WARMUP) editMs.push(performance.now() - started);
      if (i + 1 === 5 || i + 1 === 55 || i + 1 === WARMUP + EDITS) mark(`${i + 1} edits`);
      if (i + 1 === 55) await snapshot();
    }
    for (let i = 0; i < REQUESTS; i++) await client.request('textDocument/completion', { textDocument: { uri }, position: probe.completion, context: { triggerKind: 1 } });
    for (let i = 0; i < REQUESTS; i++) await client.request('textDocument/hover', { textDocument: { uri }, position: probe.hover });
    mark('completions and hovers');
    console.log(`${policy.name} ${path} (${dist}): edit p50 ${round1(percentile(editMs, 50))} ms, full answers ${answers} of ${WARMUP + EDITS + 1}\n  ${phases.join('\n  ')}`);
    await client.stop();
  } catch (error) {
    client.kill();
    throw error;
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(`memory probe failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
