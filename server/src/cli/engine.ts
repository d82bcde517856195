/**
 * whfb-lint's engine: everything but the launcher (cli.ts), built as dist/cli-engine.js. The
 * launcher requires it and calls runWhfbLint; the same file runs as a worker thread for large runs
 * (parallelLint.ts), which this module's top level starts serving when it is one.
 */
import { lintInParallel, serveLintWorker, type WorkerSource } from './parallelLint';
import type { ServiceFactory } from './lintJob';
import { describeFsError } from './fsErrors';
import { runCli } from './runCli';
import { EXIT_TROUBLE } from './exitStatus';
import { TOOL_NAME } from './toolInfo';
import { keepYoungGenerationsSmall } from './heapPolicy';
import { workerStart, type LintWorker } from './lintWorkerStart';
import { getLanguageService } from '../service/languageService';

const createService: ServiceFactory = (log) => getLanguageService(undefined, { log });
const start = workerStart();
if (start) {
  // A thread's start sets the flag back (heapPolicy.ts): set again once this worker runs, for both threads.
  keepYoungGenerationsSmall();
  serveLintWorker(start, createService);
}

/**
 * Runs whfb-lint on this process's command line and streams. `standby` is the worker the launcher
 * started ahead, when the command line may name many files.
 */
export function runWhfbLint(standby: LintWorker | undefined): void {
  // `whfb-lint ... | head` closes the pipe early: that is not an error worth a stack trace.
  // Any other write error (a full disk, /dev/full) means the report is lost: say so, status 2.
  let reportLost = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (reportLost) return;
    reportLost = true;
    process.exitCode = EXIT_TROUBLE;
    const reason = error.code === 'ENOSPC' ? 'no space left on device' : describeFsError(error);
    process.stderr.write(`${TOOL_NAME}: cannot write the report to standard output: ${reason}\n`, () => process.exit(EXIT_TROUBLE));
  });
  // Workers run this bundle; under tsx (sources, not the bundle) everything stays on one thread.
  const workers: WorkerSource = { script: __filename.endsWith('.js') ? __filename : undefined, standby };
  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  }, (lintJob) => lintInParallel(lintJob, createService, workers)).then((status) => {
    process.exitCode = reportLost ? EXIT_TROUBLE : status;
    // The report is out: end here rather than free a heap that holds every file's results (some
    // 30-40 ms at 1,000 files), once both streams have taken what they were given (a pipe may
    // write asynchronously). A failed write is left to the handler above.
    process.stdout.write('', (error) => {
      if (!error && !reportLost) process.stderr.write('', () => process.exit());
    });
  });
}
