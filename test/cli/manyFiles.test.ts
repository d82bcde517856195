/**
 * A repository-sized run: enough files that whfb-lint shares them among worker threads. The
 * report must be the one a single thread gives: every file once, in order, every finding.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-many-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('600 files: each reported once, in walk order, with its own findings', { timeout: 120_000 }, () => {
  const clean = readFileSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), 'utf8');
  const broken = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'), 'utf8');
  const expected: string[] = [];
  for (let group = 0; group < 6; group++) {
    mkdirSync(join(scratch, `team${group}`));
    for (let file = 0; file < 100; file++) {
      const name = `team${group}/policy${String(file).padStart(3, '0')}.whfb.yaml`;
      writeFileSync(join(scratch, name), file % 3 === 0 ? broken : clean);
      expected.push(name);
    }
  }
  const { run, report } = whfbLintJson(['.'], scratch);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(report.files.map((file: any) => file.path), expected);
  for (const [index, file] of report.files.entries()) {
    const codes = file.diagnostics.map((d: any) => d.code);
    assert.deepEqual(codes, index % 100 % 3 === 0 ? ['WHFB101'] : [], file.path);
  }
  assert.deepEqual(report.summary, { files: 600, errors: 6 * 34, warnings: 0 });
});
