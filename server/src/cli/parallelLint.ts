/**
 * Large runs are split over worker threads: parsing dominates, and a CI runner's second core
 * halves the wall time of a thousand-file repository. Small runs stay on the main thread
 * (a worker costs a bundle load and a catalog load). A worker that fails has its share
 * checked on the main thread instead, so threads never change what is reported.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LintFilesResult } from './lintFiles';
import { runLintJob, type LintJob, type ServiceFactory } from './lintJob';

/** Below this many files per thread a worker's start-up costs more than it saves. */
const MIN_FILES_PER_THREAD = 150;
const MAX_THREADS = 4;
const JOB_KEY = 'whfbLintJob';

export async function lintInParallel(job: LintJob, createService: ServiceFactory, workerScript: string | undefined): Promise<LintFilesResult> {
  const threads = Math.min(availableParallelism(), MAX_THREADS, Math.floor(job.candidates.length / MIN_FILES_PER_THREAD));
  if (!workerScript || threads < 2) return runLintJob(job, createService);
  const shares = split(job.candidates, threads).map((candidates) => ({ ...job, candidates }));
  const inWorkers = shares.slice(1).map((share) =>
    runInWorker(workerScript, share).catch(() => runLintJob(share, createService)));
  const own = runLintJob(shares[0], createService);
  const results = [own, ...(await Promise.all(inWorkers))];
  return { files: results.flatMap((r) => r.files), problems: results.flatMap((r) => r.problems) };
}

/** The job this thread was started for, when it is a whfb-lint worker. */
export function workerJob(): LintJob | undefined {
  if (isMainThread) return undefined;
  const data = workerData as Record<string, unknown> | null;
  return (data?.[JOB_KEY] as LintJob | undefined) ?? undefined;
}

export function answerJob(result: LintFilesResult): void {
  parentPort?.postMessage(result);
}

function runInWorker(script: string, job: LintJob): Promise<LintFilesResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { [JOB_KEY]: job }, stdout: false, stderr: false });
    let answered = false;
    worker.once('message', (result: LintFilesResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`whfb-lint worker exited with ${code} before answering`));
    });
  });
}

/** Contiguous shares, so the merged result keeps the command line's file order. */
function split<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const shares: T[][] = [];
  for (let start = 0; start < items.length; start += size) shares.push(items.slice(start, start + size));
  return shares;
}
