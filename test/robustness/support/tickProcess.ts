/**
 * A second VS Code window, as a process: ticks the items named on the command line in the
 * checklist state file, one write each, and prints the final status.
 */
import { ChecklistStateStore } from '../../../client/src/checklist/stateStore';

async function main(): Promise<void> {
  const [file, prefix, count] = process.argv.slice(2);
  const store = new ChecklistStateStore(file!, { author: prefix, scheduleRetry: () => () => undefined });
  await store.reload();
  const ticks: Promise<unknown>[] = [];
  for (let i = 0; i < Number(count); i++) ticks.push(store.setDone(`${prefix}-${i}`, true));
  await Promise.all(ticks);
  process.stdout.write(`${store.status.kind}\n`);
  store.dispose();
}

void main();
