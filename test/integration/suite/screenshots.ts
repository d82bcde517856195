/** Lets a test ask the runner for a screenshot of the workbench (a no-op outside the runner). */
import type { DrawnRow, Reporter } from './reporter';

let current: Reporter | undefined;

export function useReporter(reporter: Reporter): void {
  current = reporter;
}

/** `waitFor`: a CSS selector the runner waits to see before it takes the picture. */
export async function screenshot(name: string, waitFor?: string, clip?: string): Promise<void> {
  await current?.screenshot(name, waitFor, clip);
}

/**
 * The rows the workbench draws in a tree view (its list's label contains `view`), with their depth;
 * undefined outside the runner (no workbench page to read).
 */
export async function drawnTreeRows(view: string): Promise<DrawnRow[] | undefined> {
  return current ? current.treeRows(view) : undefined;
}

/** Prints a line in the runner's output (a figure the suite records, e.g. the activation time). */
export function logLine(text: string): void {
  if (current) current.send({ event: 'log', text });
  else console.log(text);
}
