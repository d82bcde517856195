/** Lets a test ask the runner for a screenshot of the workbench (a no-op outside the runner). */
import type { Reporter } from './reporter';

let current: Reporter | undefined;

export function useReporter(reporter: Reporter): void {
  current = reporter;
}

/** `waitFor`: a CSS selector the runner waits to see before it takes the picture. */
export async function screenshot(name: string, waitFor?: string): Promise<void> {
  await current?.screenshot(name, waitFor);
}

/** Prints a line in the runner's output (a figure the suite records, e.g. the activation time). */
export function logLine(text: string): void {
  if (current) current.send({ event: 'log', text });
  else console.log(text);
}
