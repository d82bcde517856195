/** Quick fixes: applying each one and validating again shows the problem gone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { applyEdits, fixture, service } from './helpers';

const URI = 'file:///work/fix.whfb.yaml';

/** Applies the first action whose title matches, for the first diagnostic with `code`. */
function fix(text: string, code: string, title: RegExp): { text: string; before: Diagnostic[]; after: Diagnostic[] } {
  const ls = service();
  const before = ls.validate({ uri: URI, version: 1, text });
  const reported = before.filter((d) => d.code === code);
  assert.ok(reported.length > 0, `${code} is reported`);
  const offered = reported.map((diagnostic) => ({ diagnostic, actions: ls.codeActions({ uri: URI, version: 1, text }, diagnostic.range, [diagnostic]) }));
  const match = offered.find((candidate) => candidate.actions.some((action) => title.test(action.title)));
  assert.ok(match, `an action matching ${title} (got: ${offered.flatMap((o) => o.actions.map((a) => a.title)).join('; ')})`);
  const { diagnostic } = match;
  const action = match.actions.find((candidate) => title.test(candidate.title))!;
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [diagnostic]);
  const fixed = applyEdits(text, action.edit.changes[URI]);
  const after = ls.validate({ uri: URI, version: 2, text: fixed });
  return { text: fixed, before, after };
}

const CASES: [string, string, RegExp][] = [
  ['WHFB101-bad.whfb.yaml', 'WHFB101', /^Change to .*MinimumPINLength$/],
  ['WHFB102-bad.whfb.yaml', 'WHFB102', /^Change type to int$/],
  ['WHFB104-bad.whfb.yaml', 'WHFB104', /^Remove the braces$/],
  ['WHFB105-bad.whfb.yaml', 'WHFB105', /^Use \{TenantId\}$/],
  ['WHFB130-bad.whfb.yaml', 'WHFB130', /^Add UseCloudTrustForOnPremAuth = true$/],
  ['WHFB134-bad.whfb.yaml', 'WHFB134', /^Add UsePassportForWork = true$/],
  ['WHFB131-bad.whfb.yaml', 'WHFB131', /^Set UsePassportForWork to true$/],
  ['WHFB133-bad.whfb.yaml', 'WHFB133', /^Set UseCloudTrustForOnPremAuth to false$/],
  ['WHFB135-bad.whfb.yaml', 'WHFB135', /^Set DisablePostLogonProvisioning to false$/],
  ['WHFB161-bad.whfb.yaml', 'WHFB161', /^Change to "Use Windows Hello for Business"$/],
  ['WHFB171-bad.whfb.yaml', 'WHFB171', /^Use UseBiometrics/],
  ['WHFB190-bad.whfb.yaml', 'WHFB190', /^Add RequireSecurityDevice = true$/],
];

for (const [file, code, title] of CASES) {
  test(`${code}: the quick fix removes the finding`, () => {
    const { after } = fix(fixture(file), code, title);
    const remaining = after.filter((d) => d.code === code);
    // WHFB130-bad and WHFB104-bad have two findings each: one fix removes one of them.
    assert.ok(remaining.length < (code === 'WHFB130' || code === 'WHFB104' ? 2 : 1), `${code} still reported: ${remaining.map((d) => d.message).join('; ')}`);
    assert.deepEqual(after.filter((d) => d.code === 'WHFB001' || d.code === 'WHFB002'), [], 'the fix leaves a well-formed file');
  });
}

test('the contradiction fix flips the value, and both WHFB130 fixes leave the file clean of WHFB130', () => {
  const first = fix(fixture('WHFB130-bad.whfb.yaml'), 'WHFB130', /^Set UseCertificateForOnPremAuth to false$/);
  assert.match(first.text, /UseCertificateForOnPremAuth\n {4}type: bool\n {4}value: false/);
  const second = fix(first.text, 'WHFB130', /^Add UseCloudTrustForOnPremAuth = true$/);
  assert.deepEqual(second.after.filter((d) => d.code === 'WHFB130'), []);
});

test('WHFB105 without tenantId: the fix adds the tenant GUID another OMA-URI spells out', () => {
  const text = fixture('WHFB105-bad-missing-tenant.whfb.yaml').replace('settings:\n', 'settings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/PINComplexity/Digits\n    type: int\n    value: 1\n');
  const { text: fixed, after } = fix(text, 'WHFB105', /^Add tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301$/);
  assert.match(fixed, /^whfb: 1\ntenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\n/);
  assert.deepEqual(after.map((d) => d.code), []);
});

test('the inserted setting goes at the end of settings with the entries\' indentation', () => {
  const { text } = fix(fixture('WHFB190-bad.whfb.yaml'), 'WHFB190', /^Add RequireSecurityDevice/);
  assert.match(text, /value: true\n {2}- omaUri: \.\/Device\/Vendor\/MSFT\/PassportForWork\/\{TenantId\}\/Policies\/RequireSecurityDevice\n {4}type: bool\n {4}value: true\n$/);
});

test('an empty `settings: []` becomes a block list when a fix adds a setting', () => {
  const text = 'whfb: 1\ntenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\ndeployment:\n  model: hybrid\n  trust: key\n  management: intune\nsettings: []\n';
  const { text: fixed, after } = fix(text, 'WHFB134', /^Add UsePassportForWork = true$/);
  assert.match(fixed, /settings:\n {2}- omaUri: .*UsePassportForWork\n {4}type: bool\n {4}value: true\n$/);
  assert.deepEqual(after.map((d) => d.code), ['WHFB190']);
});

test('"ignore" inserts a whfb-ignore comment above the entry, which silences the finding', () => {
  const { text, after } = fix(fixture('WHFB103-bad.whfb.yaml'), 'WHFB103', /^Ignore WHFB103 for this entry$/);
  assert.match(text, /\n {2}# whfb-ignore WHFB103\n {2}- omaUri: .*MinimumPINLength\n/);
  assert.equal(after.filter((d) => d.code === 'WHFB103').length, 2, 'only that entry is silenced');
});

test('a second ignore on the same entry extends the existing comment', () => {
  const text = fixture('WHFB103-bad.whfb.yaml').replace('  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/Digits', '  # whfb-ignore WHFB150\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/Digits');
  const ls = service();
  const diagnostics = ls.validate({ uri: URI, version: 1, text });
  const digits = diagnostics.find((d) => d.code === 'WHFB103' && /Digits/.test(d.message));
  assert.ok(digits);
  const action = ls.codeActions({ uri: URI, version: 1, text }, digits.range, [digits]).find((a) => a.title.startsWith('Ignore'));
  assert.ok(action);
  assert.match(applyEdits(text, action.edit.changes[URI]), /# whfb-ignore WHFB150, WHFB103\n/);
});

test('a fix edits only inside the ranges it announces', () => {
  const text = fixture('WHFB101-bad.whfb.yaml');
  const ls = service();
  const [diagnostic] = ls.validate({ uri: URI, version: 1, text });
  const [action] = ls.codeActions({ uri: URI, version: 1, text }, diagnostic.range, [diagnostic]);
  const [edit] = action.edit.changes[URI];
  assert.equal(edit.range.start.line, diagnostic.range.start.line);
  assert.ok(edit.range.start.character >= diagnostic.range.start.character && edit.range.end.character <= diagnostic.range.end.character);
});
