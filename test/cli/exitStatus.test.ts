/** whfb-lint's exit status: 0 clean, 1 errors or too many warnings, 2 usage errors and unreadable files. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../protocol/ensureBuilt';
import { stagedCli } from '../robustness/support/stageForNobody';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('--help and --version exit 0', () => {
  const help = whfbLint(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: whfb-lint/);
  const version = whfbLint(['--version']);
  assert.equal(version.status, 0);
  const packageJson = JSON.parse(readFileSync(join(FIXTURES, '..', '..', '..', 'package.json'), 'utf8'));
  assert.equal(version.stdout.trim(), packageJson.version);
});

test('usage errors exit 2 with a message on stderr', () => {
  for (const args of [[], ['--format', 'xml', 'clean'], ['--max-warnings', 'many', 'clean'], ['--bogus', 'clean'], ['--rule', 'WHFB101', 'clean']]) {
    const run = whfbLint(args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}`);
    assert.match(run.stderr, /^whfb-lint: /, args.join(' '));
    assert.equal(run.stdout, '');
  }
});

test('no errors exits 0, errors exit 1', () => {
  assert.equal(whfbLint(['clean']).status, 0);
  assert.equal(whfbLint(['errors']).status, 1);
});

test('--max-warnings: more warnings than allowed exit 1', () => {
  const { run, report } = whfbLintJson(['warnings']);
  assert.equal(run.status, 0, 'warnings alone do not fail');
  const warnings = report.summary.warnings;
  assert.ok(warnings >= 1, 'the fixture has a warning (Group Policy and Intune both manage)');
  assert.equal(report.summary.errors, 0);
  assert.equal(whfbLint(['--max-warnings', String(warnings - 1), 'warnings']).status, 1);
  assert.equal(whfbLint(['--max-warnings', String(warnings), 'warnings']).status, 0);
});

test('a missing file exits 2 and the other files are still checked', () => {
  const { run, report } = whfbLintJson(['does-not-exist.whfb.yaml', 'errors/unknown-node.whfb.yaml']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /does-not-exist\.whfb\.yaml: no such file/);
  assert.deepEqual(report.files.map((file: any) => file.path), ['errors/unknown-node.whfb.yaml']);
  assert.ok(report.summary.errors > 0);
});

test('a looping or dangling link named like a policy exits 2 without hanging; a directory loop is no error', () => {
  const dir = join(scratch, 'links');
  mkdirSync(dir);
  cpSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), join(dir, 'good.whfb.yaml'));
  symlinkSync('loop.whfb.yaml', join(dir, 'loop.whfb.yaml'));
  symlinkSync('vanished.whfb.yaml', join(dir, 'dangling.whfb.yaml'));
  mkdirSync(join(dir, 'nested'));
  symlinkSync('..', join(dir, 'nested', 'up'));
  const { run, report } = whfbLintJson(['.'], dir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /loop\.whfb\.yaml: symbolic link loop/);
  assert.match(run.stderr, /dangling\.whfb\.yaml: no such file/);
  assert.doesNotMatch(run.stderr, /nested\/up/, 'a link to a directory is not followed, so its loop is no problem');
  assert.deepEqual(report.files.map((file: any) => file.path), ['good.whfb.yaml']);
});

test('an unreadable file exits 2 with a message (as root, run as the unprivileged user "nobody")', () => {
  const dir = join(scratch, 'unreadable');
  mkdirSync(dir);
  const file = join(dir, 'secret.whfb.yaml');
  cpSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), file);
  chmodSync(file, 0o000);
  let run;
  if (process.getuid?.() === 0) {
    // Root reads every file: "nobody" runs a copy of the bundle staged where it can read it (the
    // repository and the scratch folder may be private), in a folder it can enter.
    ensureBuilt();
    chmodSync(scratch, 0o755);
    chmodSync(dir, 0o755);
    const result = spawnSync(process.execPath, [stagedCli(), 'secret.whfb.yaml'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000, uid: 65534, gid: 65534,
    });
    run = { status: result.status, stderr: result.stderr };
  } else {
    run = whfbLint(['secret.whfb.yaml'], dir);
  }
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /secret\.whfb\.yaml: permission denied/);
});

test('a named pipe named like a policy is reported, not waited on', { skip: process.platform === 'win32' ? 'no named pipes in the file system' : false }, () => {
  const dir = join(scratch, 'fifo');
  mkdirSync(dir);
  const made = spawnSync('mkfifo', [join(dir, 'pipe.whfb.yaml')], { encoding: 'utf8' });
  assert.equal(made.status, 0, `mkfifo creates the pipe the test is about: ${made.stderr ?? made.error}`);
  cpSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), join(dir, 'good.whfb.yaml'));
  for (const args of [['.'], ['pipe.whfb.yaml', 'good.whfb.yaml']]) {
    const { run, report } = whfbLintJson(args, dir);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, /pipe\.whfb\.yaml: not a regular file/);
    assert.deepEqual(report.files.map((file: any) => file.path), ['good.whfb.yaml']);
  }
});

test('a directory named where a file is expected by a glob is not a crash', () => {
  const dir = join(scratch, 'weird');
  mkdirSync(join(dir, 'folder.whfb.yaml'), { recursive: true });
  writeFileSync(join(dir, 'folder.whfb.yaml', 'inner.txt'), 'nothing');
  const run = whfbLint(['.'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /in 0 files/);
});
