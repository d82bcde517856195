/**
 * Equal help in Intune exports (issue 12 point 2): Settings Catalog JSON and IntuneCD YAML get the
 * completion, hover and quick fixes the policy file has; a custom profile gets its value fixes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Position } from '../../../server/src/lsp/protocolTypes';
import { applyEdits, ROOT, service } from './helpers';

const JSON_URI = 'file:///work/exports/account-protection.json';
const YAML_URI = 'file:///work/intunecd/cloud-kerberos-trust.yaml';
const jsonExport = readFileSync(join(ROOT, 'test/fixtures/settings-catalog/account-protection.json'), 'utf8');
const yamlExport = readFileSync(join(ROOT, 'test/fixtures/intunecd/cloud-kerberos-trust.yaml'), 'utf8');

function positionOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const USE_ID = 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork';

for (const [format, uri, text] of [['Settings Catalog JSON', JSON_URI, jsonExport], ['IntuneCD YAML', YAML_URI, yamlExport]] as const) {
  test(`${format}: settingDefinitionId completes from the catalog, within the policy's CSP areas`, () => {
    const ls = service();
    const list = ls.complete({ uri, version: 1, text }, positionOf(text, `${USE_ID}\n`.startsWith(USE_ID) && format === 'IntuneCD YAML' ? `settingDefinitionId: ${USE_ID}` : `"settingDefinitionId": "${USE_ID}"`, format === 'IntuneCD YAML' ? 25 : 30));
    const labels = list.items.map((item) => item.label);
    assert.ok(labels.includes('device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_digits'), labels.slice(0, 5).join(', '));
    assert.ok(labels.every((label) => /^(device|user)_vendor_msft_(passportforwork|policy_config_kerberos)/.test(label)), 'only the CSP areas the policy configures');
    assert.ok(list.items.every((item) => item.textEdit && 'range' in item.textEdit), 'each item replaces the id being typed');
  });

  test(`${format}: a choice value completes with each option's meaning; hover explains the chosen one`, () => {
    const ls = service();
    const at = positionOf(text, `${USE_ID}_true`, 40);
    const list = ls.complete({ uri, version: 1, text }, at);
    const labels = list.items.map((item) => item.label);
    assert.deepEqual(labels.slice().sort(), [`${USE_ID}_false`, `${USE_ID}_true`]);
    const chosen = list.items.find((item) => item.label === `${USE_ID}_true`)!;
    assert.match(chosen.detail ?? '', /true: Enabled · default/);
    const hover = ls.hover({ uri, version: 1, text }, at);
    assert.match(hover?.contents.value ?? '', /\*\*UsePassportForWork\*\* = `true`/);
    assert.match(hover?.contents.value ?? '', /Means: Enabled/);
  });
}

test('Settings Catalog JSON: a simple value completes with its default and range, and its hover says both', () => {
  const ls = service();
  const at = positionOf(jsonExport, '"value": 8', 10);
  const list = ls.complete({ uri: JSON_URI, version: 1, text: jsonExport }, at);
  assert.deepEqual(list.items.map((item) => `${item.label} ${item.detail ?? ''}`.trim()), ['4 default (DDF)', '6 default (guide)', '127']);
  const hover = ls.hover({ uri: JSON_URI, version: 1, text: jsonExport }, positionOf(jsonExport, '"value": 8', 9));
  assert.match(hover?.contents.value ?? '', /\*\*Range:\*\* 4 to 127/);
  assert.match(hover?.contents.value ?? '', /`4` \(DDF\) · `6` \(guide: .+\) ⚠ the DDF and the guide disagree/);
});

function fixesFor(uri: string, text: string, code: string) {
  const ls = service();
  const diagnostics = ls.validate({ uri, version: 1, text });
  const diagnostic = diagnostics.find((item) => item.code === code);
  assert.ok(diagnostic, `${code} in ${diagnostics.map((item) => `${item.code} ${item.message}`).join('\n')}`);
  const actions = ls.codeActions({ uri, version: 1, text }, diagnostic.range, [diagnostic]).filter((action) => !action.title.startsWith('Ignore'));
  return { diagnostic, actions, apply: (index = 0) => applyEdits(text, actions[index].edit.changes[uri]) };
}

test('Settings Catalog JSON: an out-of-range value, a misspelt id and a wrong value type have quick fixes', () => {
  const outOfRange = jsonExport.replace('"value": 8', '"value": 200');
  const range = fixesFor(JSON_URI, outOfRange, 'WHFB103');
  assert.equal(range.actions[0]?.title, 'Change to 127 (the largest value allowed)');
  assert.match(range.apply(), /"value": 127/);
  assert.deepEqual(service().validate({ uri: JSON_URI, version: 2, text: range.apply() }).filter((item) => item.code === 'WHFB103'), []);

  const typo = jsonExport.replace(/policies_requiresecuritydevice/g, 'policies_requiresecuritydevise');
  const fixed = fixesFor(JSON_URI, typo, 'WHFB101');
  assert.match(fixed.diagnostic.message, /Did you mean device_vendor_msft_passportforwork_\{tenantid\}_policies_requiresecuritydevice\?/);
  assert.equal(fixed.apply(), jsonExport, 'the id and the choice value\'s id prefix are both corrected');

  const wrongType = jsonExport.replace('deviceManagementConfigurationIntegerSettingValue",\n                  "value": 8', 'deviceManagementConfigurationStringSettingValue",\n                  "value": 8');
  assert.notEqual(wrongType, jsonExport);
  const type = fixesFor(JSON_URI, wrongType, 'WHFB102');
  assert.equal(type.apply(), jsonExport);
});

test('IntuneCD YAML: an out-of-range value is fixed in place', () => {
  const text = yamlExport.replace(/value: 6\n/, 'value: 2\n');
  const { actions, apply } = fixesFor(YAML_URI, text, 'WHFB103');
  assert.equal(actions[0]?.title, 'Change to 4 (the smallest value allowed)');
  assert.match(apply(), /value: 4\n/);
});

test('hover on keys: the policy file\'s schema description; trust and model add the chosen model\'s summary', () => {
  const text = readFileSync(join(ROOT, 'examples/hybrid-cloud-kerberos-trust.whfb.yaml'), 'utf8');
  const ls = service();
  const hoverAt = (needle: string, delta: number) => ls.hover({ uri: 'file:///work/k.whfb.yaml', version: 1, text }, positionOf(text, needle, delta))?.contents.value ?? '';
  assert.match(hoverAt('  trust:', 3), /\*\*trust\*\* \(key of deployment\)[\s\S]*Trust type[\s\S]*This policy: \*\*.*[Cc]loud Kerberos.*\*\*[\s\S]*\[Open the guide\]\(https:\/\/learn\.microsoft\.com\//);
  assert.match(hoverAt('  model:', 3), /\*\*model\*\* \(key of deployment, required\)/);
  assert.match(hoverAt('deployment:', 2), /\*\*deployment\*\* \(top-level key/);
  assert.match(hoverAt('    type: int', 5), /\*\*type\*\* \(key of a settings entry, required\)[\s\S]*Data type of the value/);
  const value = hoverAt('    value: 1\n', 11);
  assert.match(value, /\*\*CloudKerberosTicketRetrievalEnabled\*\* = `1`/);
  assert.match(value, /Means: /);
  assert.match(value, /\*\*Default:\*\*/);
});

