/**
 * How far the young generation of whfb-lint's threads may grow. V8 starts each thread's young
 * generation (two semi-spaces) at 1 MB each and doubles them, up to 16 MB each, as objects survive
 * scavenges; in a run of many files, every file's results survive (the main thread keeps them until
 * the report), so both threads grew theirs to the maximum, and every page of those 2 x 16 MB per
 * thread was touched for the first time, a minor page fault each: of a 1,000-file run's ~29,000
 * faults (0.3 s of system CPU, the bulk of it) some 10,000 were that growth, for no gain in CPU
 * (bench/README.md, whfb-lint "Ninth round").
 *
 * The size is set on Node's command line (--max-semi-space-size), which a bin run as `whfb-lint`
 * does not get, and is fixed once a thread's heap exists; the growth factor is read each time a
 * young generation grows, so setting it to 1 at run time keeps every thread's at its start size
 * (V8's flags are process-wide). Setting up a new thread's heap raises it back to 2 (Node 20: set
 * before `new Worker`, the flag no longer held for either thread once the worker ran; set by the
 * worker once it runs, it held for both; `--no-opt` is not touched), so the launcher sets it before
 * the worker starts and each worker sets it again first thing.
 */
import { setFlagsFromString } from 'node:v8';

/** Main thread before its worker starts, and each worker first thing: no young generation grows from here on. */
export function keepYoungGenerationsSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
