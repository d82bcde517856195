/**
 * Runs fuzz sessions in child processes (one per core) and watches them: a child that uses
 * HANG_BOUND_MS of CPU without a heartbeat (or stays silent for far longer in wall time) is killed
 * and reported with the session and request it hung in. CPU time, so a loaded machine is no hang.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus';
import { processCpuMs, WALL_BACKSTOP_FACTOR } from './cpuTime';
import type { WorkerMessage, WorkerRequest } from './serviceFuzzWorker';

export const HANG_BOUND_MS = 10_000;

export interface FuzzOutcome {
  failures: Extract<WorkerMessage, { type: 'failure' }>[];
  fixBreaksSyntax: Extract<WorkerMessage, { type: 'fixBreaksSyntax' }>[];
  hangs: string[];
  crashes: string[];
  mutations: number;
  requests: number;
  formats: Record<string, number>;
}

export async function runServiceFuzz(masterSeed: number, sessions: number[], steps: number, processes: number): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { failures: [], fixBreaksSyntax: [], hangs: [], crashes: [], mutations: 0, requests: 0, formats: {} };
  const shares: number[][] = Array.from({ length: processes }, () => []);
  sessions.forEach((session, i) => shares[i % processes]!.push(session));
  await Promise.all(shares.filter((share) => share.length > 0).map((share) => runOne({ masterSeed, sessions: share, steps }, outcome)));
  return outcome;
}

function runOne(request: WorkerRequest, outcome: FuzzOutcome): Promise<void> {
  return new Promise((resolve) => {
    const child = fork(join(__dirname, 'serviceFuzzWorker.ts'), [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let last: Extract<WorkerMessage, { type: 'heartbeat' }> | undefined;
    let lastAt = Date.now();
    let lastCpu = 0;
    let done = false;
    const watchdog = setInterval(() => {
      const cpuSince = (processCpuMs(child.pid ?? -1) ?? lastCpu) - lastCpu;
      const wallSince = Date.now() - lastAt;
      if (cpuSince > HANG_BOUND_MS || wallSince > HANG_BOUND_MS * WALL_BACKSTOP_FACTOR) {
        outcome.hangs.push(`no answer within ${HANG_BOUND_MS} ms of CPU (${Math.round(cpuSince)} ms CPU, ${wallSince} ms wall): FUZZ_SEED=${request.masterSeed} FUZZ_SESSION=${last?.session} (step ${last?.step}, ${last?.op})`);
        clearInterval(watchdog);
        child.kill('SIGKILL');
      }
    }, 500);
    child.on('message', (message: WorkerMessage) => {
      lastAt = Date.now();
      lastCpu = processCpuMs(child.pid ?? -1) ?? lastCpu;
      if (message.type === 'heartbeat') last = message;
      else if (message.type === 'failure') outcome.failures.push(message);
      else if (message.type === 'fixBreaksSyntax') outcome.fixBreaksSyntax.push(message);
      else {
        done = true;
        outcome.mutations += message.mutations;
        outcome.requests += message.requests;
        for (const [format, count] of Object.entries(message.formats)) outcome.formats[format] = (outcome.formats[format] ?? 0) + count;
      }
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (!done && signal !== 'SIGKILL') {
        outcome.crashes.push(`fuzz process exited (${code ?? signal}) during FUZZ_SEED=${request.masterSeed} FUZZ_SESSION=${last?.session} (step ${last?.step}, ${last?.op})`);
      }
      resolve();
    });
    child.send(request);
  });
}
