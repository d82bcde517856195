/**
 * whfb-lint: the language service's checks on the command line, for CI.
 * `node dist/cli.js [options] <file|dir|glob>...`; see cli/args.ts for the options.
 * The same file runs as a worker thread for large runs (cli/parallelLint.ts).
 */
import { lintInParallel, serveLintWorker, startLintWorker, workerStart, type WorkerSource } from './cli/parallelLint';
import { mayNeedWorkers } from './cli/workerForecast';
import type { ServiceFactory } from './cli/lintJob';
import { describeFsError } from './cli/fsErrors';
import { EXIT_TROUBLE, runCli } from './cli/runCli';
import { TOOL_NAME } from './cli/toolInfo';
import { getLanguageService } from './service/languageService';

const createService: ServiceFactory = (log) => getLanguageService(undefined, { log });
const start = workerStart();

if (start) {
  serveLintWorker(start, createService);
} else {
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
  // Workers re-run this bundle; under tsx (sources, not the bundle) everything stays on one thread.
  const workers: WorkerSource = { script: __filename.endsWith('.js') ? __filename : undefined };
  const argv = process.argv.slice(2);
  // A worker takes ~0.15 s to load before its first file: when the command line may name many
  // files, it starts now, while this thread collects them, and waits for its share.
  if (workers.script && mayNeedWorkers(argv, process.cwd())) workers.standby = startLintWorker(workers.script);
  void runCli(argv, {
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
