/** Lets a test ask the runner for a screenshot of the workbench (a no-op outside the runner). */
import type { DrawnList, DrawnRow, Reporter } from './reporter';

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

/** Whether the drawn rows can be read: only under scripts/integration/run.mjs, whose runner holds the workbench's page. */
export function readsWorkbench(): boolean {
  return current?.readsWorkbench ?? false;
}

/** The quick-input widget (quick picks, input boxes) and the editor's suggest widget. */
export const QUICK_INPUT = '.quick-input-widget';
export const SUGGEST_WIDGET = '.editor-widget.suggest-widget';

/**
 * The title and rows of the pop-up list inside `within` (QUICK_INPUT, SUGGEST_WIDGET) as the
 * workbench draws it, scrolled through from the top; undefined while it is not shown, and always
 * outside the runner (see readsWorkbench).
 */
export async function drawnList(within: string): Promise<DrawnList | undefined> {
  return current?.listRows(within);
}

/** Prints a line in the runner's output (a figure the suite records, e.g. the activation time). */
export function logLine(text: string): void {
  if (current) current.send({ event: 'log', text });
  else console.log(text);
}
