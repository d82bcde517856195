/**
 * whfb.validation.delay on the pull path (textDocument/diagnostic), the one VS Code uses: after an
 * edit the answer waits until the document has been still for the delay, reports the newest
 * version, and a cancelled pull stops waiting. Only lower bounds on time are asserted (a timer
 * never fires early); how fast answers come is the benchmark's business.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';
import { CLEAN_POLICY, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 30_000 };
const DELAY_MS = 600;
const REQUEST_CANCELLED = -32800;
let client: LspTestClient;

before(async () => {
  const started = await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: () => ({ validation: { delay: DELAY_MS } }) });
  client = started.client;
}, TIMEOUT);

after(() => client?.kill());

function edit(uri: string, version: number, text: string): Promise<void> {
  return client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

const codes = (report: any): string[] => report.items.map((d: any) => d.code);

test('a pull right after an edit is answered once the document has been still for the delay, for that edit', TIMEOUT, async () => {
  const uri = 'file:///workspace/delay-one-edit.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  assert.deepEqual(codes(await client.request('textDocument/diagnostic', { textDocument: { uri } })), []);

  const editedAt = performance.now();
  await edit(uri, 2, TYPO_POLICY);
  const report: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const waited = performance.now() - editedAt;
  assert.ok(waited >= DELAY_MS, `answered ${waited.toFixed(0)} ms after the edit, before the ${DELAY_MS} ms delay`);
  assert.ok(codes(report).includes('WHFB101'), JSON.stringify(codes(report)));
  assert.match(report.resultId, /:2$/, 'the result is for version 2');
});

test('an edit during the wait restarts it, and the answer reports the newer version', TIMEOUT, async () => {
  const uri = 'file:///workspace/delay-two-edits.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  await edit(uri, 2, TYPO_POLICY);
  const pending = client.request('textDocument/diagnostic', { textDocument: { uri } });
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS / 2));
  const lastEditAt = performance.now();
  await edit(uri, 3, CLEAN_POLICY);
  const report: any = await pending;
  const waited = performance.now() - lastEditAt;
  assert.ok(waited >= DELAY_MS, `answered ${waited.toFixed(0)} ms after the last edit, before the ${DELAY_MS} ms delay`);
  assert.deepEqual(codes(report), [], 'the typo of version 2 was fixed by version 3');
  assert.match(report.resultId, /:3$/, 'the result is for version 3');
});

test('a pull cancelled while it waits answers "request cancelled"', TIMEOUT, async () => {
  const uri = 'file:///workspace/delay-cancelled.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  await edit(uri, 2, TYPO_POLICY);
  const source = new CancellationTokenSource();
  const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(pending, (error: any) => error.code === REQUEST_CANCELLED);
});

test('a document that was only opened is checked without a keystroke to wait after', TIMEOUT, async () => {
  // Opening is not an edit: the delay starts at no keystroke, so the report is simply there.
  const uri = 'file:///workspace/delay-open.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, TYPO_POLICY);
  const report: any = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.ok(codes(report).includes('WHFB101'), JSON.stringify(codes(report)));
  assert.match(report.resultId, /:1$/);
});

test('shutdown and exit end the process with status 0', TIMEOUT, async () => {
  assert.equal(await client.stop(), 0);
});
