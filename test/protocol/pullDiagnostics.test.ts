/**
 * A client that declares pull diagnostics (textDocument/diagnostic) gets a diagnostic provider,
 * asks for diagnostics itself and is not pushed any; settings changes ask it to refresh.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';
import { NO_SECURITY_DEVICE_POLICY, PACKAGE_JSON, TYPO_LINE, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 30_000 };
let client: LspTestClient;
let capabilities: any;
let whfbSettings: Record<string, unknown> = { validation: { delay: 0 } };

before(async () => {
  const started = await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: () => whfbSettings });
  client = started.client;
  capabilities = started.initializeResult.capabilities;
}, TIMEOUT);

after(() => client?.kill());

test('the server announces a diagnostic provider to a pull client', () => {
  // The client declares workspace.diagnostics too: the closed files of the workspace are pulled (workspacePullDiagnostics.test.ts).
  assert.deepEqual(capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: true });
});

test('textDocument/diagnostic answers a full report with the findings, then "unchanged" for the same version', TIMEOUT, async () => {
  const uri = 'file:///workspace/pull-typo.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, TYPO_POLICY);
  const report: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  const typo = report.items.find((d: any) => d.code === 'WHFB101');
  assert.ok(typo, `WHFB101 expected, got ${JSON.stringify(report.items.map((d: any) => d.code))}`);
  assert.equal(typo.range.start.line, TYPO_LINE);
  assert.ok(typo.codeDescription?.href);

  const again: any = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
  assert.equal(again.kind, 'unchanged');
  assert.equal(again.resultId, report.resultId);
});

test('a new version whose findings did not change is answered "unchanged" with its own result id; a changed one in full', TIMEOUT, async () => {
  const uri = 'file:///workspace/pull-same-findings.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, TYPO_POLICY);
  const first: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual(first.items.map((d: any) => d.code).sort(), ['WHFB101', 'WHFB190'], 'the typo, and RequireSecurityDevice missing');
  const edit = (version: number, line: number, character: number, length: number, text: string) => client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + length } }, text }],
  });
  // Another tenant GUID (same length, no line moves): the findings are the ones the client holds.
  await edit(2, 1, 'tenantId: '.length, 1, '4');
  const same: any = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
  assert.equal(same.kind, 'unchanged');
  assert.notEqual(same.resultId, first.resultId, 'the answer names the new version');
  // The typo fixed: a full answer without it.
  const typoAt = TYPO_POLICY.split('\n')[TYPO_LINE]!.indexOf('Devise');
  await edit(3, TYPO_LINE, typoAt, 'Devise'.length, 'Device');
  const fixed: any = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: same.resultId });
  assert.equal(fixed.kind, 'full');
  assert.deepEqual(fixed.items, []);
  // An earlier result id the client no longer holds gets the full answer.
  await edit(4, 1, 'tenantId: '.length, 1, '3');
  const stale: any = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
  assert.equal(stale.kind, 'full');
  assert.deepEqual(stale.items, []);
});

test('a non-policy document gets an empty report', TIMEOUT, async () => {
  const uri = 'file:///workspace/package.json';
  await client.open(uri, 'json', 1, PACKAGE_JSON);
  const report: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual(report.items, []);
});

test('a settings change asks the client to refresh, and the next pull reflects it', TIMEOUT, async () => {
  const uri = 'file:///workspace/pull-no-tpm.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
  const first: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.deepEqual(first.items.map((d: any) => d.code), ['WHFB190']);

  const beforeChange = client.mark();
  whfbSettings = { ...whfbSettings, rules: { WHFB190: 'off' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitForMessage((m) => m.method === 'workspace/diagnostic/refresh', beforeChange);
  const second: any = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
  assert.equal(second.kind, 'full', 'new settings make the old result stale');
  assert.deepEqual(second.items, []);
});

test('a pull client is never pushed diagnostics', TIMEOUT, async () => {
  // A round trip after the opens above: any push would have arrived before this answer.
  await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///workspace/pull-typo.whfb.yaml' } });
  assert.deepEqual(client.published, []);
});

test('shutdown and exit end the process with status 0', TIMEOUT, async () => {
  assert.equal(await client.stop(), 0);
});
