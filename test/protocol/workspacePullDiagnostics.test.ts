/**
 * A client that pulls workspace diagnostics (LSP 3.17 workspace/diagnostic, as vscode-languageclient
 * does) gets the closed files' diagnostics through that request and none pushed: nothing is opened,
 * the first answer holds every closed policy file; a later request with the result ids answers only
 * when something changed (a file rewritten or deleted on disk), and with a partialResultToken the
 * request stays open and reports each change as a partial result until it is cancelled.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';
import { CROSS_FILE_FIXTURES, makeCrossFileWorkspace, startOnCrossFileWorkspace } from './crossFileWorkspace';

const TIMEOUT = { timeout: 60_000 };
const fixtures = CROSS_FILE_FIXTURES;
let client: LspTestClient;
let initializeResult: any;
let folder: string;
let certificate: string;
let kerberos: string;
let excluded: string;

interface Report { kind: 'full' | 'unchanged'; uri: string; resultId?: string; version: number | null; items?: { code?: string; message: string; relatedInformation?: { location: { uri: string } }[] }[] }

/** Result ids the client holds, as it sends them back. */
const resultIds = new Map<string, string>();
function remember(items: Report[]): void {
  for (const item of items) if (item.resultId) resultIds.set(item.uri, item.resultId);
}
function previousResultIds(): { uri: string; value: string }[] {
  return [...resultIds].map(([uri, value]) => ({ uri, value }));
}
function watched(uri: string, type: 1 | 2 | 3): Promise<void> {
  return client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
}

before(async () => {
  const workspace = makeCrossFileWorkspace('whfb-workspace-pull-');
  ({ folder, certificate, kerberos, excluded } = workspace);
  const started = await startOnCrossFileWorkspace(workspace, PULL_CAPABILITIES);
  client = started.client;
  initializeResult = started.initializeResult;
}, TIMEOUT);

after(() => {
  client?.kill();
  rmSync(folder, { recursive: true, force: true });
});

test('the server declares workspace diagnostics to a client that pulls them', () => {
  assert.equal(initializeResult.capabilities.diagnosticProvider?.workspaceDiagnostics, true);
});

test('with nothing open, the first workspace pull reports every closed policy file, with the cross-file finding and its related location', TIMEOUT, async () => {
  const answer = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
  remember(answer.items);
  const byUri = new Map(answer.items.map((item) => [item.uri, item]));
  assert.deepEqual([...byUri.keys()].sort(), [certificate, kerberos].sort(), 'both policy files, not the excluded one');
  const finding = byUri.get(certificate)!.items!.find((item) => item.code === 'WHFB301');
  assert.ok(finding, 'the trust contradiction is reported on the closed file');
  assert.match(finding.message, /cloud-kerberos\.json/);
  assert.equal(finding.relatedInformation?.[0]?.location.uri, kerberos);
  assert.ok(answer.items.every((item) => item.kind === 'full' && item.version === null && typeof item.resultId === 'string'));
  assert.ok(!client.published.some((item) => item.uri === certificate || item.uri === kerberos || item.uri === excluded), 'no closed file is pushed as well: no duplicates in Problems');
  assert.ok(!client.published.some((item) => item.uri === excluded));
});

test('a pull with the current result ids waits; rewriting a closed file on disk answers it with the new reports', TIMEOUT, async () => {
  const pending = client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previousResultIds() });
  const kerberosText = readFileSync(join(fixtures, 'cloud-kerberos.json'), 'utf8').replace('"value": true', '"value": false');
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), kerberosText);
  await watched(kerberos, 2);
  const answer = await pending;
  remember(answer.items);
  const report = answer.items.find((item) => item.uri === certificate);
  assert.ok(report, 'the partner of the changed file is reported again');
  assert.equal(report.kind, 'full');
  assert.ok(!report.items!.some((item) => item.code === 'WHFB301'), 'the contradiction went away with the change');
  assert.equal(new Set(answer.items.map((item) => item.uri)).size, answer.items.length, 'one report per file');
  assert.ok(answer.items.every((item) => (item.kind === 'full' && Array.isArray(item.items)) || (item.kind === 'unchanged' && item.resultId === resultIds.get(item.uri))));
});

