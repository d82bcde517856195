/**
 * Files over the size limit (5 MiB) are not checked, and whfb-lint says so where the editor
 * would (WHFB003, a warning, and a note in the summary): a file named on the command line always,
 * a walked file when its name or its content says it is a policy. A UTF-16 file that is over the
 * limit in bytes but within it as text is checked whole, as the editor checks it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-oversize-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const LIMIT = 5 * 1024 * 1024;

/** A Graph custom profile whose only OMA-URI comes after 6 MB of description. */
function lateOmaUriProfile(): string {
  const profile = JSON.parse(readFileSync(join(FIXTURES, 'mixed', 'custom-profile.json'), 'utf8'));
  const { omaSettings, ...head } = profile;
  return JSON.stringify({ ...head, description: 'x'.repeat(6 * 1024 * 1024), omaSettings }, null, 2);
}

test('a 6 MB custom profile whose OMA-URI comes late: WHFB003 when walked or named, and the summary says so', () => {
  const dir = join(scratch, 'late');
  mkdirSync(dir);
  writeFileSync(join(dir, 'big-profile.json'), lateOmaUriProfile());
  writeFileSync(join(dir, 'big-unrelated.json'), JSON.stringify({ name: 'not a policy', data: 'y'.repeat(6 * 1024 * 1024) }));
  for (const args of [['.'], ['big-profile.json'], ['*.json']]) {
    const { run, report } = whfbLintJson(args, dir);
    assert.equal(run.status, 0, `${args}: a warning, not an error\n${run.stderr}`);
    assert.deepEqual(report.files.map((file: any) => file.path), ['big-profile.json'], `${args}: a walked file that is no policy stays silent`);
    const [finding] = report.files[0].diagnostics;
    assert.deepEqual([finding.code, finding.severity, finding.line, finding.column], ['WHFB003', 'warning', 1, 1]);
    assert.match(finding.message, new RegExp(`larger than ${LIMIT} bytes`));
    assert.deepEqual(report.summary, { files: 1, errors: 0, warnings: 1, tooLarge: 1 });
  }
  const text = whfbLint(['.'], dir);
  assert.match(text.stdout, /^big-profile\.json:1:1 warning WHFB003 The file is larger than/m);
  assert.match(text.stdout, /1 problem \(0 errors, 1 warning\) in 1 file; 1 file over the size limit not checked \(WHFB003\)/);
  assert.equal(whfbLint(['--max-warnings', '0', '.'], dir).status, 1, '--max-warnings counts it');
});

test('a file named on the command line is reported when too large, whatever it is; --rule WHFB003=off silences the finding, not the summary', () => {
  const dir = join(scratch, 'named');
  mkdirSync(dir);
  writeFileSync(join(dir, 'big-unrelated.json'), JSON.stringify({ data: 'z'.repeat(6 * 1024 * 1024) }));
  const walked = whfbLintJson(['.'], dir);
  assert.deepEqual(walked.report.files, []);
  const named = whfbLintJson(['big-unrelated.json'], dir);
  assert.deepEqual(named.report.files[0].diagnostics.map((d: any) => d.code), ['WHFB003']);
  const off = whfbLint(['--rule', 'WHFB003=off', 'big-unrelated.json'], dir);
  assert.equal(off.status, 0);
  assert.match(off.stdout, /0 problems \(0 errors, 0 warnings\) in 1 file; 1 file over the size limit not checked/);
});

test('a UTF-16 policy over the limit in bytes but within it as text is checked whole', () => {
  const dir = join(scratch, 'utf16');
  mkdirSync(dir);
  const policy = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'), 'utf8');
  const padded = `${`# ${'p'.repeat(98)}\n`.repeat(Math.ceil(3.5 * 1024 * 1024 / 101))}${policy}`;
  writeFileSync(join(dir, 'padded.whfb.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(padded, 'utf16le')]));
  writeFileSync(join(dir, 'plain.whfb.yaml'), padded);
  const { run, report } = whfbLintJson(['padded.whfb.yaml', 'plain.whfb.yaml'], dir);
  assert.equal(run.status, 1, run.stderr);
  const codes = report.files.map((file: any) => file.diagnostics.map((d: any) => `${d.code}@${d.line}`));
  assert.deepEqual(codes[0], codes[1], 'the same findings as the UTF-8 file of the same text');
  assert.ok(codes[0].some((code: string) => code.startsWith('WHFB101')) && !codes[0].some((code: string) => code.startsWith('WHFB003')));
});
