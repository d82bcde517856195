/**
 * The server checks the workspace without opening a file: it reads every policy file of the
 * workspace folders and publishes diagnostics for the closed files, with the cross-file findings
 * pointing at the other file; whfb.validation.exclude leaves files out.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, PUSH_CAPABILITIES } from './lspTestClient';
import { CROSS_FILE_FIXTURES, makeCrossFileWorkspace, startOnCrossFileWorkspace } from './crossFileWorkspace';

const TIMEOUT = { timeout: 60_000 };
let client: LspTestClient;
let initializeResult: any;
let folder: string;

before(async () => {
  const workspace = makeCrossFileWorkspace('whfb-workspace-');
  ({ folder } = workspace);
  const started = await startOnCrossFileWorkspace(workspace, PUSH_CAPABILITIES);
  client = started.client;
  initializeResult = started.initializeResult;
}, TIMEOUT);

after(() => {
  client?.kill();
  rmSync(folder, { recursive: true, force: true });
});

test('a closed file gets its cross-file finding, pointing at the other closed file', TIMEOUT, async () => {
  const uri = pathToFileURL(join(folder, 'policies', 'account-protection.json')).href;
  const published = await client.waitForDiagnostics(uri, (item) => item.diagnostics.some((d: any) => d.code === 'WHFB301'));
  const finding: any = published.diagnostics.find((d: any) => d.code === 'WHFB301');
  assert.match(finding.message, /cloud-kerberos\.json/);
  assert.equal(finding.relatedInformation[0].location.uri, pathToFileURL(join(folder, 'policies', 'cloud-kerberos.json')).href);
  assert.ok(finding.relatedInformation[0].location.range.start.line > 0);
});

test('whfb.validation.exclude leaves files out of the workspace check', TIMEOUT, async () => {
  await client.waitForDiagnostics(pathToFileURL(join(folder, 'policies', 'account-protection.json')).href);
  const archived = pathToFileURL(join(folder, 'archive', 'old.json')).href;
  assert.ok(!client.published.some((item) => item.uri === archived), 'nothing published for an excluded file');
});

test('an untitled document is judged alone: no cross-file finding against the workspace, and its partners get none', TIMEOUT, async () => {
  const fixtures = CROSS_FILE_FIXTURES;
  const untitled = 'untitled:Untitled-1';
  await client.open(untitled, 'json', 1, readFileSync(join(fixtures, 'account-protection.json'), 'utf8'));
  const published = await client.waitForDiagnostics(untitled, (item) => item.version === 1);
  assert.deepEqual(published.diagnostics.filter((d: any) => /^WHFB3/.test(d.code)), [], 'the untitled document is no file of the tenant');
  const partner = pathToFileURL(join(folder, 'policies', 'cloud-kerberos.json')).href;
  const latest = [...client.published].reverse().find((item) => item.uri === partner);
  assert.ok(!latest || !latest.diagnostics.some((d: any) => JSON.stringify(d).includes('Untitled')), 'a workspace file names no untitled document');
});

test('a client without pull diagnostics is offered no workspace pull: closed files are pushed', () => {
  assert.equal(initializeResult.capabilities.diagnosticProvider, undefined);
});

test('a closed file changed on disk is checked again; a deleted one has its diagnostics cleared', TIMEOUT, async () => {
  const fixtures = CROSS_FILE_FIXTURES;
  const certificate = pathToFileURL(join(folder, 'policies', 'account-protection.json')).href;
  const kerberos = pathToFileURL(join(folder, 'policies', 'cloud-kerberos.json')).href;
  await client.waitForDiagnostics(certificate, (item) => item.diagnostics.some((d: any) => d.code === 'WHFB301'));
  let from = client.mark();
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), readFileSync(join(fixtures, 'cloud-kerberos.json'), 'utf8').replace('"value": true', '"value": false'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: kerberos, type: 2 }] });
  const changed = await client.waitForDiagnostics(certificate, () => true, from);
  assert.ok(!changed.diagnostics.some((d: any) => d.code === 'WHFB301'), 'the partner no longer contradicts it');
  writeFileSync(join(folder, 'policies', 'cloud-kerberos.json'), readFileSync(join(fixtures, 'cloud-kerberos.json')));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: kerberos, type: 2 }] });
  await client.waitForDiagnostics(certificate, (item) => item.diagnostics.some((d: any) => d.code === 'WHFB301'), from);
  from = client.mark();
  unlinkSync(join(folder, 'policies', 'account-protection.json'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: certificate, type: 3 }] });
  const cleared = await client.waitForDiagnostics(certificate, () => true, from);
  assert.deepEqual(cleared.diagnostics, [], 'the deleted file has no diagnostics left');
});