test('hover on an export key says what the Graph key is', () => {
  const ls = service();
  const hover = ls.hover({ uri: JSON_URI, version: 1, text: jsonExport }, positionOf(jsonExport, '"choiceSettingValue"', 3));
  assert.match(hover?.contents.value ?? '', /\*\*choiceSettingValue\*\*[\s\S]*<settingDefinitionId>_<option>/);
});

test('the OMA-URI hover is compact: essentials first, then the description, then the links, within one hover height', () => {
  const text = `whfb: 1\nsettings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/Digits\n    type: int\n    value: 1\n`;
  const markdown = service().hover({ uri: 'file:///work/c.whfb.yaml', version: 1, text }, positionOf(text, 'Digits', 2))?.contents.value ?? '';
  const order = ['**Digits**', '**Format:**', '**Allowed values:**', '**Default:**', '**Settings Catalog id:**', 'CSP reference]('];
  const positions = order.map((part) => markdown.indexOf(part));
  assert.ok(positions.every((at) => at >= 0), `${order.filter((_, i) => positions[i] < 0).join(', ')} missing:\n${markdown}`);
  assert.deepEqual(positions, positions.slice().sort((a, b) => a - b), `essentials, then description, then links:\n${markdown}`);
  const description = markdown.indexOf('\n\n');
  assert.ok(description > markdown.indexOf('**Settings Catalog id:**'), 'the description comes after the essentials');
  assert.ok(markdown.split('\n').length <= 16, `${markdown.split('\n').length} lines`);
  assert.ok(markdown.length <= 1800, `${markdown.length} characters`);
});

test('custom profile JSON: a value completes from its node; a wrong @odata.type and an out-of-range value have quick fixes', () => {
  const uri = 'file:///work/exports/custom-profile.json';
  const text = readFileSync(join(ROOT, 'test/fixtures/custom-profile/whfb-custom-profile.json'), 'utf8');
  const ls = service();
  const items = ls.complete({ uri, version: 1, text }, positionOf(text, '"value": 1\n', 10)).items.map((item) => item.label);
  assert.deepEqual(items.sort(), ['0', '1']);
  const bools = ls.complete({ uri, version: 1, text }, positionOf(text, '"value": true', 13)).items.map((item) => item.label);
  assert.deepEqual(bools.sort(), ['false', 'true']);

  const wrongType = text.replace('"#microsoft.graph.omaSettingInteger"', '"#microsoft.graph.omaSettingString"');
  const type = fixesFor(uri, wrongType, 'WHFB102');
  assert.equal(type.apply(), text);
  const outOfRange = fixesFor(uri, text.replace('"value": 1\n', '"value": 7\n'), 'WHFB103');
  assert.match(outOfRange.apply(), /"value": 0\n/, outOfRange.actions.map((action) => action.title).join(', '));
});