test('deleting a closed file on disk reports it empty', TIMEOUT, async () => {
  const pending = client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previousResultIds() });
  unlinkSync(join(folder, 'policies', 'cloud-kerberos.json'));
  await watched(kerberos, 3);
  const answer = await pending;
  remember(answer.items);
  const report = answer.items.find((item) => item.uri === kerberos);
  assert.deepEqual(report && { kind: report.kind, items: report.items }, { kind: 'full', items: [] });
  // Put it back: the next pull (with every result id, the deleted file's too) reports it anew.
  const again = client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previousResultIds() });
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), readFileSync(join(fixtures, 'cloud-kerberos.json')));
  await watched(kerberos, 1);
  const restored = await again;
  remember(restored.items);
  assert.ok(restored.items.find((item) => item.uri === certificate)?.items?.some((item) => item.code === 'WHFB301'), 'the contradiction is back');
  assert.ok(restored.items.some((item) => item.uri === kerberos && item.kind === 'full'));
});

test('with a partialResultToken the request stays open, reports each change as a partial result, and honours cancellation', TIMEOUT, async () => {
  const partialResultToken = 'workspace-partials';
  const from = client.mark();
  const source = new CancellationTokenSource();
  const pending = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: previousResultIds(), partialResultToken }, source.token)
    .then((value) => ({ value }), (error: { code?: number }) => ({ error }));
  const kerberosText = readFileSync(join(fixtures, 'cloud-kerberos.json'), 'utf8').replace('"value": true', '"value": false');
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), kerberosText);
  await watched(kerberos, 2);
  const progress = await client.waitForMessage((m) => m.method === '$/progress' && m.params.token === partialResultToken
    && m.params.value.items.some((item: Report) => item.uri === certificate), from);
  const report: Report = progress.params.value.items.find((item: Report) => item.uri === certificate);
  assert.ok(!report.items!.some((item) => item.code === 'WHFB301'));
  source.cancel();
  const outcome: any = await pending;
  assert.equal(outcome.error?.code, -32800, 'a cancelled workspace pull answers with RequestCancelled');
  assert.ok(!client.published.some((item) => item.uri === certificate || item.uri === kerberos), 'still nothing pushed for closed files');
});

test('an opened file is left to the document pull, and its cross-file finding follows its partner', TIMEOUT, async () => {
  const text = readFileSync(join(fixtures, 'account-protection.json'), 'utf8');
  await client.open(certificate, 'json', 1, text);
  // The partner on disk has cloud trust off now: no contradiction.
  const first: any = await client.request('textDocument/diagnostic', { textDocument: { uri: certificate } });
  assert.ok(!first.items.some((item: any) => item.code === 'WHFB301'));
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), readFileSync(join(fixtures, 'cloud-kerberos.json')));
  const refreshed = client.mark();
  await watched(kerberos, 2);
  await client.waitForMessage((m) => m.method === 'workspace/diagnostic/refresh', refreshed);
  const second: any = await client.request('textDocument/diagnostic', { textDocument: { uri: certificate }, previousResultId: first.resultId });
  assert.equal(second.kind, 'full', 'the partner changed: the same version is reported again, not "unchanged"');
  assert.ok(second.items.some((item: any) => item.code === 'WHFB301'));
  const answer = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
  assert.ok(!answer.items.some((item) => item.uri === certificate), 'the open document is not reported by the workspace pull');
});

test('a client that pulls document diagnostics but not workspace ones gets the closed files pushed', TIMEOUT, async () => {
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), readFileSync(join(fixtures, 'cloud-kerberos.json')));
  const { workspace: { diagnostics: _pullsWorkspace, ...workspace }, ...rest } = PULL_CAPABILITIES;
  const started = await LspTestClient.start({
    capabilities: { ...rest, workspace },
    settings: () => ({ validation: { delay: 10, exclude: ['archive/**'] } }),
    workspaceFolders: [pathToFileURL(folder).href],
  });
  try {
    assert.equal(started.initializeResult.capabilities.diagnosticProvider?.workspaceDiagnostics, false);
    const published = await started.client.waitForDiagnostics(certificate, (item) => item.diagnostics.some((d: any) => d.code === 'WHFB301'));
    assert.match(published.diagnostics.find((d: any) => d.code === 'WHFB301')!.message, /cloud-kerberos\.json/);
  } finally {
    started.client.kill();
  }
});
