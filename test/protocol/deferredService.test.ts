/**
 * The server answers `initialize` before it loads the language service (dist/service.js), so
 * its cold start is a bare LSP server's. These tests run a copy of dist/server.js without
 * dist/service.js beside it: initialize still succeeds, and the missing service reaches the
 * user as one error message while every request answers empty and the server keeps running.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, SERVER_BUNDLE } from './ensureBuilt';
import { LspTestClient, PUSH_CAPABILITIES } from './lspTestClient';
import { COMPLETION_POLICY, COMPLETION_POSITION } from './policies';

const TIMEOUT = { timeout: 30_000 };
let directory: string;
let client: LspTestClient;
let capabilities: any;

before(async () => {
  ensureBuilt();
  directory = mkdtempSync(join(tmpdir(), 'whfb-no-service-'));
  const serverBundle = join(directory, 'server.js');
  copyFileSync(SERVER_BUNDLE, serverBundle);
  const started = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => ({ validation: { delay: 0 } }), serverBundle });
  client = started.client;
  capabilities = started.initializeResult.capabilities;
}, TIMEOUT);

after(() => {
  client?.kill();
  rmSync(directory, { recursive: true, force: true });
});

test('initialize is answered with every capability without the language service', () => {
  assert.equal(capabilities.textDocumentSync.change, 2);
  assert.equal(capabilities.hoverProvider, true);
  assert.ok(capabilities.completionProvider);
});

test('a language service that cannot be loaded is one error message; requests answer empty and the server keeps running', TIMEOUT, async () => {
  const uri = 'file:///workspace/no-service.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, COMPLETION_POLICY);
  const shown = await client.waitForNotification('window/showMessage');
  assert.equal(shown.type, 1, 'an error message');
  assert.match(shown.message, /could not load its checks/);

  const textDocument = { uri };
  assert.equal(await client.request('textDocument/completion', { textDocument, position: COMPLETION_POSITION }), null);
  assert.equal(await client.request('textDocument/hover', { textDocument, position: COMPLETION_POSITION }), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);

  assert.equal(client.notifications.filter((n) => n.method === 'window/showMessage').length, 1, 'the message is shown once, not per request');
  assert.ok(client.logs.some((line) => /language service could not be loaded: .*service\.js/s.test(line)), 'the log names the missing file');
  assert.equal(client.child.exitCode, null, 'the server is still running');
  assert.equal(await client.stop(), 0);
});
