/**
 * A second VS Code window, as a process: ticks the items named on the command line in the
 * checklist state file and prints the final status.
 *
 * Options for the concurrency tests, from the environment:
 * - WHFB_TICK_SEQUENTIAL=1: one write per tick, each awaited (as a user clicking), instead of all at once;
 * - WHFB_TICK_REPORT=<file>: writes `{ "<item>": "<status of its write>" }` there;
 * - WHFB_SLOW_RENAMES=<n>:<ms>,...: the n-th rename of this process (1-based) sleeps ms before it
 *   renames (a slow disk, a paused process); `*:<ms>:<percent>` slows that share of renames at random.
 *   Prints `slow rename <n>` on stderr when a slowed rename begins;
 * - WHFB_STALE_LOCK_MS: the store's stale-lock age.
 */
import { writeFileSync } from 'node:fs';
import { ChecklistStateStore } from '../../../client/src/checklist/stateStore';
import { nodeStateFs, type StateFs } from '../../../client/src/checklist/stateFs';

function slowRenames(spec: string | undefined): StateFs {
  if (!spec) return nodeStateFs;
  const fixed = new Map<number, number>();
  let random: { ms: number; percent: number } | undefined;
  for (const part of spec.split(',')) {
    const [which, ms, percent] = part.split(':');
    if (which === '*') random = { ms: Number(ms), percent: Number(percent) };
    else fixed.set(Number(which), Number(ms));
  }
  let renames = 0;
  return {
    ...nodeStateFs,
    async rename(from, to) {
      renames++;
      const delay = fixed.get(renames) ?? (random && Math.random() * 100 < random.percent ? Math.random() * random.ms : 0);
      if (delay > 0) {
        process.stderr.write(`slow rename ${renames}\n`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      await nodeStateFs.rename(from, to);
    },
  };
}

async function main(): Promise<void> {
  const [file, prefix, count] = process.argv.slice(2);
  const staleLockMs = process.env.WHFB_STALE_LOCK_MS ? Number(process.env.WHFB_STALE_LOCK_MS) : undefined;
  const store = new ChecklistStateStore(file!, {
    author: prefix, scheduleRetry: () => () => undefined, fs: slowRenames(process.env.WHFB_SLOW_RENAMES), ...(staleLockMs ? { staleLockMs } : {}),
  });
  await store.reload();
  const report: Record<string, string> = {};
  const tick = async (id: string) => { report[id] = (await store.setDone(id, true)).kind; };
  if (process.env.WHFB_TICK_SEQUENTIAL === '1') {
    for (let i = 0; i < Number(count); i++) await tick(`${prefix}-${i}`);
  } else {
    await Promise.all(Array.from({ length: Number(count) }, (_, i) => tick(`${prefix}-${i}`)));
  }
  if (process.env.WHFB_TICK_REPORT) writeFileSync(process.env.WHFB_TICK_REPORT, JSON.stringify(report));
  process.stdout.write(`${store.status.kind}\n`);
  store.dispose();
}

void main();
