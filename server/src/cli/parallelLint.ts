/**
 * Large runs are split over worker threads: parsing dominates, and a CI runner's second core
 * halves the wall time of a thousand-file repository. Small runs stay on the main thread
 * (a worker costs a bundle load and a catalog load). A worker that fails has its files
 * checked on the main thread instead, so threads never change what is reported.
 *
 * The files go out in small chunks, one after another, to whichever thread is free: the main
 * thread starts at once while a worker is still loading its bundle and catalog (a fixed ~0.3 s of
 * CPU), and a thread slowed by a busy machine takes fewer chunks. Equal shares handed out at the
 * start left the main thread waiting for the worker's last files. Results are put back in the
 * command line's file order by chunk.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Candidate } from './collectFiles';
import type { LintFilesResult } from './lintFiles';
import { lintRunner, runLintJob, type LintJob, type LintSettings, type ServiceFactory } from './lintJob';

/** Below this many files per thread a worker's start-up costs more than it saves. */
const MIN_FILES_PER_THREAD = 150;
const MAX_THREADS = 4;
const JOB_KEY = 'whfbLintJob';
/** Chunks a worker holds at once: it starts the next while its last answer travels back. */
const CHUNKS_IN_FLIGHT = 2;

interface Chunk { index: number; candidates: Candidate[] }
/** Main thread -> worker: a chunk to check, or `undefined` when there is no more. */
type WorkerRequest = Chunk | undefined;
interface WorkerAnswer { index: number; result: LintFilesResult }

export async function lintInParallel(job: LintJob, createService: ServiceFactory, workerScript: string | undefined): Promise<LintFilesResult> {
  const threads = Math.min(availableParallelism(), MAX_THREADS, Math.floor(job.candidates.length / MIN_FILES_PER_THREAD));
  if (!workerScript || threads < 2) return runLintJob(job, createService);
  const { candidates, ...settings } = job;
  const chunks = chunked(candidates, chunkSize(candidates.length, threads));
  const results = new Array<LintFilesResult | undefined>(chunks.length);
  const queue = [...chunks];
  const workers = Array.from({ length: threads - 1 }, () => new ChunkWorker(workerScript, settings, queue, results));
  const lintHere = lintRunner(settings, createService);
  for (;;) {
    const chunk = queue.shift();
    if (!chunk) break;
    results[chunk.index] = lintHere(chunk.candidates);
    // Let the workers' answers in, so they get their next chunks while this thread checks its own.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // A worker still loading when the files ran out is not waited for; chunks a worker took and
  // could not finish are checked here.
  for (const worker of workers) worker.noMoreChunks();
  for (const failed of await Promise.all(workers.map((worker) => worker.done))) {
    for (const chunk of failed) results[chunk.index] = lintHere(chunk.candidates);
  }
  return { files: results.flatMap((r) => r!.files), problems: results.flatMap((r) => r!.problems) };
}

/** Chunk size: small enough that the threads end close together, large enough that messages stay few. */
function chunkSize(files: number, threads: number): number {
  return Math.max(8, Math.min(50, Math.ceil(files / (threads * 16))));
}

/**
 * One worker thread fed from the shared queue: chunks go out once it says it is ready, and while
 * the queue lasts. `done` answers the chunks it took and did not answer (those of a worker that
 * failed to start or crashed).
 */
class ChunkWorker {
  readonly done: Promise<Chunk[]>;
  private readonly taken = new Map<number, Chunk>();
  private worker: Worker | undefined;
  private finish!: () => void;

  constructor(script: string, settings: LintSettings, private readonly queue: Chunk[], private readonly results: (LintFilesResult | undefined)[]) {
    let finished = false;
    this.done = new Promise((resolve) => {
      this.finish = () => {
        if (finished) return;
        finished = true;
        resolve([...this.taken.values()]);
      };
    });
    try {
      this.worker = new Worker(script, { workerData: { [JOB_KEY]: settings }, stdout: false, stderr: false });
    } catch {
      this.finish();
      return;
    }
    this.worker.on('message', (answer: WorkerAnswer | 'ready') => {
      if (answer !== 'ready') {
        this.results[answer.index] = answer.result;
        this.taken.delete(answer.index);
        this.send();
        return;
      }
      for (let at = 0; at < CHUNKS_IN_FLIGHT; at++) this.send();
    });
    this.worker.once('error', () => this.finish());
    this.worker.once('exit', () => this.finish());
  }

  /** The queue is empty: a worker holding nothing is stopped (it may still be loading). */
  noMoreChunks(): void {
    if (this.taken.size > 0) return;
    void this.worker?.terminate();
    this.finish();
  }

  private send(): void {
    const chunk = this.queue.shift();
    if (chunk) {
      this.taken.set(chunk.index, chunk);
      this.worker!.postMessage(chunk satisfies WorkerRequest);
    } else if (this.taken.size === 0) {
      this.worker!.postMessage(undefined satisfies WorkerRequest);
      this.finish();
    }
  }
}

/** The settings this thread was started with, when it is a whfb-lint worker. */
export function workerJob(): LintSettings | undefined {
  if (isMainThread) return undefined;
  const data = workerData as Record<string, unknown> | null;
  return (data?.[JOB_KEY] as LintSettings | undefined) ?? undefined;
}

/** A worker's life: check each chunk the main thread sends and answer it, until it sends none. */
export function serveLintWorker(settings: LintSettings, createService: ServiceFactory): void {
  const port = parentPort;
  if (!port) return;
  const lint = lintRunner(settings, createService);
  port.on('message', (request: WorkerRequest) => {
    if (!request) {
      port.close();
      return;
    }
    port.postMessage({ index: request.index, result: lint(request.candidates) } satisfies WorkerAnswer);
  });
  port.postMessage('ready');
}

/** Contiguous chunks, numbered, so the merged result keeps the command line's file order. */
function chunked(items: readonly Candidate[], size: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < items.length; start += size) chunks.push({ index: chunks.length, candidates: items.slice(start, start + size) });
  return chunks;
}
