/**
 * whfb-lint stays inside the tree it was given: symbolic links to directories are not followed
 * unless --follow-symlinks says so (and then a loop is skipped, not an error), a glob walks only
 * as deep as its pattern can match, and adversarial globs finish.
 */
import { after, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles } from '../../server/src/cli/collectFiles';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs') as typeof import('node:fs');

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-walk-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const CLEAN = readFileSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), 'utf8');
const BROKEN = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'), 'utf8');
const paths = (report: any): string[] => report.files.map((file: any) => file.path);

/** repo/ with one clean policy, a link to a directory outside with a broken policy, and a link loop. */
function repoWithLinks(name: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'outside'), { recursive: true });
  writeFileSync(join(root, 'outside', 'elsewhere.whfb.yaml'), BROKEN);
  const repo = join(root, 'repo');
  mkdirSync(join(repo, 'policies', 'nested'), { recursive: true });
  writeFileSync(join(repo, 'policies', 'pilot.whfb.yaml'), CLEAN);
  symlinkSync(join(root, 'outside'), join(repo, 'policies', 'outside-link'));
  symlinkSync('..', join(repo, 'policies', 'nested', 'up'));
  symlinkSync('../../policies', join(repo, 'policies', 'nested', 'loop-to-policies'));
  return repo;
}

test('a directory walk does not follow links to directories: nothing outside is read, a loop is no error', () => {
  const repo = repoWithLinks('walk');
  for (const args of [['.'], ['**/*.whfb.yaml'], ['policies/**']]) {
    const { run, report } = whfbLintJson(args, repo);
    assert.equal(run.status, 0, `${args}: ${run.stderr}`);
    assert.equal(run.stderr, '', `${args}: nothing to say`);
    assert.deepEqual(paths(report), ['policies/pilot.whfb.yaml'], String(args));
  }
});

test('--follow-symlinks walks linked directories once each; a loop is skipped, not an error', () => {
  const repo = repoWithLinks('follow');
  const { run, report } = whfbLintJson(['--follow-symlinks', '.'], repo);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '', 'a loop is skipped silently: its files are checked through the real path');
  assert.deepEqual(paths(report), ['policies/outside-link/elsewhere.whfb.yaml', 'policies/pilot.whfb.yaml']);
});

test('links to files, and links named on the command line, are still read', () => {
  const repo = repoWithLinks('files');
  symlinkSync(join(repo, '..', 'outside', 'elsewhere.whfb.yaml'), join(repo, 'policies', 'linked.whfb.yaml'));
  const walked = whfbLintJson(['policies'], repo).report;
  assert.deepEqual(paths(walked), ['policies/linked.whfb.yaml', 'policies/pilot.whfb.yaml']);
  const named = whfbLintJson(['policies/outside-link'], repo);
  assert.deepEqual(paths(named.report), ['policies/outside-link/elsewhere.whfb.yaml'], 'a directory link named explicitly is walked');
});

test('a glob without ** reads only the directories its segments can reach', () => {
  const root = join(scratch, 'depth');
  for (let depth = 1; depth <= 6; depth++) {
    const directory = join(root, ...Array.from({ length: depth }, (_, i) => `level${i + 1}`));
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `depth${depth}.whfb.yaml`), CLEAN);
  }
  const read: string[] = [];
  const original = fs.readdirSync;
  const spy = mock.method(fs, 'readdirSync', function (this: unknown, ...args: unknown[]) {
    read.push(String(args[0]));
    return (original as (...a: unknown[]) => unknown).apply(fs, args);
  });
  try {
    const collection = collectFiles(['level1/*/*.whfb.yaml'], root);
    assert.deepEqual(collection.candidates.map((c) => c.displayPath), ['level1/level2/depth2.whfb.yaml']);
    assert.deepEqual(read.map((path) => path.slice(root.length + 1)), ['level1', 'level1/level2'], 'the walk starts at the literal prefix and stops at the pattern depth');
  } finally {
    spy.mock.restore();
  }
});

test('adversarial globs finish: ten ** over a 30-deep tree, and *a x 10 + b.json against a 60-character name', { timeout: 120_000 }, () => {
  const root = join(scratch, 'adversarial');
  const deep = join(root, ...Array.from({ length: 30 }, (_, i) => `d${i}`));
  mkdirSync(deep, { recursive: true });
  cpSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), join(deep, 'deep.whfb.yaml'));
  writeFileSync(join(root, `${'a'.repeat(60)}`), 'not a policy');
  writeFileSync(join(root, `${'a'.repeat(59)}b.json`), '{"name": "not a policy"}');
  const stars = whfbLintJson([`${'**/'.repeat(10)}*.whfb.yaml`], root);
  assert.equal(stars.run.status, 0, stars.run.stderr);
  assert.equal(stars.report.files.length, 1);
  const backtracking = whfbLint([`${'*a'.repeat(10)}b.json`], root);
  assert.notEqual(backtracking.status, null, 'no hang');
  assert.equal(backtracking.status, 0, backtracking.stderr);
});
