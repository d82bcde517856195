/**
 * whfb-lint: the language service's checks on the command line, for CI.
 * `node dist/cli.js [options] <file|dir|glob>...`; see cli/args.ts for the options.
 *
 * This is the launcher, a few KB: when the command line may name many files it starts the worker
 * thread first (Node's worker bootstrap and the engine's load, ~0.15 s, then run on the second core
 * while this thread loads the engine), and only then loads the engine (cli/engine.ts, built as
 * dist/cli-engine.js, 1.7 MB to read and compile), which the worker runs too.
 */
import { EXIT_TROUBLE } from './cli/exitStatus';
import { keepYoungGenerationsSmall } from './cli/heapPolicy';
import { startLintWorker } from './cli/lintWorkerStart';
import { TOOL_NAME } from './cli/toolInfo';
import { mayNeedWorkers } from './cli/workerForecast';

type Engine = typeof import('./cli/engine');

/** The bundle's engine file (scripts/build.mjs resolves this request to it); under tsx the source. Undefined when it is missing. */
function engineFile(): string | undefined {
  try {
    return require.resolve('./cli/engine');
  } catch {
    return undefined;
  }
}

const enginePath = engineFile();
const argv = process.argv.slice(2);
// Workers run bundles only: under tsx everything stays on this thread.
const manyFiles = enginePath?.endsWith('.js') === true && mayNeedWorkers(argv, process.cwd());
if (manyFiles) keepYoungGenerationsSmall();
const standby = manyFiles ? startLintWorker(enginePath) : undefined;
let engine: Engine;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the worker's start, see the file comment
  engine = require('./cli/engine') as Engine;
} catch (error) {
  // A broken installation (the engine missing or unreadable) is trouble, not findings.
  process.stderr.write(`${TOOL_NAME}: internal error: cannot load its engine: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exit(EXIT_TROUBLE);
}
engine.runWhfbLint(standby);
