/** Which files whfb-lint checks: directory walks, explicit files, globs, encodings. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, whfbLint, whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-files-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const paths = (report: any): string[] => report.files.map((file: any) => file.path);

test('a directory walk checks policy YAML, JSON and XML by content and skips everything else', () => {
  const { report } = whfbLintJson(['mixed']);
  assert.deepEqual(paths(report), ['mixed/custom-profile.json', 'mixed/sub/pilot.whfb.yml', 'mixed/syncml.xml']);
  const custom = report.files[0].diagnostics.map((d: any) => d.code);
  assert.ok(custom.includes('WHFB101'), 'the misspelt node in the custom profile is found');
});

test('node_modules and .git are not walked', () => {
  const dir = join(scratch, 'repo');
  const policy = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'), 'utf8');
  for (const skipped of ['node_modules/pkg', '.git/objects']) {
    mkdirSync(join(dir, skipped), { recursive: true });
    writeFileSync(join(dir, skipped, 'broken.whfb.yaml'), policy);
  }
  cpSync(join(FIXTURES, 'clean', 'hybrid-cloud-kerberos.whfb.yaml'), join(dir, 'policy.whfb.yaml'));
  const { run, report } = whfbLintJson(['.'], dir);
  assert.equal(run.status, 0, run.stdout);
  assert.deepEqual(paths(report), ['policy.whfb.yaml']);
});

test('Markdown is checked for OMA-URIs when named, not when found by a walk', () => {
  const walked = whfbLintJson(['mixed']).report;
  assert.ok(!paths(walked).includes('mixed/notes.md'));
  const { run, report } = whfbLintJson(['mixed/notes.md']);
  assert.equal(run.status, 1);
  assert.deepEqual(paths(report), ['mixed/notes.md']);
  assert.deepEqual(report.files[0].diagnostics.map((d: any) => [d.code, d.line]), [['WHFB101', 3]]);
});

test('globs: * and ** expand relative to the working directory', () => {
  const all = whfbLintJson(['**/*.whfb.yaml']).report;
  assert.deepEqual(paths(all), [
    'clean/hybrid-cloud-kerberos.whfb.yaml',
    'errors/broken-syntax.whfb.yaml',
    'errors/unknown-node.whfb.yaml',
    'warnings/group-policy-and-intune.whfb.yaml',
  ]);
  const one = whfbLintJson(['err?rs/unknown-*.yaml']).report;
  assert.deepEqual(paths(one), ['errors/unknown-node.whfb.yaml']);
});

test('a glob that matches nothing exits 2', () => {
  const run = whfbLint(['nowhere/**/*.json']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no files match nowhere\/\*\*\/\*\.json/);
});

test('the same file named twice is checked once', () => {
  const { report } = whfbLintJson(['clean', 'clean/hybrid-cloud-kerberos.whfb.yaml']);
  assert.deepEqual(paths(report), ['clean/hybrid-cloud-kerberos.whfb.yaml']);
});

test('UTF-8 with a byte-order mark and UTF-16 files are read like an editor reads them', () => {
  const text = readFileSync(join(FIXTURES, 'errors', 'unknown-node.whfb.yaml'), 'utf8');
  writeFileSync(join(scratch, 'bom.whfb.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  writeFileSync(join(scratch, 'utf16.whfb.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const expected = whfbLintJson(['errors/unknown-node.whfb.yaml']).report.files[0].diagnostics;
  const { report } = whfbLintJson(['bom.whfb.yaml', 'utf16.whfb.yaml'], scratch);
  assert.deepEqual(report.files[0].diagnostics, expected);
  assert.deepEqual(report.files[1].diagnostics, expected);
});
