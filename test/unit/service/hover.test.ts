/** Hover with a `|` caret: nodes, deployment values, Group Policy names, rule codes in ignore comments. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caret, P, service, TENANT } from './helpers';

function hover(marked: string, uri = 'file:///work/h.whfb.yaml', languageId?: string) {
  const { text, position } = caret(marked);
  return service().hover({ uri, languageId, version: 1, text }, position);
}

const HEAD = `whfb: 1\ntenantId: ${TENANT}\n`;

test('an OMA-URI: description, format, allowed values, defaults, builds, scope, GP, Settings Catalog id, links', () => {
  const result = hover(`${HEAD}settings:\n  - omaUri: ${P}/UseCloud|TrustForOnPremAuth\n    type: bool\n    value: true\n`);
  assert.ok(result);
  const markdown = result.contents.value;
  for (const expected of [/\*\*UseCloudTrustForOnPremAuth\*\*/, /\*\*Format:\*\* bool/, /\*\*Scope:\*\* device/, /`true` Enabled/, /\*\*Default:\*\*/, /10\.0\.19044\.1566/, /\*\*Group Policy:\*\* Use cloud trust for on-premises authentication/, /device_vendor_msft_passportforwork_\{tenantid\}_policies_usecloudtrustforonpremauth/, /\(https:\/\/learn\.microsoft\.com\/windows\/client-management\/mdm\/passportforwork-csp#/]) {
    assert.match(markdown, expected);
  }
  assert.deepEqual(result.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 95 } });
});

test('deployment values: what the guides say the model needs', () => {
  const result = hover(`${HEAD}deployment:\n  model: hybrid\n  trust: cloud-ker|beros\n  management: intune\n`);
  assert.ok(result);
  assert.match(result.contents.value, /Cloud Kerberos trust deployment guide/);
  assert.match(result.contents.value, /Prerequisites/);
  assert.match(result.contents.value, /\(https:\/\/learn\.microsoft\.com\/.*hybrid-cloud-kerberos-trust/);
});

test('a Group Policy name: its MDM mapping', () => {
  const result = hover(`${HEAD}settings: []\ngroupPolicy:\n  - policy: Use a hardware| security device\n    scope: computer\n    state: enabled\n`);
  assert.match(result?.contents.value ?? '', /RequireSecurityDevice/);
});

test('a rule code in a whfb-ignore comment: the rule', () => {
  const result = hover(`${HEAD}settings:\n  # whfb-ignore WHFB1|50\n  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true\n`);
  assert.match(result?.contents.value ?? '', /\*\*WHFB150\*\* \(duplicate-setting/);
});

test('an OMA-URI in loose text (PowerShell)', () => {
  const result = hover(`$uri = "./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/RequireSec|urityDevice"\n`, 'file:///work/set.ps1', 'powershell');
  assert.match(result?.contents.value ?? '', /\*\*RequireSecurityDevice\*\*/);
});

test('nothing to say: null (a key is explained from the schema, issue 12 point 6; its free-text value is not)', () => {
  assert.match(hover(`${HEAD}na|me: x\n`)?.contents.value ?? '', /\*\*name\*\* \(top-level key\)/);
  assert.equal(hover(`${HEAD}name: pi|lot\n`), null);
});

test('a node whose guide section says otherwise about "not configured" than the DDF shows both, marked', () => {
  // Guide (policy-settings includes): "If you don't configure this policy setting, Windows allows,
  // but doesn't require, digits in the PIN"; the DDF: "If you do not configure this policy
  // setting, Windows Hello for Business requires users to use digits in their PIN."
  for (const [name, guideWords] of [['Digits', 'digits'], ['UppercaseLetters', 'uppercase letters'], ['LowercaseLetters', 'lowercase letters'], ['SpecialCharacters', 'special characters']]) {
    const markdown = hover(`${HEAD}settings:\n  - omaUri: ${P}/PINComplexity/${name}|\n    type: int\n    value: 1\n`)?.contents.value ?? '';
    const line = markdown.split('\n').find((l) => l.startsWith('**Not configured:**')) ?? '';
    assert.match(line, new RegExp(`Windows allows, but doesn't require, ${guideWords} in the PIN`), `${name}: the guide's sentence`);
    assert.match(line, /the DDF description says: .* ⚠ the sources disagree/, `${name}: the disagreement is marked`);
  }
  // The same mark where the guide names another number (6 against the DDF's 4).
  assert.match(hover(`${HEAD}settings:\n  - omaUri: ${P}/PINComplexity/MinimumPINLength|\n    type: int\n    value: 6\n`)?.contents.value ?? '', /\*\*Not configured:\*\* .*greater than or equal to 6.* ⚠ the sources disagree/);
  // Same behaviour in other words is no disagreement: no extra line.
  for (const name of ['UseCloudTrustForOnPremAuth', 'EnablePinRecovery', 'RequireSecurityDevice', 'UsePassportForWork', 'PINComplexity/MaximumPINLength']) {
    const markdown = hover(`${HEAD}settings:\n  - omaUri: ${P}/${name}|\n    type: bool\n    value: true\n`)?.contents.value ?? '';
    assert.match(markdown, new RegExp(`^\\*\\*${name.replace(/^.*\//, '')}\\*\\*`), `${name} is explained`);
    assert.doesNotMatch(markdown, /Not configured/, name);
  }
});
