/** whfb-lint reads Endpoint security intents (an intent and its <name>_Settings.json), the tenant-wide enrollment policy and Identity protection profiles. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../protocol/ensureBuilt';
import { whfbLintJson } from './runWhfbLint';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-lint-intents-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

test('an intent and its settings file are both read; the settings file carries the findings', () => {
  const dir = join(scratch, 'backup', 'Device Management Intents');
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURES, 'intents', 'sidecar'), dir, { recursive: true });
  const { run, report } = whfbLintJson(['backup'], scratch);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const files = report.files.map((file: any) => [file.path, file.diagnostics.map((d: any) => `${d.code} ${d.line}`)]);
  assert.deepEqual(files, [
    ['backup/Device Management Intents/AccountProtection-WHfB.json', []],
    ['backup/Device Management Intents/AccountProtection-WHfB_Settings.json', ['WHFB120 14']],
  ]);
});

test('the tenant-wide policy and an Identity protection profile, in UTF-16 with a byte-order mark, are read like UTF-8', () => {
  const dir = join(scratch, 'exports');
  mkdirSync(dir, { recursive: true });
  for (const [source, name] of [['matrix/enrollment/WHFB103-bad.json', 'enrollment.json'], ['matrix/identity-protection/WHFB120-bad.json', 'identity.json']]) {
    const text = readFileSync(join(FIXTURES, source), 'utf8');
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]));
  }
  const { report } = whfbLintJson(['exports'], scratch);
  assert.deepEqual(report.files.map((file: any) => [file.path, file.diagnostics.map((d: any) => `${d.code} ${d.line}`)]), [
    ['exports/enrollment.json', ['WHFB103 19']],
    ['exports/identity.json', ['WHFB120 13']],
  ]);
});
