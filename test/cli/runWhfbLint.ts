/** Runs the built whfb-lint (`node dist/cli.js`) as a child process, the way CI runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI_BUNDLE, ensureBuilt, REPO_ROOT } from '../protocol/ensureBuilt';

export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'cli');

export interface LintRun { status: number | null; stdout: string; stderr: string }

export function whfbLint(args: string[], cwd: string = FIXTURES): LintRun {
  ensureBuilt();
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function whfbLintJson(args: string[], cwd?: string): { run: LintRun; report: any } {
  const run = whfbLint(['--format', 'json', ...args], cwd);
  return { run, report: JSON.parse(run.stdout) };
}
