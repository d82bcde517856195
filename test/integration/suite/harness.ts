/**
 * A minimal test harness for the extension host: `test(name, fn)` collects, `runAll` runs them
 * in order, each with its own deadline, and reports every result. No mocha: the suite is one
 * bundle with `vscode` as its only external.
 */
import type { Reporter } from './reporter';

interface TestCase { name: string; fn: () => Promise<void> | void; timeoutMs: number; workspace: WorkspaceKind }

/**
 * Which workspace a test needs: `main` (test/integration/workspace, every pass) or `exports`
 * (test/integration/workspace-exports: Intune exports only, no *.whfb.yaml; its own short pass,
 * named by WHFB_IT_WORKSPACE_KIND, because activation can only be observed in a fresh window).
 */
export type WorkspaceKind = 'main' | 'exports';

const tests: TestCase[] = [];

/** Bounds a failing test only (a passing one ends when its waits end); generous for loaded CI machines. */
const TEST_TIMEOUT_MS = 180_000;

export function test(name: string, fn: () => Promise<void> | void, options: { timeoutMs?: number; workspace?: WorkspaceKind } = {}): void {
  tests.push({ name, fn, timeoutMs: options.timeoutMs ?? TEST_TIMEOUT_MS, workspace: options.workspace ?? 'main' });
}

export async function runAll(reporter: Reporter): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  // The web worker host has no `process`: the web suite runs every test of the main workspace.
  const env: Record<string, string | undefined> = typeof process === 'undefined' ? {} : process.env;
  const only = env.WHFB_IT_GREP;
  const workspace = env.WHFB_IT_WORKSPACE_KIND === 'exports' ? 'exports' : 'main';
  for (const testCase of tests) {
    if (testCase.workspace !== workspace) continue;
    if (only && !testCase.name.includes(only)) continue;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(testCase.fn),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${testCase.timeoutMs} ms`)), testCase.timeoutMs);
        }),
      ]);
      passed++;
      reporter.send({ event: 'test', name: testCase.name, status: 'pass', durationMs: Date.now() - started });
    } catch (error) {
      failed++;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      reporter.send({ event: 'test', name: testCase.name, status: 'fail', durationMs: Date.now() - started, error: trimStack(text) });
    } finally {
      clearTimeout(timer);
    }
  }
  return { passed, failed };
}

/** Keeps the message and the suite's own frames; the extension host's frames are noise. */
function trimStack(text: string): string {
  const lines = text.split('\n');
  const kept = lines.filter((line, index) => index === 0 || !/^\s+at /.test(line) || /suite|integration/.test(line));
  return kept.slice(0, 12).join('\n');
}
