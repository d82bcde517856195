import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customProfileAdapter } from '../../../server/src/formats/customProfile';
import { catalog, fixture, positionAt, settingEndingWith, textAt } from './fixtures';

test('a custom profile export is detected and typed by @odata.type', () => {
  const input = fixture('custom-profile/whfb-custom-profile.json');
  assert.equal(customProfileAdapter.detect(input), 'custom-profile-json');
  const model = customProfileAdapter.parse(input.text, 'custom-profile-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.name?.value, 'Contoso - WHfB - custom OMA-URI');
  assert.equal(model.settings.length, 5);
  assert.ok(model.settings.every((setting) => setting.node));

  const usePassport = settingEndingWith(model, 'Policies/UsePassportForWork');
  assert.equal(usePassport.type?.normalized, 'bool');
  assert.equal(usePassport.type?.value, '#microsoft.graph.omaSettingBoolean');
  assert.equal(usePassport.value?.value, true);
  assert.equal(usePassport.name?.value, 'Use Windows Hello for Business');
  assert.equal(usePassport.node?.path, './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork');

  const kerberos = settingEndingWith(model, 'CloudKerberosTicketRetrievalEnabled');
  assert.equal(kerberos.type?.normalized, 'int');
  assert.equal(kerberos.value?.value, 1);
  assert.equal(textAt(input.text, kerberos.value!.range), '1');
});

test('the OMA-URI range is the exact text inside the quotes', () => {
  const { text } = fixture('custom-profile/whfb-custom-profile.json');
  const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
  const cloudTrust = settingEndingWith(model, 'UseCloudTrustForOnPremAuth');
  assert.equal(textAt(text, cloudTrust.omaUri!.range), './Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UseCloudTrustForOnPremAuth');
  assert.deepEqual(positionAt(text, cloudTrust.omaUri!.range.start), { line: 17, character: 17 });
  assert.equal(textAt(text, cloudTrust.omaUri!.keyRange!), 'omaUri');
});

test('an encrypted value exported as "****" is kept as written, as a string', () => {
  const { text } = fixture('custom-profile/whfb-custom-profile.json');
  const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
  const secret = settingEndingWith(model, 'UPNNameHints');
  assert.equal(secret.type?.normalized, 'string');
  assert.equal(secret.value?.value, '****');
  assert.equal(textAt(text, secret.value!.range), '****');
});

test('a wrong type and an unknown node are modelled faithfully for the rules to judge', () => {
  const { text } = fixture('custom-profile/broken-types.json');
  const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
  assert.equal(model.settings.length, 5);
  const usePassport = settingEndingWith(model, 'UsePassportForWork');
  assert.equal(usePassport.type?.normalized, 'int');
  assert.equal(usePassport.node?.format, 'bool');
  assert.equal(settingEndingWith(model, 'UseCloudTrustForOnPremAut').node, undefined);
});

test('IntuneCD custom profile YAML: detected, values typed, other CSPs left out', () => {
  const input = fixture('intunecd/whfb-custom-profile.yaml');
  assert.equal(customProfileAdapter.detect(input), 'custom-profile-yaml');
  const model = customProfileAdapter.parse(input.text, 'custom-profile-yaml', catalog);
  assert.deepEqual(model.findings, []);
  // The Defender OMA-URI is not a CSP the catalog covers.
  assert.equal(model.settings.length, 2);
  const minimum = settingEndingWith(model, 'MinimumPINLength');
  assert.equal(minimum.value?.value, 6);
  assert.equal(minimum.type?.normalized, 'int');
  assert.deepEqual(positionAt(input.text, minimum.omaUri!.range.start), { line: 11, character: 10 });
});

test('quoted numbers and booleans are read by the declared type', () => {
  const text = JSON.stringify({ omaSettings: [
    { '@odata.type': '#microsoft.graph.omaSettingInteger', omaUri: './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled', value: '1' },
    { '@odata.type': '#microsoft.graph.omaSettingBoolean', omaUri: './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork', value: 'True' },
  ] });
  const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
  assert.deepEqual(model.settings.map((setting) => setting.value?.value), [1, true]);
});

test('shape problems are WHFB002 and malformed JSON is WHFB001, never a throw', () => {
  const shapes = ['{"omaSettings": {}}', '{"omaSettings": [1]}', '{"omaSettings": [{"value": 1}]}', '{"displayName": "x"}',
    '{"omaSettings": [{"omaUri": "./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork", "value": true}]}'];
  for (const text of shapes) {
    const model = customProfileAdapter.parse(text, 'custom-profile-json', catalog);
    assert.ok(model.findings.length > 0 && model.findings.every((item) => item.code === 'WHFB002'), text);
  }
  const broken = customProfileAdapter.parse('{"omaSettings": [ {"omaUri": "./Device/Vendor/MSFT/PassportForWork" ', 'custom-profile-json', catalog);
  assert.equal(broken.findings[0]?.code, 'WHFB001');
});
