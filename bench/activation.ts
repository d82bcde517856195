/**
 * Extension activation is timed inside the real VS Code (the integration suite times `activate()`),
 * not here: the bench only reads what the last in-host run recorded. The suite
 * (test/integration/suite/tests/editorClient.ts) writes `{ "activateMs": number, "readyMs"?: number,
 * "vscode"?: string }` per workspace to test-results/integration/activation-main.json and
 * activation-exports.json; a file given by BENCH_ACTIVATION_FILE, or bench/tmp/activation.json,
 * comes first. Without any of them the row says "not measured in this run".
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ActivationFigure {
  activateMs: number;
  measuredAt?: string;
  vscode?: string;
  source: string;
}

export const ACTIVATION_TARGET_MS = 50;

/** Where the activation figure is looked for, in order: the first file that exists is read. */
export function activationFiles(root: string): string[] {
  if (process.env.BENCH_ACTIVATION_FILE) return [process.env.BENCH_ACTIVATION_FILE];
  const suite = join(root, 'test-results', 'integration');
  // The policy workspace ("main") is the one a WHfB user opens; the exports-only one is the fallback.
  return [join(root, 'bench', 'tmp', 'activation.json'), join(suite, 'activation-main.json'), join(suite, 'activation-exports.json')];
}

/** The first of activationFiles that exists (for messages). */
export function activationFile(root: string): string {
  const files = activationFiles(root);
  return files.find((file) => existsSync(file)) ?? files[0];
}

export function readActivation(root: string): ActivationFigure | undefined {
  const path = activationFiles(root).find((file) => existsSync(file));
  if (!path) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { activateMs?: unknown; measuredAt?: unknown; vscode?: unknown };
    if (typeof data.activateMs !== 'number' || !Number.isFinite(data.activateMs)) return undefined;
    return {
      activateMs: data.activateMs,
      measuredAt: typeof data.measuredAt === 'string' ? data.measuredAt : statSync(path).mtime.toISOString(),
      vscode: typeof data.vscode === 'string' ? data.vscode : undefined,
      source: path.startsWith(root) ? path.slice(root.length + 1) : path,
    };
  } catch {
    return undefined;
  }
}
