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
  const { run, report } = whfbLintJson(['gpo-backup'], FIXTURES);
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

test('the text output names the registry.pol and the Group Policy, and --fix leaves a binary file alone', () => {
  const run = whfbLint([`gpo-backup/${CERT}/DomainSysvol/GPO/Machine/registry.pol`], FIXTURES);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /registry\.pol:\d+:\d+ warning WHFB133 Group Policy "Use cloud trust for on-premises authentication" is enabled/);
  const dry = whfbLint(['--fix-dry-run', `gpo-backup/${CERT}/DomainSysvol/GPO/Machine/registry.pol`], FIXTURES);
  assert.doesNotMatch(dry.stdout, /^[-+]{3} /m);
});
