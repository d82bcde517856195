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
 *
 * The work follows the bytes, not the file count: one 4.8 MB one-line SyncML took ~27% more CPU
 * without TurboFan, a 5 MB minified export ~8% more, while one 1.3 MB policy of 10,000 settings
 * took a little less. A run on one thread is small enough to measure (stat of fewer than
 * 2 x MIN_FILES_PER_THREAD files), so there the sizes decide; a multi-thread run is judged by its count.
 */
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { fsPathOf, type Candidate } from './collectFiles';

/** From this many files per thread on, TurboFan stays on (the break-even measured lies at 1,250-1,500). */
export const OPTIMIZE_FROM_FILES_PER_THREAD = 1_250;
/** From this many bytes on one thread on, TurboFan stays on (1,000 files of 1.3 KB and 2.6 MB in 2,000 ran faster without it). */
export const OPTIMIZE_FROM_BYTES_ON_ONE_THREAD = 3 * 1024 * 1024;

/** Whether a run of `candidates` on `threads` threads is long enough for TurboFan to pay back. */
export function worthOptimizing(candidates: readonly Candidate[], threads: number): boolean {
  if (threads > 1) return candidates.length / threads >= OPTIMIZE_FROM_FILES_PER_THREAD;
  let bytes = 0;
  for (const candidate of candidates) {
    bytes += sizeOf(candidate);
    if (bytes >= OPTIMIZE_FROM_BYTES_ON_ONE_THREAD) return true;
  }
  return false;
}

let switchedOff = false;

/** What cannot be read counts as nothing here: reading it reports the problem. */
function sizeOf(candidate: Candidate): number {
  try {
    return statSync(fsPathOf(candidate), { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/** Main thread, before a run's workers start. A long run after a short one (another .whfbrc.json group) gets TurboFan back. */
export function optimizeFor(candidates: readonly Candidate[], threads: number): void {
  const wanted = worthOptimizing(candidates, threads);
  if (!wanted && !switchedOff) setFlagsFromString('--no-opt');
  else if (wanted && switchedOff) setFlagsFromString('--opt');
  else return;
  switchedOff = !wanted;
}
