import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { customProfileAdapter } from '../../../server/src/formats/customProfile';
import { graphWhfbAdapter } from '../../../server/src/formats/graphWhfb';
import { looseTextAdapter } from '../../../server/src/formats/looseText';
import { settingsCatalogAdapter } from '../../../server/src/formats/settingsCatalog';
import { syncmlAdapter } from '../../../server/src/formats/syncml';
import { FIXTURES, fixture } from './fixtures';

const ADAPTERS = { settingsCatalogAdapter, customProfileAdapter, syncmlAdapter, looseTextAdapter, graphWhfbAdapter };

const LANGUAGE_BY_EXTENSION: Record<string, string> = { '.json': 'json', '.yml': 'yaml', '.yaml': 'yaml', '.csproj': 'xml', '.xml': 'xml' };

test('unrelated files are claimed by no adapter (workflow, package.json, tsconfig, csproj, docker-compose, other Intune areas)', () => {
  const files = readdirSync(join(FIXTURES, 'unrelated'));
  assert.ok(files.length >= 8);
  for (const file of files) {
    const extension = file.slice(file.lastIndexOf('.'));
    for (const languageId of [undefined, LANGUAGE_BY_EXTENSION[extension]]) {
      const input = fixture(`unrelated/${file}`, languageId);
      for (const [name, adapter] of Object.entries(ADAPTERS)) {
        assert.equal(adapter.detect(input), undefined, `${name} claimed ${file} (${languageId})`);
      }
    }
  }
});

test('the WHfB policy file itself is never claimed by the export adapters', () => {
  const text = 'whfb: 1\nsettings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    settingInstance: x\n    omaSettings: y\n';
  for (const uri of ['file:///p/pilot.whfb.yaml', 'file:///p/pilot.whfb.yml']) {
    for (const adapter of Object.values(ADAPTERS)) assert.equal(adapter.detect({ uri, text, languageId: 'whfb-yaml' }), undefined);
  }
});

test('each WHfB fixture is claimed by exactly one adapter', () => {
  const expected: [string, string][] = [
    ['settings-catalog/cloud-kerberos-trust.json', 'settings-catalog-json'],
    ['settings-catalog/account-protection.json', 'settings-catalog-json'],
    ['intunecd/cloud-kerberos-trust.yaml', 'settings-catalog-yaml'],
    ['intunecd/whfb-custom-profile.yaml', 'custom-profile-yaml'],
    ['custom-profile/whfb-custom-profile.json', 'custom-profile-json'],
    ['syncml/whfb-cloud-kerberos.syncml.xml', 'syncml'],
    ['text/whfb-runbook.md', 'text'],
    ['text/Set-WhfbPolicy.ps1', 'text'],
    ['settings-catalog/graph-list-response.json', 'settings-catalog-json'],
    ['settings-catalog/policy-array-conflict.json', 'settings-catalog-json'],
    ['custom-profile/graph-list-response.json', 'custom-profile-json'],
    ['intunecd/policy-list.yaml', 'settings-catalog-yaml'],
    ['intents/account-protection-intent.json', 'intent-json'],
    ['enrollment/whfb-enrollment.json', 'whfb-enrollment-json'],
    ['identity-protection/identity-protection.json', 'identity-protection-json'],
  ];
  for (const [file, format] of expected) {
    const claims = Object.values(ADAPTERS).map((adapter) => adapter.detect(fixture(file))).filter(Boolean);
    assert.deepEqual(claims, [format], file);
  }
});
