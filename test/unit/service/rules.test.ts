/**
 * Every check of the design's table: a fixture that triggers it (codes AND ranges) and one that
 * does not. Ranges are zero-based line:character, as the editor receives them.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../server/src/model/ruleCodes';
import { CROSS_FILE_CODES, IMPLEMENTED_CODES } from '../../../server/src/rules/registry';
import { brief, fixture, ROOT, validate } from './helpers';

const EXPECTED_BAD: Record<string, string[]> = {
  WHFB001: ['14:4-14:5 WHFB001'],
  WHFB002: ['4:9-4:12 WHFB002', '16:4-16:10 WHFB002'],
  WHFB003: ['10:0-10:12 WHFB003'],
  WHFB101: ['13:12-13:99 WHFB101'],
  WHFB102: ['14:10-14:16 WHFB102'],
  WHFB103: ['15:11-15:14 WHFB103', '18:11-18:12 WHFB103', '21:11-21:14 WHFB103'],
  WHFB104: ['1:10-1:50 WHFB104', '13:49-13:59 WHFB104'],
  WHFB105: ['13:49-13:85 WHFB105'],
  WHFB106: ['13:12-13:82 WHFB106'],
  WHFB120: ['15:11-15:13 WHFB120'],
  WHFB130: ['15:11-15:15 WHFB130', '4:9-4:23 WHFB130'],
  WHFB131: ['8:11-8:16 WHFB131'],
  WHFB133: ['16:11-16:15 WHFB133'],
  WHFB134: ['4:9-4:12 WHFB134'],
  WHFB135: ['13:11-13:15 WHFB135'],
  WHFB140: ['5:18-5:36 WHFB140'],
  WHFB150: ['18:11-18:12 WHFB150'],
  WHFB160: ['5:14-5:18 WHFB160', '10:12-10:90 WHFB160'],
  WHFB161: ['14:12-14:41 WHFB161'],
  WHFB170: ['14:12-14:97 WHFB170'],
  WHFB171: ['13:12-13:62 WHFB171'],
  WHFB180: ['15:11-15:17 WHFB180'],
  WHFB181: ['15:11-15:23 WHFB181'],
  WHFB190: ['6:0-6:8 WHFB190'],
};

test('every rule code has a module and a pair of fixtures', () => {
  for (const rule of RULES) {
    assert.ok(IMPLEMENTED_CODES.has(rule.code), `${rule.code} has no implementation`);
    if (CROSS_FILE_CODES.includes(rule.code)) {
      // Judged over several files: a folder per example (test/unit/crossFile/crossFileRules.test.ts).
      for (const kind of ['bad', 'good']) assert.ok(existsSync(join(ROOT, 'test', 'fixtures', 'crossfile', `${rule.code}-${kind}`)), `crossfile/${rule.code}-${kind} is missing`);
      continue;
    }
    for (const kind of ['bad', 'good']) {
      assert.ok(existsSync(join(ROOT, 'test', 'fixtures', 'whfb-yaml', `${rule.code}-${kind}.whfb.yaml`)), `${rule.code}-${kind}.whfb.yaml is missing`);
    }
    assert.ok(EXPECTED_BAD[rule.code], `${rule.code} has no expectation in this test`);
  }
});

for (const [code, expected] of Object.entries(EXPECTED_BAD)) {
  test(`${code}: the bad fixture reports it at the right place, the good one is clean`, () => {
    const bad = validate(fixture(`${code}-bad.whfb.yaml`), `file:///fixtures/${code}-bad.whfb.yaml`);
    assert.deepEqual(bad.map(brief), expected);
    for (const diagnostic of bad) {
      assert.ok(diagnostic.message.length > 20, 'the message says what to do');
      assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\/learn\.microsoft\.com\//);
      assert.equal(diagnostic.source, 'whfb');
    }
    const good = validate(fixture(`${code}-good.whfb.yaml`), `file:///fixtures/${code}-good.whfb.yaml`);
    assert.deepEqual(good.map(brief), [], `${code}-good should have no finding`);
  });
}

test('WHFB105: {TenantId} without a tenantId points at each placeholder', () => {
  const diagnostics = validate(fixture('WHFB105-bad-missing-tenant.whfb.yaml'));
  assert.deepEqual(diagnostics.filter((d) => d.code === 'WHFB105').map(brief), ['6:49-6:59 WHFB105', '9:49-9:59 WHFB105']);
});

test('WHFB101 offers "did you mean" with the real node name', () => {
  const [diagnostic] = validate(fixture('WHFB101-bad.whfb.yaml'));
  // The unknown segment and the one meant, not the 90-character URI twice (issue 12 point 10).
  assert.equal(diagnostic.message, 'Unknown segment "MinimumPINLenght" under PINComplexity: did you mean MinimumPINLength?');
  assert.match(diagnostic.codeDescription?.href ?? '', /passportforwork-csp#devicetenantidpoliciespincomplexityminimumpinlength$/, "the code links the meant node's own section");
});

test('WHFB103 lists the allowed values with their meanings', () => {
  const diagnostics = validate(fixture('WHFB103-bad.whfb.yaml'));
  assert.match(diagnostics[0].message, /from 4 to 127/);
  assert.match(diagnostics[1].message, /Allowed: 0 \(.+\), 1 \(.+\), 2 \(.+\)/);
  assert.match(diagnostics[2].message, /true or false/);
});

test('contradictions carry related information pointing at the other place', () => {
  const diagnostics = validate(fixture('WHFB130-bad.whfb.yaml'));
  const contradiction = diagnostics.find((d) => d.range.start.line === 15);
  assert.ok(contradiction?.relatedInformation?.length);
  assert.equal(contradiction.relatedInformation[0].location.range.start.line, 4);
  const pin = validate(fixture('WHFB120-bad.whfb.yaml'))[0];
  assert.equal(pin.relatedInformation?.[0].location.range.start.line, 18);
});

test('without a deployment block, both trust flags on: certificate trust takes precedence (WHFB133)', () => {
  // Policy settings reference: "Cloud Kerberos trust is incompatible with certificate trust. If the
  // certificate trust policy setting is enabled, it takes precedence over this policy setting."
  const text = `whfb: 1
settings:
  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth
    type: bool
    value: true
  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCertificateForOnPremAuth
    type: bool
    value: true
`;
  const trust = validate(text).filter((d) => d.code === 'WHFB130' || d.code === 'WHFB133');
  assert.deepEqual(trust.map(brief), ['4:11-4:15 WHFB133']);
  assert.match(trust[0].message, /Windows uses certificate trust and ignores UseCloudTrustForOnPremAuth/);
});

test('cloud-only with a trust type, on-premises with cloud Kerberos, hybrid without trust: WHFB140', () => {
  const head = (deployment: string) => `whfb: 1\ntenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\ndeployment:\n${deployment}  management: group-policy\nsettings: []\n`;
  assert.deepEqual(validate(head('  model: cloud-only\n  trust: key\n')).map(brief), ['4:9-4:12 WHFB140']);
  assert.deepEqual(validate(head('  model: on-premises\n  trust: cloud-kerberos\n')).map(brief), ['4:9-4:23 WHFB140']);
  assert.deepEqual(validate(head('  model: hybrid\n')).filter((d) => d.code === 'WHFB140').map(brief), ['3:9-3:15 WHFB140']);
});
