/**
 * The workspace index as the editor meets it (issue 13: "indexing 1,000 policy files of 20
 * settings ≤ 2 s after start and ≤ 150 MB"): the real server (dist/server.js) started on a folder
 * of 1,000 policy files, nothing opened. Measured from `initialized` until the client holds every
 * closed file's diagnostics, over the workspace pull (workspace/diagnostic, as VS Code asks) and
 * over the push path (other editors), with the server process's peak RSS (VmHWM).
 * `node --import tsx bench/workspaceServerBench.ts [--json] [--root=DIR]`; `npm run bench` runs it through
 * bench/workspaceBench.ts (benchWorkspace).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { policyFile } from './workspaceBench';

export interface ServerIndexRun {
  files: number; mode: 'pull' | 'push'; allDiagnosticsMs: number; serverPeakRssMb: number;
  /** The server's CPU time (user + system, all threads) from spawn to all diagnostics: what a busy machine does not inflate. */
  serverCpuMs: number;
}

const CAPABILITIES = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true }, diagnostic: { dynamicRegistration: false } },
};

/** utime + stime of a process (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function serverIndexRun(root: string, files = 1_000, mode: 'pull' | 'push' = 'pull', timeoutMs = 120_000): Promise<ServerIndexRun> {
  const folder = mkdtempSync(join(tmpdir(), 'whfb-ws-bench-'));
  mkdirSync(join(folder, 'policies'));
  for (let index = 0; index < files; index++) writeFileSync(join(folder, 'policies', `p${index}.whfb.yaml`), policyFile(index));
  // WHFB_BENCH_SERVER_ARGS: extra node options for the server (e.g. --cpu-prof) when looking for where the time goes.
  const extra = process.env.WHFB_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, join(root, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const pushed = new Set<string>();
  let allPushed: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    pushed.add(params.uri);
    if (pushed.size >= files) allPushed?.();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest(() => null);
  connection.listen();
  const timer = setTimeout(() => child.kill(), timeoutMs);
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
      capabilities: mode === 'pull' ? CAPABILITIES : { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    });
    const start = performance.now();
    const done = mode === 'push' ? new Promise<void>((resolveDone) => { allPushed = resolveDone; }) : undefined;
    await connection.sendNotification('initialized', {});
    if (mode === 'pull') {
      const answer = await connection.sendRequest<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] });
      if (answer.items.length < files) throw new Error(`workspace/diagnostic reported ${answer.items.length} of ${files} files`);
    } else {
      await done;
    }
    const allDiagnosticsMs = performance.now() - start;
    const run: ServerIndexRun = { files, mode, allDiagnosticsMs, serverPeakRssMb: peakRssMb(child.pid!), serverCpuMs: cpuMs(child.pid!) };
    // A clean exit, so a --cpu-prof profile is written.
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    return run;
  } finally {
    clearTimeout(timer);
    connection.dispose();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    // --root=DIR: another checkout's dist/server.js (a before/after pair; build it there first).
    const rootOption = process.argv.find((arg) => arg.startsWith('--root='))?.slice('--root='.length);
    const root = resolve(rootOption ?? resolve(__dirname, '..'));
    for (const mode of (process.env.WHFB_BENCH_MODE ? [process.env.WHFB_BENCH_MODE as 'pull' | 'push'] : ['pull', 'push'] as const)) {
      const run = await serverIndexRun(root, 1_000, mode);
      if (process.argv.includes('--json')) console.log(JSON.stringify(run));
      else console.log(`server, ${run.files} closed files, ${mode}: all diagnostics ${Math.round(run.allDiagnosticsMs)} ms after initialized, server peak RSS ${run.serverPeakRssMb.toFixed(1)} MB, server CPU ${run.serverCpuMs} ms (spawn to all diagnostics)`);
    }
  })();
}
