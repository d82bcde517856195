/**
 * The real server honours the repository's .whfbrc.json for documents below it: its severities
 * under the editor's whfb.rules (which win), its ignore globs, nothing above the workspace
 * folder, and a change reported through workspace/didChangeWatchedFiles re-checks open documents
 * (push) and makes pull results stale.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './lspTestClient';
import { NO_SECURITY_DEVICE_POLICY, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 30_000 };
const outer = mkdtempSync(join(tmpdir(), 'whfb-lsp-config-'));
const workspace = join(outer, 'workspace');
const settings: { whfb: Record<string, unknown> } = { whfb: { validation: { delay: 10 } } };
let client: LspTestClient;

const uriOf = (path: string) => pathToFileURL(join(workspace, path)).href;
function writeConfig(content: unknown): void {
  writeFileSync(join(workspace, '.whfbrc.json'), JSON.stringify(content));
}
async function configChanged(type: 1 | 2 | 3): Promise<void> {
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.whfbrc.json'), type }] });
}

before(async () => {
  mkdirSync(join(workspace, 'archive'), { recursive: true });
  // Above the workspace folder: never read.
  writeFileSync(join(outer, 'whfb.config.json'), JSON.stringify({ rules: { WHFB190: 'off' } }));
  writeConfig({ rules: { WHFB190: 'error', WHFB101: 'warning' }, ignore: ['archive'] });
  const started = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => settings.whfb, workspaceFolders: [pathToFileURL(workspace).href] });
  client = started.client;
}, TIMEOUT);

after(() => {
  client?.kill();
  rmSync(outer, { recursive: true, force: true });
});

test('the file\'s severity applies, the editor\'s whfb.rules win over it, and ignored files have no diagnostics', TIMEOUT, async () => {
  const uri = uriOf('policies/no-tpm.whfb.yaml');
  await client.open(uri, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
  const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(first.diagnostics.map((d) => [d.code, d.severity]), [['WHFB190', 1]], 'error from .whfbrc.json (default information)');

  const ignored = uriOf('archive/old.whfb.yaml');
  await client.open(ignored, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
  assert.deepEqual((await client.waitForDiagnostics(ignored, (p) => p.version === 1)).diagnostics, []);

  // The views read the policy summary: it agrees with the Problems panel.
  const problemsOf = async (of: string) => ((await client.connection.sendRequest('whfb/policySummary', { uri: of })) as { settings: { problems: { code: string; severity: string }[] }[] })
    .settings.flatMap((setting) => setting.problems.map((problem) => [problem.code, problem.severity]));
  const typo = uriOf('policies/typo.whfb.yaml');
  await client.open(typo, 'whfb-yaml', 1, TYPO_POLICY);
  assert.deepEqual((await client.waitForDiagnostics(typo, (p) => p.version === 1)).diagnostics.map((d) => [d.code, d.severity]), [['WHFB101', 2], ['WHFB190', 1]]);
  assert.deepEqual(await problemsOf(typo), [['WHFB101', 'warning']], 'the summary takes the file\'s severity');
  const ignoredTypo = uriOf('archive/typo.whfb.yaml');
  await client.open(ignoredTypo, 'whfb-yaml', 1, TYPO_POLICY);
  assert.deepEqual((await client.waitForDiagnostics(ignoredTypo, (p) => p.version === 1)).diagnostics, []);
  assert.deepEqual(await problemsOf(ignoredTypo), [], 'an ignored file has no problems in the summary either');

  const beforeSetting = client.mark();
  settings.whfb = { ...settings.whfb, rules: { WHFB190: 'hint' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitForDiagnostics(uri, () => true, beforeSetting);
  assert.deepEqual(second.diagnostics.map((d) => [d.code, d.severity]), [['WHFB190', 4]], 'the editor setting wins');
  settings.whfb = { validation: { delay: 10 } };
  const afterSetting = client.mark();
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitForDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 1, afterSetting);
});

test('a changed .whfbrc.json, reported by the watcher, re-checks open documents; a deleted one stops applying', TIMEOUT, async () => {
  const uri = uriOf('policies/no-tpm.whfb.yaml');
  writeConfig({ rules: { WHFB190: 'off' } });
  const beforeChange = client.mark();
  await configChanged(2);
  const changed = await client.waitForDiagnostics(uri, () => true, beforeChange);
  assert.deepEqual(changed.diagnostics, []);
  const ignored = uriOf('archive/old.whfb.yaml');
  const unignored = await client.waitForDiagnostics(ignored, () => true, beforeChange);
  assert.deepEqual(unignored.diagnostics, [], 'WHFB190 off there too, now that archive is no longer ignored');

  rmSync(join(workspace, '.whfbrc.json'));
  const beforeDelete = client.mark();
  await configChanged(3);
  const deleted = await client.waitForDiagnostics(uri, () => true, beforeDelete);
  assert.deepEqual(deleted.diagnostics.map((d) => [d.code, d.severity]), [['WHFB190', 3]], 'the default again; the file above the workspace folder is not read');
});

test('a broken .whfbrc.json is logged once and never breaks validation', TIMEOUT, async () => {
  const uri = uriOf('policies/no-tpm.whfb.yaml');
  writeFileSync(join(workspace, '.whfbrc.json'), '{ "rules": ');
  const before = client.mark();
  await configChanged(1);
  const published = await client.waitForDiagnostics(uri, () => true, before);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['WHFB190']);
  const logged = (m: any) => m.method === 'window/logMessage' && /configuration .*\.whfbrc\.json: not valid JSON/.test(m.params.message);
  await client.waitForMessage(logged, before);
  // Edits re-check the document; the broken file is not reported again until it changes.
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: `${NO_SECURITY_DEVICE_POLICY}\n` }] });
  await client.waitForDiagnostics(uri, (p) => p.version === 7, before);
  assert.equal(client.messagesSince(before).filter(logged).length, 1);
});

test('with pull diagnostics, a watched change makes the previous result stale', TIMEOUT, async () => {
  writeConfig({ rules: { WHFB190: 'warning' } });
  const pull = (await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: () => ({}), workspaceFolders: [pathToFileURL(workspace).href] })).client;
  try {
    const uri = uriOf('policies/pulled.whfb.yaml');
    await pull.open(uri, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
    const first: any = await pull.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(first.items.map((d: any) => [d.code, d.severity]), [['WHFB190', 2]]);
    writeConfig({ rules: { WHFB190: 'off' } });
    await pull.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.whfbrc.json'), type: 2 }] });
    const second: any = await pull.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'full');
    assert.deepEqual(second.items, []);
  } finally {
    pull.kill();
  }
});
