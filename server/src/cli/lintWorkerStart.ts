/**
 * Starting a whfb-lint worker thread, and the worker's side of that start: what the launcher
 * (cli.ts) needs to start the worker before it loads the engine (the rest of whfb-lint, cli/engine.ts),
 * so this module imports nothing of the engine but types. The run itself is parallelLint.ts.
 */
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { LintFilesResult } from './lintFiles';
import type { LintJob } from './lintJob';

/** Below this many files per thread a worker's start-up costs more than it saves. */
export const MIN_FILES_PER_THREAD = 150;
const JOB_KEY = 'whfbLintJob';

/**
 * What a worker gets once it is running: the whole job, how many files it answers at most at once,
 * the shared file counter (index 0) and its own state slot. The port it answers on (read by the main
 * thread between its own files) comes with its start, in workerData.
 */
export interface WorkerJob { job: LintJob; batchSize: number; shared: SharedArrayBuffer; slot: number }
export interface WorkerStart { port: MessagePort }
/** The results of the files at `indices` (in the job's candidates), in that order. */
export interface WorkerAnswer { indices: number[]; results: LintFilesResult[] }

export interface LintWorker {
  /** Hands the worker its job (once). */
  assign: (job: WorkerJob) => void;
  /** Resolves when the worker has exited, failed or been stopped. */
  done: Promise<void>;
  stop: () => Promise<number>;
  /** The next answer the worker posted, without waiting; undefined when none is queued. */
  receive: () => WorkerAnswer | undefined;
  close: () => void;
}

/**
 * Starts a worker; it loads the bundle and waits for its job (assign). Its answers come on a port
 * of their own that the main thread reads synchronously (receiveMessageOnPort) between its own files,
 * not as events, which would wait until the main thread's last file.
 */
export function startLintWorker(script: string): LintWorker {
  const { port1: answers, port2: port } = new MessageChannel();
  const receive = (): WorkerAnswer | undefined => (receiveMessageOnPort(answers)?.message as WorkerAnswer | undefined);
  const close = (): void => answers.close();
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { [JOB_KEY]: { port } satisfies WorkerStart }, transferList: [port], stdout: false, stderr: false });
  } catch {
    return { assign: () => undefined, done: Promise.resolve(), stop: () => Promise.resolve(0), receive, close };
  }
  // Until it has a job, a worker started ahead keeps the process alive for nothing.
  worker.unref();
  const done = new Promise<void>((resolve) => {
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
  const assign = (job: WorkerJob): void => {
    worker.ref();
    worker.postMessage(job);
  };
  return { assign, done, stop: () => worker.terminate(), receive, close };
}

/** How this thread was started, when it is a whfb-lint worker. */
export function workerStart(): WorkerStart | undefined {
  if (isMainThread) return undefined;
  const data = workerData as Record<string, unknown> | null;
  return (data?.[JOB_KEY] as WorkerStart | undefined) ?? undefined;
}
