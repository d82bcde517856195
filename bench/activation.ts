/**
 * Extension activation is timed inside the real VS Code (the integration suite times `activate()`),
 * not here: the bench only reads what the last in-host run recorded. The suite writes
 * `{ "activateMs": number, "measuredAt"?: string, "vscode"?: string }` to bench/tmp/activation.json
 * (or where BENCH_ACTIVATION_FILE points). Without the file the row says "not measured in this run".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ActivationFigure {
  activateMs: number;
  measuredAt?: string;
  vscode?: string;
  source: string;
}

export const ACTIVATION_TARGET_MS = 50;

export function activationFile(root: string): string {
  return process.env.BENCH_ACTIVATION_FILE ?? join(root, 'bench', 'tmp', 'activation.json');
}

export function readActivation(root: string): ActivationFigure | undefined {
  const path = activationFile(root);
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { activateMs?: unknown; measuredAt?: unknown; vscode?: unknown };
    if (typeof data.activateMs !== 'number' || !Number.isFinite(data.activateMs)) return undefined;
    return {
      activateMs: data.activateMs,
      measuredAt: typeof data.measuredAt === 'string' ? data.measuredAt : undefined,
      vscode: typeof data.vscode === 'string' ? data.vscode : undefined,
      source: path.startsWith(root) ? path.slice(root.length + 1) : path,
    };
  } catch {
    return undefined;
  }
}
