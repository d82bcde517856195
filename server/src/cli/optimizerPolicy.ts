/**
 * V8's optimizing compiler (TurboFan) pays for itself only in long runs. A whfb-lint run is mostly
 * cold code: each thread loads the bundle and checks each file once, and TurboFan compiles the
 * functions that turn hot (on background threads, which on a 2-core CI runner take the cores the
 * two lint threads need) just before the run ends. Measured on bench/tmp/cli-N (2 threads,
 * user+system CPU of the process, bench/README.md "Sixth round"): without TurboFan 1,000 files
 * took ~25% less CPU and 2,000 files ~10% less; from ~3,000 files on its faster code wins, and
 * 10,000 files took 50% more CPU without it.
 *
 * So the main thread switches TurboFan off first thing, and back on for a run whose threads each
 * check enough files. V8 flags are process-wide: a worker started afterwards follows the choice
 * and never sets them itself. The interpreter and the baseline compiler (Sparkplug) run as before.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/** From this many files per thread on, TurboFan is on (the break-even measured lies at 1,250-1,500). */
export const OPTIMIZE_FROM_FILES_PER_THREAD = 1_250;

let held = false;

/** Called by the entry point before the service's modules run (main thread only). */
export function holdOptimizer(): void {
  if (!isMainThread || held) return;
  setFlagsFromString('--no-opt');
  held = true;
}

/** Turns TurboFan back on when each thread of the coming run checks enough files; never off again. */
export function allowOptimizerFor(filesPerThread: number): void {
  if (!held || filesPerThread < OPTIMIZE_FROM_FILES_PER_THREAD) return;
  setFlagsFromString('--opt');
  held = false;
}
