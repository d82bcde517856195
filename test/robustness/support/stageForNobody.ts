/**
 * Some robustness tests run a child as the unprivileged user "nobody" (as root, permissions do not
 * apply otherwise). That child must be able to read the code it runs, but the repository may sit in
 * a private folder (a `mktemp -d` clone is mode 0700), so nothing is run from the repository as
 * "nobody": it runs a self-contained copy staged in a world-readable temporary folder.
 */
import { buildSync } from 'esbuild';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CLI_BUNDLE, CLI_ENGINE_BUNDLE } from '../../protocol/ensureBuilt';

let stage: string | undefined;

function stageDir(): string {
  if (!stage) {
    const dir = mkdtempSync(join(tmpdir(), 'whfb-nobody-'));
    chmodSync(dir, 0o755);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    stage = dir;
  }
  return stage;
}

/** A copy of a self-contained file (a dist bundle, a .cjs preload), readable by everyone. */
export function stagedCopy(file: string): string {
  const target = join(stageDir(), basename(file));
  copyFileSync(file, target);
  chmodSync(target, 0o644);
  return target;
}

/** whfb-lint staged: the launcher (dist/cli.js) and the engine it requires from beside it; returns the launcher. */
export function stagedCli(): string {
  stagedCopy(CLI_ENGINE_BUNDLE);
  return stagedCopy(CLI_BUNDLE);
}

/** A TypeScript entry bundled with its imports into one .js file, readable by everyone. */
export function stagedBundle(entry: string): string {
  const target = join(stageDir(), `${basename(entry, '.ts')}.js`);
  buildSync({ entryPoints: [entry], outfile: target, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  chmodSync(target, 0o644);
  return target;
}
