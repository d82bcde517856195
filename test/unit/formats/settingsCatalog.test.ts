import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingsCatalogAdapter } from '../../../server/src/formats/settingsCatalog';
import { catalog, fixture, positionAt, settingEndingWith, textAt } from './fixtures';

test('a cloud Kerberos trust Settings Catalog export is detected and every WHfB setting resolves', () => {
  const input = fixture('settings-catalog/cloud-kerberos-trust.json');
  assert.equal(settingsCatalogAdapter.detect(input), 'settings-catalog-json');
  const model = settingsCatalogAdapter.parse(input.text, 'settings-catalog-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.format, 'settings-catalog-json');
  assert.equal(model.name?.value, 'Contoso - WHfB - Cloud Kerberos trust');
  // The PassportForWork/{tenantid} group is a container, not a setting: four leaves.
  assert.equal(model.settings.length, 4);
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), [
    'CloudKerberosTicketRetrievalEnabled', 'UsePassportForWork', 'UseCloudTrustForOnPremAuth', 'RequireSecurityDevice',
  ]);
  assert.deepEqual(model.settings.map((setting) => setting.index), [0, 1, 2, 3]);
});

test('choice values are decoded by the node format: "_true" -> true, "_1" -> 1, and point at the option', () => {
  const { text } = fixture('settings-catalog/cloud-kerberos-trust.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  const kerberos = settingEndingWith(model, 'cloudkerberosticketretrievalenabled');
  assert.equal(kerberos.value?.value, 1);
  assert.equal(textAt(text, kerberos.value!.range), '1');
  const cloudTrust = settingEndingWith(model, 'usecloudtrustforonpremauth');
  assert.equal(cloudTrust.value?.value, true);
  assert.equal(textAt(text, cloudTrust.value!.range), 'true');
});

test('the settingDefinitionId range is the exact id text inside its quotes', () => {
  const { text } = fixture('settings-catalog/cloud-kerberos-trust.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  const usePassport = settingEndingWith(model, 'policies_usepassportforwork');
  const id = usePassport.settingDefinitionId!;
  assert.equal(textAt(text, id.range), 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork');
  assert.deepEqual(positionAt(text, id.range.start), { line: 45, character: 40 });
  assert.equal(textAt(text, id.keyRange!), 'settingDefinitionId');
  // The entry range is the whole instance object, for symbols and reveal.
  assert.ok(textAt(text, usePassport.range).startsWith('{'));
  assert.ok(textAt(text, usePassport.range).endsWith('}'));
});

test('an Account protection template export with integer simple values and template references', () => {
  const { text } = fixture('settings-catalog/account-protection.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.settings.length, 5);
  const minimum = settingEndingWith(model, 'minimumpinlength');
  assert.equal(minimum.node?.path, './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength');
  assert.equal(minimum.value?.value, 8);
  assert.equal(textAt(text, minimum.value!.range), '8');
  assert.equal(minimum.type?.normalized, 'int');
  assert.equal(settingEndingWith(model, 'biometrics_usebiometrics').node?.name, 'UseBiometrics');
});

test('settings of CSPs the catalog does not cover are left out; unknown WHfB ids stay, unresolved', () => {
  const { text } = fixture('settings-catalog/mixed-with-defender.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.equal(model.settings.length, 1);
  const typo = model.settings[0]!;
  assert.equal(typo.settingDefinitionId?.value, 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwrok');
  assert.equal(typo.node, undefined);
});

test('the same policy as IntuneCD YAML: detected by content, same settings, ranges and whfb-ignore comments', () => {
  const input = fixture('intunecd/cloud-kerberos-trust.yaml');
  assert.equal(settingsCatalogAdapter.detect(input), 'settings-catalog-yaml');
  const model = settingsCatalogAdapter.parse(input.text, 'settings-catalog-yaml', catalog);
  assert.deepEqual(model.findings, []);
  assert.equal(model.settings.length, 5);
  assert.ok(model.settings.every((setting) => setting.node));
  const minimum = settingEndingWith(model, 'minimumpinlength');
  assert.equal(minimum.value?.value, 6);
  assert.deepEqual(minimum.ignoredCodes, ['WHFB190']);
  const requireDevice = settingEndingWith(model, 'requiresecuritydevice');
  assert.equal(textAt(input.text, requireDevice.settingDefinitionId!.range), 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice');
  assert.deepEqual(positionAt(input.text, requireDevice.settingDefinitionId!.range.start), { line: 36, character: 30 });
  assert.equal(requireDevice.value?.value, true);
});

test('a choice value that names another setting is a WHFB002 shape finding', () => {
  const text = JSON.stringify({ settings: [{ settingInstance: {
    settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork',
    choiceSettingValue: { value: 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true' },
  } }] }, null, 2);
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.equal(model.findings.length, 1);
  assert.equal(model.findings[0]!.code, 'WHFB002');
  assert.match(textAt(text, model.findings[0]!.range), /requiresecuritydevice_true$/);
});

test('malformed JSON gives one WHFB001 at the missing comma, and no settings', () => {
  const { text } = fixture('settings-catalog/malformed.json');
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.equal(model.settings.length, 0);
  assert.equal(model.findings.length, 1);
  assert.equal(model.findings[0]!.code, 'WHFB001');
  assert.equal(model.findings[0]!.severity, 'error');
  assert.deepEqual(positionAt(text, model.findings[0]!.range.start), { line: 4, character: 4 });
});

test('wrong shapes of a recognised policy are WHFB002, never a throw', () => {
  const cases = ['{"settings": 5}', '{"settings": [5]}', '{"settings": [{"settingInstance": {"choiceSettingValue": {}}}]}', '[]', '{"name": "x"}'];
  for (const text of cases) {
    const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
    assert.ok(model.findings.length > 0, text);
    assert.ok(model.findings.every((item) => item.code === 'WHFB002'), text);
  }
});

test('choice children and deeply nested groups are read, hostile depth is bounded', () => {
  let instance: object = {
    settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork',
    choiceSettingValue: { value: 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true' },
  };
  for (let i = 0; i < 40; i++) {
    instance = { settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}', groupSettingCollectionValue: [{ children: [instance] }] };
  }
  const text = JSON.stringify({ settings: [{ settingInstance: instance }] });
  const model = settingsCatalogAdapter.parse(text, 'settings-catalog-json', catalog);
  assert.equal(model.settings.length, 0);
  assert.equal(model.findings[0]?.code, 'WHFB003');
});
