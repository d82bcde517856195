/**
 * Contract details of docs/cli.md: a file whose name is not UTF-8 (Latin-1 from an old archive)
 * is read by its exact bytes, and a report that cannot be written (a full disk) is status 2 with
 * one clear line, not a stack trace.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BUNDLE } from '../protocol/ensureBuilt';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-names-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('a Latin-1 file name is walked, read and reported (undecodable bytes shown as \\xNN)', { skip: process.platform !== 'linux' ? 'Linux file names are bytes' : false }, () => {
  const dir = join(scratch, 'latin1');
  mkdirSync(dir);
  const policy = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'));
  const latin1Name = Buffer.concat([Buffer.from(dir), Buffer.from('/r'), Buffer.from([0xe9]), Buffer.from('sum\u00e9.whfb.yaml', 'latin1')]);
  writeFileSync(latin1Name, policy);
  writeFileSync(join(dir, 'résumé-utf8.whfb.yaml'), policy);
  for (const args of [['.'], ['*.whfb.yaml']]) {
    const { run, report } = whfbLintJson(args, dir);
    assert.equal(run.status, 1, `${args}: ${run.stderr}`);
    assert.equal(run.stderr, '');
    assert.deepEqual(report.files.map((file: any) => file.path), ['résumé-utf8.whfb.yaml', 'r\\xE9sum\\xE9.whfb.yaml']);
    assert.deepEqual(report.files[0].diagnostics, report.files[1].diagnostics);
  }
});

test('a report that cannot be written (/dev/full) exits 2 with one line on stderr', { skip: !existsSync('/dev/full') ? 'no /dev/full' : false }, () => {
  whfbLint(['--version']); // builds the bundle if needed
  for (const format of ['text', 'json', 'sarif']) {
    // The shell's `> /dev/full`, without a shell: stdout is /dev/full itself.
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [CLI_BUNDLE, '--format', format, 'errors'], {
      cwd: FIXTURES, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 60_000,
    });
    closeSync(full);
    assert.equal(result.status, 2, `${format}: ${result.stderr}`);
    assert.equal(result.stderr, 'whfb-lint: cannot write the report to standard output: no space left on device\n');
  }
});
