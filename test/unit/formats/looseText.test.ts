import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looseTextAdapter } from '../../../server/src/formats/looseText';
import { findOmaUris } from '../../../server/src/formats/omaUriScanner';
import { catalog, fixture, positionAt, textAt } from './fixtures';

test('a Markdown runbook: one path-only setting per covered OMA-URI, with exact ranges', () => {
  const input = fixture('text/whfb-runbook.md', 'markdown');
  assert.equal(looseTextAdapter.detect(input), 'text');
  const model = looseTextAdapter.parse(input.text, 'text', catalog);
  assert.deepEqual(model.findings, []);
  // The Defender OMA-URI is outside the catalog; the legacy ./Vendor root and a sentence's full stop are handled.
  assert.deepEqual(model.settings.map((setting) => setting.node?.name), [
    'UsePassportForWork', 'UseCloudTrustForOnPremAuth', 'CloudKerberosTicketRetrievalEnabled', 'RequireSecurityDevice',
  ]);
  assert.ok(model.settings.every((setting) => setting.value === undefined && setting.type === undefined));
  const legacy = model.settings[3]!;
  assert.equal(textAt(input.text, legacy.omaUri!.range), './Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice');
  assert.deepEqual(positionAt(input.text, legacy.omaUri!.range.start), { line: 12, character: 17 });
  const first = model.settings[0]!;
  assert.deepEqual(positionAt(input.text, first.omaUri!.range.start), { line: 6, character: 17 });
});

test('loose text silences every rule that is not about the path itself', () => {
  const input = fixture('text/whfb-runbook.md', 'markdown');
  const model = looseTextAdapter.parse(input.text, 'text', catalog);
  for (const code of ['WHFB101', 'WHFB104', 'WHFB171']) assert.ok(!model.ignoredCodes?.includes(code), code);
  for (const code of ['WHFB105', 'WHFB106', 'WHFB130', 'WHFB131', 'WHFB150', 'WHFB190']) assert.ok(model.ignoredCodes?.includes(code), code);
});

test('a PowerShell script: interpolated URIs are skipped, whfb-ignore comments are honoured', () => {
  const input = fixture('text/Set-WhfbPolicy.ps1');
  assert.equal(looseTextAdapter.detect(input), 'text');
  const model = looseTextAdapter.parse(input.text, 'text', catalog);
  assert.equal(model.settings.length, 2);
  assert.equal(model.settings[0]!.node?.name, 'UsePassportForWork');
  assert.equal(model.settings[1]!.node, undefined);
  assert.deepEqual(model.settings[1]!.ignoredCodes, ['WHFB101']);
});

test('text without a covered OMA-URI, or of another language, is not claimed', () => {
  assert.equal(looseTextAdapter.detect(fixture('text/plain-notes.md')), undefined);
  assert.equal(looseTextAdapter.detect({ uri: 'file:///x.md', text: 'see ./Device/Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring' }), undefined);
  assert.equal(looseTextAdapter.detect({ uri: 'file:///x.ts', languageId: 'typescript', text: "'./Device/Vendor/MSFT/PassportForWork'" }), undefined);
  assert.equal(looseTextAdapter.detect({ uri: 'untitled:1', languageId: 'plaintext', text: './Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork' }), 'text');
});

test('a 100,000-character OMA-URI is one linear match', () => {
  const long = `./Device/Vendor/MSFT/PassportForWork/${'a'.repeat(100_000)}`;
  const found = findOmaUris(`x ${long} y`);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.text.length, long.length);
  const dots = findOmaUris(`./Vendor/MSFT/${'.'.repeat(100_000)}x ${'./'.repeat(50_000)}`);
  assert.equal(dots.length, 1);
});
