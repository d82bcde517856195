/** whfb-lint on a Backup-GPO folder: registry.pol and gpreport.xml of the WHfB GPOs are checked, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../protocol/ensureBuilt';
import { whfbLint, whfbLintJson } from './runWhfbLint';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
const CERT = '{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22}';
const CLOUD = '{3D6E9A12-7B4C-4E1F-8A5D-C2B0F9E7A111}';

test('whfb-lint backup-folder/ walks into DomainSysvol and checks the WHfB GPOs\' registry.pol and gpreport.xml', () => {
  const { run, report } = whfbLintJson(['--no-cross-file', 'gpo-backup'], FIXTURES);
  assert.equal(run.status, 1, run.stderr);
  const found = report.files.map((file: any) => [file.path, file.diagnostics.map((d: any) => d.code).sort().join(',')]);
  assert.deepEqual(found, [
    [`gpo-backup/${CLOUD}/DomainSysvol/GPO/Machine/registry.pol`, ''],
    [`gpo-backup/${CLOUD}/gpreport.xml`, ''],
    [`gpo-backup/${CERT}/DomainSysvol/GPO/Machine/registry.pol`, 'WHFB103,WHFB133'],
    [`gpo-backup/${CERT}/DomainSysvol/GPO/User/registry.pol`, ''],
    [`gpo-backup/${CERT}/gpreport.xml`, 'WHFB103,WHFB133'],
  ]);
});

test('across files, the gpreport.xml and registry.pol of one backup are one GPO; two GPOs that contradict each other are reported', () => {
  const { report } = whfbLintJson(['gpo-backup'], FIXTURES);
  const crossFile = report.files.flatMap((file: any) => file.diagnostics.filter((d: any) => /^WHFB3/.test(d.code)).map((d: any) => [file.path, d.code, d.message]));
  // Never a conflict of a GPO with itself, and Group Policy values are Group Policy, not MDM.
  assert.ok(!crossFile.some(([, code]: string[]) => code === 'WHFB300' || code === 'WHFB304'), JSON.stringify(crossFile));
  for (const [path, , message] of crossFile) {
    assert.ok(path.includes(CERT), `${path}: only the certificate trust GPO is reported`);
    assert.ok(!message.includes(CERT), `${path}: names only the other GPO's files`);
  }
  assert.deepEqual([...new Set(crossFile.map(([, code]: string[]) => code))], ['WHFB301'], 'certificate trust here, cloud Kerberos trust in the other GPO');
});

test('the text output names the registry.pol and the Group Policy, and --fix leaves a binary file alone', () => {
  const run = whfbLint([`gpo-backup/${CERT}/DomainSysvol/GPO/Machine/registry.pol`], FIXTURES);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /registry\.pol:\d+:\d+ warning WHFB133 Group Policy "Use cloud trust for on-premises authentication" is enabled/);
  const dry = whfbLint(['--fix-dry-run', `gpo-backup/${CERT}/DomainSysvol/GPO/Machine/registry.pol`], FIXTURES);
  assert.doesNotMatch(dry.stdout, /^[-+]{3} /m);
});
