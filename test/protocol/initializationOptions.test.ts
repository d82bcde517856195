/**
 * A client without workspace/configuration: settings come from initializationOptions, then
 * from the didChangeConfiguration payload itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient, PUSH_CAPABILITIES } from './lspTestClient';
import { NO_SECURITY_DEVICE_POLICY } from './policies';

const TIMEOUT = { timeout: 30_000 };
let client: LspTestClient;
const uri = 'file:///workspace/init-options.whfb.yaml';

before(async () => {
  const capabilities = { ...PUSH_CAPABILITIES, workspace: {} };
  const started = await LspTestClient.start({
    capabilities,
    initializationOptions: { settings: { whfb: { validation: { delay: 0 }, rules: { WHFB190: 'off' } } } },
  });
  client = started.client;
}, TIMEOUT);

after(() => client?.kill());

test('initializationOptions turn a rule off from the first validation', TIMEOUT, async () => {
  await client.open(uri, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(published.diagnostics, []);
  assert.ok(!client.serverRequests.includes('workspace/configuration'), 'the server does not ask a client that cannot answer');
});

test('didChangeConfiguration carries the new settings when the client cannot be asked', TIMEOUT, async () => {
  const from = client.mark();
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { whfb: { rules: { WHFB190: 'warning' } } } });
  const published = await client.waitForDiagnostics(uri, () => true, from);
  assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['WHFB190', 2]]);
});

test('whfb.enable false clears every diagnostic', TIMEOUT, async () => {
  const from = client.mark();
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { whfb: { enable: false } } });
  const published = await client.waitForDiagnostics(uri, () => true, from);
  assert.deepEqual(published.diagnostics, []);
  assert.equal(await client.stop(), 0);
});
