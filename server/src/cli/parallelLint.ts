/**
 * Large runs are split over worker threads: parsing dominates, and a CI runner's second core
 * halves the wall time of a thousand-file repository. Small runs stay on the main thread
 * (a worker costs a bundle load and a catalog load). A worker that fails has its files
 * checked on the main thread instead, so threads never change what is reported.
 *
 * The files go to whichever thread is free, one at a time: each thread claims the next file itself,
 * from a counter the threads share (Atomics), so a worker never waits for the main thread to hand
 * it work. The main thread starts at once while a worker is still loading its bundle and catalog
 * (a fixed ~0.1-0.3 s of CPU), a thread slowed by a busy machine takes fewer files, and a worker
 * that has not claimed a file when they run out is stopped instead of waited for. Equal shares
 * handed out at the start left the main thread waiting for the worker's last files, and so did
 * chunks of ~30 files claimed whole (the main thread waited for the worker's last chunk, ~45 ms of
 * work); a worker answers in batches, so messages stay few, and at once when no file is left.
 * Results are put back in the command line's file order.
 *
 * A worker takes ~0.15 s (Node's worker bootstrap, then the 1.7 MB engine's compile) before its
 * first file, so the launcher (cli.ts) starts one before the main thread loads the engine when the
 * command line may name many files (workerForecast.ts, lintWorkerStart.ts); the worker waits for its
 * job by message, and a run found too small for it stops it.
 */
import { availableParallelism } from 'node:os';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { prepareCrossFileFacts } from './crossFileLint';
import type { LintFilesResult } from './lintFiles';
import { lintRunner, runLintJob, type LintJob, type ServiceFactory } from './lintJob';
import { optimizeFor } from './optimizerPolicy';
import { MIN_FILES_PER_THREAD, startLintWorker, type LintWorker, type WorkerAnswer, type WorkerJob, type WorkerStart } from './lintWorkerStart';

const MAX_THREADS = 4;

/** A worker's state in the shared array: it may still start, it has started, it was told not to, or it has answered every file it claimed. */
const NOT_STARTED = 0;
const STARTED = 1;
const STOPPED = 2;
const ANSWERED = 3;

/** Atomics.waitAsync (Node 16 on), which the ES2022 library this project compiles against does not declare. */
const waitAsync = (Atomics as unknown as {
  waitAsync: (array: Int32Array, index: number, value: number) => { async: false } | { async: true; value: Promise<unknown> };
}).waitAsync;

/** Where a run's workers come from: the bundle they run, and a worker started ahead of the run (cli.ts), used once. */
export interface WorkerSource { script: string | undefined; standby?: LintWorker }

export async function lintInParallel(job: LintJob, createService: ServiceFactory, source: WorkerSource): Promise<LintFilesResult> {
  const parallel = Math.min(availableParallelism(), MAX_THREADS, Math.floor(job.candidates.length / MIN_FILES_PER_THREAD));
  const workerScript = source.script;
  const threads = workerScript && parallel >= 2 ? parallel : 1;
  const standby = source.standby;
  source.standby = undefined;
  // Before any worker runs the job's code: the flags it runs with are the process's (V8's flags are
  // read as code is compiled, so a worker started earlier follows them too).
  optimizeFor(job.candidates, threads);
  if (threads < 2 || !workerScript) {
    // Too small for a second thread: the worker started ahead is stopped before it costs more.
    void standby?.stop();
    return runLintJob(job, createService);
  }
  const candidates = job.candidates;
  const shared = new SharedArrayBuffer(4 * threads);
  const state = new Int32Array(shared);
  const results = new Array<LintFilesResult | undefined>(candidates.length);
  // Each result's cross-file facts are made ready for the cross-file step as it comes in, while the
  // other thread still checks files: that step runs alone once both are done.
  const take = (index: number, result: LintFilesResult): void => {
    if (job.crossFile) prepareCrossFileFacts(result.files);
    results[index] = result;
  };
  const workers = Array.from({ length: threads - 1 }, (_, at) => (at === 0 && standby) || startLintWorker(workerScript));
  const batchSize = answerBatchSize(candidates.length, threads);
  workers.forEach((worker, at) => worker.assign({ job, batchSize, shared, slot: at + 1 }));
  const drain = (): void => {
    for (const worker of workers) {
      for (let answer = worker.receive(); answer; answer = worker.receive()) answer.indices.forEach((index, at) => take(index, answer!.results[at]!));
    }
  };
  const lintHere = lintRunner(job, createService);
  for (let index = Atomics.add(state, 0, 1); index < candidates.length; index = Atomics.add(state, 0, 1)) {
    take(index, lintHere([candidates[index]!]));
    drain();
  }
  // The files ran out: a worker that has not started is stopped; the others finish theirs.
  workers.forEach((worker, at) => {
    if (Atomics.compareExchange(state, at + 1, NOT_STARTED, STOPPED) === NOT_STARTED) void worker.stop();
  });
  // A worker's last answer, not its exit: a thread's teardown (freeing its heap) takes 40-60 ms.
  await Promise.all(workers.map((worker, at) => answeredAll(state, at + 1, worker)));
  // What a worker posted before it ended is still queued on its port.
  drain();
  for (const worker of workers) worker.close();
  // Files a worker claimed and did not answer (it failed or crashed) are checked here.
  for (let index = 0; index < candidates.length; index++) results[index] ??= lintHere([candidates[index]!]);
  return { files: results.flatMap((r) => r!.files), problems: results.flatMap((r) => r!.problems) };
}

/** Resolves once the worker in `slot` has posted its last answer, or has ended (it failed, crashed or was stopped). */
function answeredAll(state: Int32Array, slot: number, worker: LintWorker): Promise<unknown> {
  const waiting = waitAsync(state, slot, STARTED);
  return waiting.async ? Promise.race([waiting.value, worker.done]) : Promise.resolve();
}

/** How many files a worker answers at once while files are left: few messages, each soon taken in. */
function answerBatchSize(files: number, threads: number): number {
  return Math.max(8, Math.min(50, Math.ceil(files / (threads * 16))));
}

/** A worker's life: wait for the job, then claim files one by one and answer them in batches, until none is left (or it was stopped before it began). */
export function serveLintWorker({ port }: WorkerStart, createService: ServiceFactory): void {
  parentPort?.once('message', (message: WorkerJob) => lintClaimedFiles(message, port, createService));
}

function lintClaimedFiles({ job, batchSize, shared, slot }: WorkerJob, port: MessagePort, createService: ServiceFactory): void {
  const state = new Int32Array(shared);
  const candidates = job.candidates;
  if (Atomics.compareExchange(state, slot, NOT_STARTED, STARTED) !== NOT_STARTED) return;
  const lint = lintRunner(job, createService);
  let answer: WorkerAnswer = { indices: [], results: [] };
  for (let index = Atomics.add(state, 0, 1); index < candidates.length; index = Atomics.add(state, 0, 1)) {
    answer.indices.push(index);
    answer.results.push(lint([candidates[index]!]));
    // The last files go out one by one: the main thread waits for them once it has run out.
    if (answer.indices.length >= batchSize || Atomics.load(state, 0) >= candidates.length) {
      port.postMessage(answer);
      answer = { indices: [], results: [] };
    }
  }
  if (answer.indices.length > 0) port.postMessage(answer);
  // The answers are on the port: the main thread may go on without waiting for this thread's exit.
  Atomics.store(state, slot, ANSWERED);
  Atomics.notify(state, slot);
}
