/**
 * Endpoint security intents, the tenant-wide enrollment policy and Identity protection profiles:
 * which files are claimed, what the model holds (CSP nodes and CSP values from Graph values), the
 * shapes real tools write (Graph with settings inline, IntuneBackupAndRestore's settingsDelta and
 * `<name>_Settings.json`, double-encoded settings, IntuneCD YAML, Graph list responses), encodings,
 * fixes written back as Graph values, hover and completion.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { graphPropertyMapping } from '../../../server/src/catalog/graphMappings';
import { detectFormat } from '../../../server/src/formats/detect';
import { graphWhfbAdapter, renderGraphWhfbFix } from '../../../server/src/formats/graphWhfb';
import { intentFileOfSidecar, pairIntentSidecars } from '../../../server/src/formats/intentSidecar';
import { policyYamlAdapter } from '../../../server/src/formats/policyYaml';
import { runRules } from '../../../server/src/rules/runRules';
import type { PolicyModel } from '../../../server/src/model/types';
import { brief, caret, service } from '../service/helpers';
import { catalog, FIXTURES, fixture } from './fixtures';

const PFW = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const INTENT_FILE = 'intents/Device Management Intents/Account protection (Preview)/0f2b5d70-d4e9-4156-8c16-1397eb6c54a5_Account protection (Preview)_ES - WHfB_9b3c0d2e-6f41-4a87-b1de-5e7f02c4a913.json';

function parse(relativePath: string): PolicyModel {
  const input = fixture(relativePath);
  const detected = detectFormat(input);
  assert.ok(detected, `${relativePath} is claimed`);
  return detected.adapter.parse(input.text, detected.format, catalog);
}

function nodesAndValues(model: PolicyModel): [string | undefined, unknown][] {
  return model.settings.map((setting) => [setting.node?.path, setting.value?.value]);
}

test('each file is claimed as its format, by this adapter only', () => {
  const expected: [string, string][] = [
    ['identity-protection/identity-protection.json', 'identity-protection-json'],
    ['enrollment/whfb-enrollment.json', 'whfb-enrollment-json'],
    ['intents/account-protection-intent.json', 'intent-json'],
    [INTENT_FILE, 'intent-json'],
    ['intents/sidecar/AccountProtection-WHfB.json', 'intent-json'],
    ['intents/sidecar/AccountProtection-WHfB_Settings.json', 'intent-json'],
    ['intents/double-encoded-settings.json', 'intent-json'],
    ['matrix/intunecd-intents/WHFB103-good.yaml', 'intent-yaml'],
    ['matrix/intunecd-enrollment/WHFB103-good.yaml', 'whfb-enrollment-yaml'],
    ['matrix/intunecd-identity-protection/WHFB103-good.yaml', 'identity-protection-yaml'],
  ];
  for (const [file, format] of expected) {
    const detected = detectFormat(fixture(file));
    assert.equal(detected?.format, format, file);
    assert.equal(detected?.adapter, graphWhfbAdapter, file);
  }
});

test('unrelated JSON and YAML, and intents of other templates, get nothing', () => {
  for (const file of readdirSync(join(FIXTURES, 'unrelated'))) {
    assert.equal(graphWhfbAdapter.detect(fixture(`unrelated/${file}`)), undefined, file);
  }
  assert.equal(detectFormat(fixture('unrelated/defender-intents-list.json')), undefined);
  assert.equal(detectFormat({ uri: 'file:///p/notes.json', text: '{ "name": "windows hello notes", "identity": true }' }), undefined);
});

test('the Identity protection profile: every mapped property with its CSP value; null and notConfigured set nothing', () => {
  const model = parse('identity-protection/identity-protection.json');
  assert.equal(model.name?.value, 'WIN - Identity protection - WHfB');
  assert.equal(model.policyScope, undefined);
  const values = new Map(nodesAndValues(model));
  assert.equal(values.get(`${PFW}/UsePassportForWork`), true, 'windowsHelloForBusinessBlocked false -> UsePassportForWork true');
  assert.equal(values.get(`${PFW}/PINComplexity/UppercaseLetters`), 0, 'allowed -> 0');
  assert.equal(values.get('./Device/Vendor/MSFT/PassportForWork/SecurityKey/UseSecurityKeyForSignin'), 0);
  assert.ok(!values.has(`${PFW}/PINComplexity/MaximumPINLength`), 'pinMaximumLength null');
  assert.ok(!values.has(`${PFW}/PINComplexity/SpecialCharacters`), 'notConfigured');
  assert.equal(model.settings.length, 10);
});

test('the tenant-wide enrollment policy is marked tenant-wide; enums map by member name', () => {
  const model = parse('enrollment/whfb-enrollment.json');
  assert.equal(model.policyScope, 'tenant-wide');
  const values = new Map(nodesAndValues(model));
  assert.equal(values.get(`${PFW}/UsePassportForWork`), true, 'state enabled');
  assert.equal(values.get(`${PFW}/PINComplexity/LowercaseLetters`), 2, 'disallowed -> 2');
  assert.equal(values.get(`${PFW}/Remote/UseRemotePassport`), true);
  assert.ok(!values.has('./Device/Vendor/MSFT/PassportForWork/SecurityKey/UseSecurityKeyForSignin'), 'securityKeyForSignIn notConfigured');
  const state = model.settings.find((setting) => setting.settingDefinitionId?.value === 'state')!;
  assert.equal(model.text.slice(state.value!.range.start, state.value!.range.end), 'enabled');
});

test('intents: settings inline (value and valueJson), settingsDelta, Credential Guard passed over', () => {
  const inline = parse('intents/account-protection-intent.json');
  assert.deepEqual(nodesAndValues(inline), [
    [`${PFW}/UsePassportForWork`, true],
    [`${PFW}/PINComplexity/MinimumPINLength`, 8],
    [`${PFW}/PINComplexity/UppercaseLetters`, 0],
    [`${PFW}/UseCertificateForOnPremAuth`, true],
  ]);
  assert.deepEqual(inline.findings, []);
  const delta = parse(INTENT_FILE);
  assert.equal(delta.name?.value, 'ES - WHfB');
  assert.deepEqual(nodesAndValues(delta).at(-1), [`${PFW}/PINComplexity/SpecialCharacters`, 1]);
});

test('an intent id a few letters from a known one is reported with the id meant; an unknown newer id is passed over', () => {
  const ls = service();
  const bad = fixture('matrix/intents/WHFB002-bad.json').text;
  const [typo] = ls.validate({ uri: 'file:///p/typo.json', version: 1, text: bad });
  assert.match(typo?.message ?? '', /Did you mean deviceConfiguration--windowsIdentityProtectionConfiguration_pinRecoveryEnabled\?/);
  const newer = bad.replace('_pinRecoveryEnabeld', '_someSettingAddedLater');
  assert.deepEqual(ls.validate({ uri: 'file:///p/newer.json', version: 1, text: newer }), []);
});

test('settings saved as a JSON string inside JSON: judged at the characters inside the string', () => {
  const text = fixture('intents/double-encoded-settings.json').text;
  const diagnostics = service().validate({ uri: 'file:///p/double.json', version: 1, text });
  assert.deepEqual(diagnostics.map(brief), ['3:207-3:208 WHFB103']);
  const model = parse('intents/double-encoded-settings.json');
  const min = model.settings[0];
  assert.equal(text.slice(min.value!.range.start, min.value!.range.end), '3');
  assert.equal(model.settings[1]?.value?.value, 2, 'blocked -> 2, through two levels of encoding');

  // A whole policy saved as a JSON string.
  const whole = JSON.stringify(JSON.stringify(JSON.parse(fixture('matrix/enrollment/WHFB103-bad.json').text)));
  const [found] = service().validate({ uri: 'file:///p/encoded.json', version: 1, text: whole });
  assert.equal(found?.code, 'WHFB103');
  assert.equal(whole.slice(found.range.start.character, found.range.end.character), '800');
});

test('an intent and its <name>_Settings.json: each alone is read, and the pair is found', () => {
  const ls = service();
  const intent = fixture('intents/sidecar/AccountProtection-WHfB.json');
  const sidecar = fixture('intents/sidecar/AccountProtection-WHfB_Settings.json');
  assert.deepEqual(ls.validate({ uri: intent.uri, version: 1, text: intent.text }), []);
  assert.deepEqual(ls.validate({ uri: sidecar.uri, version: 1, text: sidecar.text }).map(brief), ['13:13-13:15 WHFB120']);
  assert.equal(intentFileOfSidecar(sidecar.uri), intent.uri);
  assert.deepEqual(pairIntentSidecars([sidecar.uri, intent.uri, 'file:///other_Settings.json']), [{ intent: intent.uri, sidecar: sidecar.uri }]);
});

test('UTF-8 BOM, CRLF and minified one-line files report the same findings', () => {
  const ls = service();
  for (const file of ['matrix/enrollment/WHFB103-bad.json', 'matrix/intents/WHFB103-bad.json', 'matrix/identity-protection/WHFB002-bad.json']) {
    const text = fixture(file).text;
    let version = 0;
    const codes = (variant: string) => ls.validate({ uri: 'file:///p/variant.json', version: ++version, text: variant }).map((d) => d.code);
    const expected = codes(text);
    assert.equal(expected.length, 1, file);
    assert.deepEqual(codes(`\uFEFF${text}`), expected, `${file} with BOM`);
    assert.deepEqual(codes(text.replace(/\n/g, '\r\n')), expected, `${file} CRLF`);
    assert.deepEqual(codes(JSON.stringify(JSON.parse(text))), expected, `${file} minified`);
  }
});

test('IntuneCD YAML: # whfb-ignore above a property silences it', () => {
  const text = readFileSync(join(FIXTURES, 'matrix', 'intunecd-enrollment', 'WHFB103-bad.yaml'), 'utf8').replace('pinExpirationInDays: 800', '# whfb-ignore WHFB103\npinExpirationInDays: 800');
  assert.deepEqual(service().validate({ uri: 'file:///p/Enrollment Configurations/default.yaml', version: 1, text }), []);
});

test('a Graph list response keeps a custom profile beside the Identity protection profile', () => {
  const profile = JSON.parse(fixture('identity-protection/identity-protection.json').text);
  const custom = JSON.parse(fixture('custom-profile/whfb-custom-profile.json').text);
  const text = JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations', value: [custom, profile] }, null, 2);
  const input = { uri: 'file:///p/deviceConfigurations.json', text };
  const detected = detectFormat(input)!;
  assert.equal(detected.format, 'identity-protection-json');
  const model = detected.adapter.parse(text, detected.format, catalog);
  assert.ok(model.settings.some((setting) => setting.omaUri), 'the custom profile\'s OMA settings');
  assert.ok(model.settings.some((setting) => setting.settingDefinitionId?.value === 'pinMinimumLength'));
});

test('fixes are written as Graph values, in every place an intent keeps the value', () => {
  const model = parse('intents/account-protection-intent.json');
  const certificate = model.settings.find((setting) => setting.node?.name === 'UseCertificateForOnPremAuth')!;
  const data = renderGraphWhfbFix(model, { kind: 'set-value', title: 'Set UseCertificateForOnPremAuth to false', setting: certificate, value: false });
  assert.equal(data?.fix, 'replace');
  assert.equal(data?.title, 'Set useCertificatesForOnPremisesAuthEnabled to false');
  const replaced = data.fix === 'replace' ? data.replacements.map((r) => [model.text.slice(r.range.start, r.range.end), r.newText]) : [];
  assert.deepEqual(replaced, [['true', 'false'], ['true', 'false']], 'value and valueJson');

  const upper = model.settings.find((setting) => setting.node?.name === 'UppercaseLetters')!;
  const required = renderGraphWhfbFix(model, { kind: 'set-value', title: 'x', setting: upper, value: 1 });
  assert.deepEqual(required?.fix === 'replace' ? required.replacements.map((r) => r.newText) : [], ['required', 'required']);
  const enable = model.settings.find((setting) => setting.node?.name === 'UsePassportForWork')!;
  const blocked = renderGraphWhfbFix(model, { kind: 'set-value', title: 'x', setting: enable, value: false });
  assert.deepEqual(blocked?.fix === 'replace' ? blocked.replacements.map((r) => r.newText) : [], ['true', 'true'], 'UsePassportForWork false -> windowsHelloForBusinessBlocked true');
  assert.equal(renderGraphWhfbFix(model, { kind: 'set-value', title: 'x', setting: upper, value: 7 }), undefined, 'no Graph member means 7');

  const enrollment = parse('enrollment/whfb-enrollment.json');
  const state = enrollment.settings.find((setting) => setting.settingDefinitionId?.value === 'state')!;
  const disabled = renderGraphWhfbFix(enrollment, { kind: 'set-value', title: 'x', setting: state, value: false });
  assert.deepEqual(disabled?.fix === 'replace' ? disabled.replacements.map((r) => r.newText) : [], ['disabled']);
  assert.ok(graphPropertyMapping('#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration', 'state'));
});

test('hover on a Graph property or an intent id explains the CSP node it sets', () => {
  const ls = service();
  const { text, position } = caret(fixture('identity-protection/identity-protection.json').text.replace('"pinMinimumLength"', '"pinMin|imumLength"'));
  const hover = ls.hover({ uri: 'file:///p/ip.json', version: 1, text }, position);
  assert.match(hover?.contents.value ?? '', /MinimumPINLength/);
  const intent = caret(fixture('intents/account-protection-intent.json').text.replace('Configuration_pinMinimumLength', 'Configuration_pinMin|imumLength'));
  assert.match(ls.hover({ uri: 'file:///p/intent.json', version: 1, text: intent.text }, intent.position)?.contents.value ?? '', /MinimumPINLength/);
  const value = caret(fixture('enrollment/whfb-enrollment.json').text.replace('"pinUppercaseCharactersUsage": "disallowed"', '"pinUppercaseCharactersUsage": "disal|lowed"'));
  const onValue = ls.hover({ uri: 'file:///p/e.json', version: 1, text: value.text }, value.position)?.contents.value ?? '';
  assert.match(onValue, /`disallowed` sets `UppercaseLetters` to `2`: Does not allow/);
});

test('completion offers the mapped property names, enum members and intent ids', () => {
  const ls = service();
  const base = fixture('enrollment/whfb-enrollment.json').text;
  const key = caret(base.replace('  "priority": 0,', '  "priority": 0,\n  "pin|'));
  const keys = ls.complete({ uri: 'file:///p/e.json', version: 1, text: key.text }, key.position).items.map((item) => item.label);
  assert.ok(keys.includes('pinMinimumLength') && keys.includes('state') && keys.includes('securityKeyForSignIn'), keys.join());
  const member = caret(base.replace('"pinSpecialCharactersUsage": "disallowed"', '"pinSpecialCharactersUsage": "|'));
  assert.deepEqual(ls.complete({ uri: 'file:///p/e.json', version: 1, text: member.text }, member.position).items.map((item) => item.label), ['allowed', 'required', 'disallowed']);
  const profile = caret(fixture('identity-protection/identity-protection.json').text.replace('"pinSpecialCharactersUsage":  "notConfigured"', '"pinSpecialCharactersUsage":  "|'));
  assert.deepEqual(ls.complete({ uri: 'file:///p/ip.json', version: 1, text: profile.text }, profile.position).items.map((item) => item.label), ['blocked', 'required', 'allowed', 'notConfigured']);
  const id = caret(fixture('intents/account-protection-intent.json').text.replace('"definitionId": "deviceConfiguration--windowsIdentityProtectionConfiguration_pinMinimumLength"', '"definitionId": "deviceConfiguration--|'));
  const ids = ls.complete({ uri: 'file:///p/i.json', version: 1, text: id.text }, id.position).items.map((item) => item.label);
  assert.ok(ids.includes('deviceConfiguration--windowsIdentityProtectionConfiguration_pinMinimumLength'), ids.join());
});

test('a tenant-wide policy turned off is not "Windows Hello for Business turned off" (WHFB131): disabling it is the usual practice', () => {
  const text = readFileSync(join(FIXTURES, 'whfb-yaml', 'WHFB131-bad.whfb.yaml'), 'utf8');
  const model = policyYamlAdapter.parse(text, 'whfb-yaml', catalog);
  assert.ok(runRules(model, catalog, { ruleSeverity: {} })?.some((item) => item.code === 'WHFB131'), 'a profile turned off is reported');
  const tenantWide: PolicyModel = { ...model, policyScope: 'tenant-wide' };
  assert.ok(!runRules(tenantWide, catalog, { ruleSeverity: {} })?.some((item) => item.code === 'WHFB131'));
});
