/**
 * whfb-lint starts its worker thread before it collects the files when the command line may name
 * enough of them for two threads; a one-file run, a small folder, --help or a usage error start none.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIN_FILES_PER_THREAD } from '../../../server/src/cli/lintWorkerStart';
import { mayNeedWorkers } from '../../../server/src/cli/workerForecast';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-forecast-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const twoThreads = 2 * MIN_FILES_PER_THREAD;
const oneCore = availableParallelism() < 2;

function folderOf(name: string, files: number): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(dir, `p${i}.whfb.yaml`), '');
  return dir;
}

test('a small folder, one file, --help, --version or a usage error need no worker', () => {
  const small = folderOf('small', 5);
  assert.equal(mayNeedWorkers([small], scratch), false);
  assert.equal(mayNeedWorkers([join(small, 'p0.whfb.yaml')], scratch), false);
  assert.equal(mayNeedWorkers(['--help', small], scratch), false);
  assert.equal(mayNeedWorkers(['--version'], scratch), false);
  assert.equal(mayNeedWorkers(['--format'], scratch), false);
});

test('a folder, its subfolders or a glob holding two threads\' worth of files may need one', { skip: oneCore && 'one core' }, () => {
  folderOf('large/a', twoThreads / 2);
  folderOf('large/b/c', twoThreads / 2);
  assert.equal(mayNeedWorkers(['large'], scratch), true);
  assert.equal(mayNeedWorkers(['--format', 'json', 'large/**/*.whfb.yaml'], scratch), true);
  assert.equal(mayNeedWorkers(['large/a'], scratch), false);
});

test('files under node_modules and .git are not counted, as they are not collected', { skip: oneCore && 'one core' }, () => {
  folderOf('repo/node_modules/pkg', twoThreads);
  folderOf('repo/.git/objects', twoThreads);
  folderOf('repo/policies', 3);
  assert.equal(mayNeedWorkers(['repo'], scratch), false);
});

test('many file names on the command line may need one', { skip: oneCore && 'one core' }, () => {
  const names = Array.from({ length: twoThreads }, (_, i) => `missing-${i}.whfb.yaml`);
  assert.equal(mayNeedWorkers(names, scratch), true);
  assert.equal(mayNeedWorkers(names.slice(1), scratch), false);
});
