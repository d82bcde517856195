/**
 * Protocol and CLI tests run the real bundles. Build them when dist/ is missing or older than
 * the sources; a lock directory keeps parallel test files from building at the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
/** WHFB_TEST_DIST points the tests at bundles built elsewhere (they are then used as they are). */
const PREBUILT = process.env.WHFB_TEST_DIST;
const DIST = PREBUILT ? resolve(PREBUILT) : join(REPO_ROOT, 'dist');
export const SERVER_BUNDLE = join(DIST, 'server.js');
/** The language service, which server.js requires on first use. */
export const SERVICE_BUNDLE = join(DIST, 'service.js');
export const CLI_BUNDLE = join(DIST, 'cli.js');
/** whfb-lint's engine, which the launcher (cli.js) requires from beside it. */
export const CLI_ENGINE_BUNDLE = join(DIST, 'cli-engine.js');

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const bundles = [SERVER_BUNDLE, SERVICE_BUNDLE, CLI_BUNDLE, CLI_ENGINE_BUNDLE];
  if (!bundles.every((bundle) => existsSync(bundle))) return false;
  const sources = Math.max(newestSourceTime(join(REPO_ROOT, 'server', 'src')), newestSourceTime(join(REPO_ROOT, 'data', 'generated')));
  return Math.min(...bundles.map((bundle) => statSync(bundle).mtimeMs)) >= sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (PREBUILT || isFresh()) return;
  const lock = join(REPO_ROOT, '.whfb-test', 'build.lock');
  mkdirSync(join(REPO_ROOT, '.whfb-test'), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than a minute is a leftover of a killed run.
      if (attempt > 600 || Date.now() - statSync(lock).mtimeMs > 60_000) {
        rmdirSync(lock);
        continue;
      }
      sleep(100);
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}
