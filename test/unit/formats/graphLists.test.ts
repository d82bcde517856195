/**
 * Graph list responses ({ "value": [...] }), top-level arrays and YAML lists of policies: every
 * policy's settings are read, ranges point into the right policy, and the cross-policy rules see
 * the policies together, as Intune applies them when all are assigned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customProfileAdapter } from '../../../server/src/formats/customProfile';
import { detectFormat } from '../../../server/src/formats/detect';
import { settingsCatalogAdapter } from '../../../server/src/formats/settingsCatalog';
import { getLanguageService } from '../../../server/src/service/languageService';
import { catalog, fixture, positionAt, settingEndingWith, textAt } from './fixtures';

const service = getLanguageService();

function validate(relativePath: string) {
  return service.validate({ ...fixture(relativePath), version: 1 });
}

test('a Settings Catalog list response is detected and every WHfB policy in it is read, Defender passed over', () => {
  const input = fixture('settings-catalog/graph-list-response.json');
  assert.equal(detectFormat(input)?.format, 'settings-catalog-json');
  const model = settingsCatalogAdapter.parse(input.text, 'settings-catalog-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), [
    'CloudKerberosTicketRetrievalEnabled', 'UsePassportForWork', 'UseCloudTrustForOnPremAuth',
    'RequireSecurityDevice', 'MinimumPINLength', 'MaximumPINLength',
  ]);
  // One numbering over the whole file, not one per policy.
  assert.deepEqual(model.settings.map((setting) => setting.index), [0, 1, 2, 3, 4, 5]);
  assert.equal(model.name?.value, 'Contoso - WHfB - Enable and trust');
});

test('ids in the second WHfB policy of a list keep their exact ranges', () => {
  const { text } = fixture('settings-catalog/graph-list-response.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  const requireDevice = settingEndingWith(model, 'requiresecuritydevice');
  const id = requireDevice.settingDefinitionId!;
  assert.equal(textAt(text, id.range), 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice');
  assert.deepEqual(positionAt(text, id.range.start), { line: 105, character: 44 });
  const minimum = settingEndingWith(model, 'minimumpinlength');
  assert.equal(minimum.value?.value, 8);
  assert.equal(textAt(text, minimum.value!.range), '8');
  assert.deepEqual(positionAt(text, minimum.settingDefinitionId!.range.start), { line: 113, character: 44 });
});

test('a clean list response gets no error or warning through the service', () => {
  const serious = validate('settings-catalog/graph-list-response.json').filter((diagnostic) => diagnostic.severity <= 2);
  assert.deepEqual(serious, []);
});

test('a top-level array whose two policies set RequireSecurityDevice differently is a WHFB150 conflict pointing at both', () => {
  const input = fixture('settings-catalog/policy-array-conflict.json');
  assert.equal(detectFormat(input)?.format, 'settings-catalog-json');
  const diagnostics = validate('settings-catalog/policy-array-conflict.json');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['WHFB150']);
  const conflict = diagnostics[0]!;
  // On the second policy's value, related to the first policy's value.
  assert.deepEqual(conflict.range.start, { line: 68, character: 107 });
  const lines = input.text.split('\n');
  assert.match(lines[68]!, /requiresecuritydevice_false/);
  const related = conflict.relatedInformation?.[0]?.location.range.start;
  assert.match(lines[related!.line]!, /requiresecuritydevice_true/);
});

test('a list mixing a Settings Catalog policy and a custom profile reads each by its own shape', () => {
  const input = fixture('settings-catalog/mixed-kinds-list.json');
  assert.equal(detectFormat(input)?.format, 'settings-catalog-json');
  const model = settingsCatalogAdapter.parse(input.text, 'settings-catalog-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.settings.map((setting) => [setting.node?.name, setting.settingDefinitionId ? 'id' : 'omaUri']), [
    ['UsePassportForWork', 'id'], ['UseCloudTrustForOnPremAuth', 'id'], ['UseCertificateForOnPremAuth', 'omaUri'],
  ]);
  // The two policies turn on both trust flags between them: the trust rules judge them together.
  // Certificate trust takes precedence, so the cloud trust flag (in the Settings Catalog policy) has no effect.
  const diagnostics = validate('settings-catalog/mixed-kinds-list.json');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['WHFB133']);
  const lines = input.text.split('\n');
  assert.match(lines[diagnostics[0]!.range.start.line]!, /usecloudtrustforonpremauth_true/i);
});

test('a custom-profile list response: BitLocker profile passed over, OMA-URIs of the later profiles exact', () => {
  const input = fixture('custom-profile/graph-list-response.json');
  assert.equal(detectFormat(input)?.format, 'custom-profile-json');
  const model = customProfileAdapter.parse(input.text, 'custom-profile-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), [
    'UsePassportForWork', 'CloudKerberosTicketRetrievalEnabled', 'MinimumPINLength', 'RequireSecurityDevice',
  ]);
  assert.equal(model.name?.value, 'Contoso - WHfB - enable (custom)');
  const minimum = settingEndingWith(model, 'pincomplexity/minimumpinlength');
  assert.equal(textAt(input.text, minimum.omaUri!.range), './Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/PINComplexity/MinimumPINLength');
  assert.deepEqual(positionAt(input.text, minimum.omaUri!.range.start), { line: 56, character: 21 });
  assert.equal(textAt(input.text, minimum.omaUri!.keyRange!), 'omaUri');
  assert.equal(minimum.value?.value, 6);
  const serious = validate('custom-profile/graph-list-response.json').filter((diagnostic) => diagnostic.severity <= 2);
  assert.deepEqual(serious, []);
});

test('an IntuneCD-style YAML list of policies: both read, whfb-ignore comments still apply', () => {
  const input = fixture('intunecd/policy-list.yaml');
  assert.equal(detectFormat(input)?.format, 'settings-catalog-yaml');
  const model = settingsCatalogAdapter.parse(input.text, 'settings-catalog-yaml', catalog);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), ['CloudKerberosTicketRetrievalEnabled', 'MinimumPINLength', 'UsePassportForWork']);
  assert.equal(model.name?.value, 'Contoso - WHfB - Enable');
  const minimum = settingEndingWith(model, 'minimumpinlength');
  assert.deepEqual(minimum.ignoredCodes, ['WHFB190']);
  const usePassport = settingEndingWith(model, 'usepassportforwork');
  assert.deepEqual(positionAt(input.text, usePassport.settingDefinitionId!.range.start), { line: 31, character: 31 });
});

test('a custom profile claims a list whose only WHfB item is a custom profile, and still reads the Settings Catalog item', () => {
  const text = JSON.stringify([
    { name: 'Defender', settings: [{ settingInstance: { settingDefinitionId: 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring', choiceSettingValue: { value: 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring_1' } } }] },
    { displayName: 'WHfB', omaSettings: [{ '@odata.type': '#microsoft.graph.omaSettingBoolean', omaUri: './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork', value: true }] },
  ], null, 2);
  const input = { uri: 'file:///exports/all-configurations.json', text };
  assert.equal(detectFormat(input)?.format, 'custom-profile-json');
  const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), ['UsePassportForWork']);
});

test('list shapes that hold no policy are one WHFB002, and broken items inside a list are reported where they are', () => {
  for (const text of ['[]', '{"value": []}', '[1, "x", {"displayName": "compliance"}]']) {
    const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
    assert.deepEqual(model.findings.map((item) => item.code), ['WHFB002'], text);
  }
  const text = '[{"settings": [{"settingInstance": {"settingDefinitionId": "device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork", "choiceSettingValue": {"value": "device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true"}}}]}, {"settings": 5}]';
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.equal(model.settings.length, 1);
  assert.deepEqual(model.findings.map((item) => [item.code, textAt(text, item.range)]), [['WHFB002', '5']]);
});

test('a single policy that happens to have a "value" property is still read as one policy', () => {
  const { text } = fixture('settings-catalog/cloud-kerberos-trust.json');
  const withValue = text.replace('{', '{\n  "value": [],');
  const model = settingsCatalogAdapter.parse(withValue, 'settings-catalog-json', catalog);
  assert.equal(model.settings.length, 4);
});
