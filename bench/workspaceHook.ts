/**
 * The workspace rows (issue 16: "the workspace index (1,000 files: time to all diagnostics and
 * memory), and an edit in a workspace of 1,000 files") come from bench/workspaceBench.ts, which the
 * workspace index work adds. This hook is how run.ts calls it: the module exports
 * `benchWorkspace(context)` returning rows of this shape. While the module is absent the report
 * says so and no figure is made up.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Budget, ServerUnderTest } from './session';

export interface WorkspaceBenchContext {
  root: string;
  /** bench/tmp, for the generated workspace. */
  tmp: string;
  whfb: ServerUnderTest;
  budget: Budget;
}

export interface WorkspaceBenchRow {
  /** What was measured, e.g. "index 1,000 files → all diagnostics" or "edit in a 1,000-file workspace → diagnostics". */
  figure: string;
  files: number;
  ms: number;
  /** For rows with repeated samples. */
  p99Ms?: number;
  peakRssMb?: number;
  /** The target this row is judged against, in ms (none: reported only). */
  targetMs?: number;
  targetRssMb?: number;
}

export const WORKSPACE_BENCH_MODULE = 'bench/workspaceBench.ts';

export async function runWorkspaceBench(context: WorkspaceBenchContext): Promise<WorkspaceBenchRow[] | undefined> {
  const path = join(context.root, WORKSPACE_BENCH_MODULE);
  if (!existsSync(path)) return undefined;
  type BenchModule = { benchWorkspace?: (context: WorkspaceBenchContext) => Promise<WorkspaceBenchRow[]> };
  // A TypeScript module loaded by tsx from an ES module context arrives as its CommonJS exports under `default`.
  const loaded = (await import(path)) as BenchModule & { default?: BenchModule };
  const module = typeof loaded.benchWorkspace === 'function' ? loaded : loaded.default ?? loaded;
  if (typeof module.benchWorkspace !== 'function') throw new Error(`${WORKSPACE_BENCH_MODULE} does not export benchWorkspace(context)`);
  return module.benchWorkspace(context);
}
