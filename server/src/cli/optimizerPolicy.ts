/**
 * V8's optimizing compiler (TurboFan) pays for itself only in long runs. A whfb-lint run is mostly
 * cold code: each thread loads the bundle and checks each file once, and TurboFan compiles the
 * functions that turn hot (on background threads, which on a 2-core CI runner take the cores the
 * two lint threads need) when the run is nearly over. Measured on bench/tmp/cli-N (2 threads,
 * user+system CPU of the process, bench/README.md "Sixth round"): without TurboFan 1,000 files
 * took ~25% less CPU and 2,000 files ~10% less; from ~3,000 files on its faster code wins, and
 * 10,000 files took 50% more CPU without it.
 *
 * So a run whose threads each check few files switches TurboFan off; the interpreter and the
 * baseline compiler (Sparkplug) run as before. V8 flags are process-wide: this is set on the main
 * thread before any worker starts, and the workers follow it.
 */
import { setFlagsFromString } from 'node:v8';

/** From this many files per thread on, TurboFan stays on (the break-even measured lies at 1,250-1,500). */
export const OPTIMIZE_FROM_FILES_PER_THREAD = 1_250;

let switchedOff = false;

/** Main thread, before a run's workers start. A long run after a short one (another .whfbrc.json group) gets TurboFan back. */
export function optimizeFor(filesPerThread: number): void {
  const wanted = filesPerThread >= OPTIMIZE_FROM_FILES_PER_THREAD;
  if (!wanted && !switchedOff) setFlagsFromString('--no-opt');
  else if (wanted && switchedOff) setFlagsFromString('--opt');
  else return;
  switchedOff = !wanted;
}
