/**
 * The real-world regression set: files of the shapes public exports have (Settings Catalog and
 * IntuneCD backups of security baselines, OpenIntuneBaseline-style all-in-one policies, custom
 * profiles copied from the CSP docs, SyncML), written for this project (test/fixtures/realworld-shapes;
 * the large ones by scripts/realworld/generateShapes.ts). Each file lists exactly the findings it
 * must get: the true ones stay, and nothing else may appear.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';

const DIR = join(__dirname, '..', '..', 'fixtures', 'realworld-shapes');

/** `line CODE` per finding; `undefined` format = the file is not a WHfB policy and is not claimed. */
const EXPECTED: Record<string, { format: string | undefined; findings: string[] }> = {
  // 450 Defender, DeviceLock, Kerberos, CredentialProviders, ADMX... settings, no PassportForWork node.
  'sc-security-baseline-450.json': { format: undefined, findings: [] },
  'intunecd-security-baseline-250.yaml': { format: undefined, findings: [] },
  // Hundreds of other settings around a valid WHfB block, ADMX-backed choices (_1/_0 with children),
  // DeviceUnlock GroupA as a comma-separated GUID list: nothing to report.
  'sc-device-baseline-with-whfb-306.json': { format: 'settings-catalog-json', findings: [] },
  // Only CredentialProviders/Authentication settings: a sign-in options policy, not a WHfB policy.
  'sc-credential-providers-only.json': { format: undefined, findings: [] },
  'intunecd-whfb-with-lockscreen-admx.yaml': { format: 'settings-catalog-yaml', findings: [] },
  'syncml-device-unlock.syncml.xml': { format: 'syncml', findings: [] },
  // True findings: a literal {TenantId} segment, a raw ADMX OMA-URI value that is not <enabled/>/<disabled/>,
  // a value outside the DDF's range. GroupA/GroupB lists and the <enabled/> payload pass.
  'custom-profile-device-unlock-and-admx.json': { format: 'custom-profile-json', findings: ['13 WHFB105', '55 WHFB103', '63 WHFB103'] },
  // The DDF: the minimum "must be less than the number configured in the Maximum PIN length".
  'sc-pin-length-equal.json': { format: 'settings-catalog-json', findings: ['29 WHFB120'] },
  // A real plain-text password stays flagged; a credential provider GUID and a container name do not.
  'custom-profile-pfx-secret.json': { format: 'custom-profile-json', findings: ['23 WHFB181'] },
};

function languageIdOf(file: string): string {
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.yaml')) return 'yaml';
  return 'xml';
}

test('every file of the real-world regression set has an expectation', () => {
  assert.deepEqual(readdirSync(DIR).sort(), Object.keys(EXPECTED).sort());
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`real-world shape ${file}: ${expected.findings.length === 0 ? 'no finding' : expected.findings.join(', ')}`, () => {
    const logged: string[] = [];
    const service = getLanguageService({}, { log: (message) => logged.push(message) });
    const text = readFileSync(join(DIR, file), 'utf8');
    const doc = { uri: `file:///repo/exports/${file}`, languageId: languageIdOf(file), version: 1, text };
    assert.equal(service.detectFormat(doc), expected.format);
    const found = service.validate(doc).map((d) => `${d.range.start.line + 1} ${d.code}`).sort();
    assert.deepEqual(found, [...expected.findings].sort());
    assert.deepEqual(logged, [], 'no internal error');
  });
}
