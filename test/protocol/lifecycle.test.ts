/**
 * The real server at the edges of a session: requests after `shutdown` get InvalidRequest (LSP
 * spec), a client that closes the server's stdout ends it quietly, an absurd validation delay is
 * clamped instead of overflowing Node's timer, and every `whfb.` setting a message names exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toServerSettings } from '../../server/src/server/settings';
import { ensureBuilt, REPO_ROOT, SERVER_BUNDLE } from './ensureBuilt';
import { LspTestClient, PUSH_CAPABILITIES } from './lspTestClient';
import { CLEAN_POLICY, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 60_000 };
const INVALID_REQUEST = -32600;

test('requests after shutdown are answered with InvalidRequest, not null; exit then ends with 0', TIMEOUT, async () => {
  const { client } = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES });
  try {
    const uri = 'file:///work/after-shutdown.whfb.yaml';
    await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
    const position = { line: 0, character: 0 };
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position }) !== undefined);
    await client.request('shutdown', null);
    const requests: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri }, position }],
      ['textDocument/completion', { textDocument: { uri }, position }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
      ['whfb/policySummary', { uri }],
      ['shutdown', null],
    ];
    for (const [method, params] of requests) {
      await assert.rejects(client.request(method, params), (error: any) => {
        assert.equal(error.code, INVALID_REQUEST, `${method}: ${error.message}`);
        return true;
      }, method);
    }
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    client.kill();
  }
});

test('a client that closes the server\'s stdout ends it quietly: no exit code 7, no stack trace', TIMEOUT, async () => {
  ensureBuilt();
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const send = (message: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.stdout.destroy();
  send({ method: 'initialized', params: {} });
  for (let id = 2; id < 7; id++) send({ id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.whfb.yaml' }, position: { line: 0, character: 0 } } });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.whfb.yaml', languageId: 'whfb-yaml', version: 1, text: TYPO_POLICY } } });
  const code = await exited;
  assert.equal(code, 1, `the client vanished without shutdown: exit 1, as when stdin closes\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at |Error/, `nothing on stderr:\n${stderr}`);
});

test('whfb.validation.delay is clamped to its declared range: 1e308 waits 5 s, not 1 ms with a TimeoutOverflowWarning', TIMEOUT, async () => {
  const declared = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).contributes.configuration.properties['whfb.validation.delay'];
  const delayOf = (delay: unknown) => toServerSettings({ validation: { delay } }).validationDelayMs;
  assert.equal(delayOf(1e308), declared.maximum);
  assert.equal(delayOf(Number.POSITIVE_INFINITY), declared.maximum);
  assert.equal(delayOf(-20), declared.minimum);
  assert.equal(delayOf(Number.NaN), declared.default);
  assert.equal(delayOf('fast'), declared.default);
  assert.equal(delayOf(300), 300);

  const { client } = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => ({ validation: { delay: 1e308 } }) });
  try {
    const uri = 'file:///work/delay.whfb.yaml';
    const from = client.mark();
    await client.open(uri, 'whfb-yaml', 1, TYPO_POLICY);
    // Not after 1 ms: nothing within the first second (a slow machine only makes this later).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(client.published.filter((p) => p.uri === uri).length, 0, 'the delay was not turned into 1 ms');
    const published = await client.waitForDiagnostics(uri, () => true, from);
    assert.ok(published.diagnostics.length > 0);
    assert.doesNotMatch(client.stderr, /TimeoutOverflowWarning/);
  } finally {
    client.kill();
  }
});

/** Every `whfb.name` in the sources (messages, titles, ids) that is neither a file name nor a known non-setting id. */
function namesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (path.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\bwhfb\.([A-Za-z][A-Za-z.]*[A-Za-z])/g)) {
          if (/^ya?ml$/.test(match[1])) continue; // *.whfb.yaml file names
          found.set(`whfb.${match[1]}`, path.slice(REPO_ROOT.length + 1));
        }
      }
    }
  };
  visit(join(REPO_ROOT, 'server', 'src'));
  visit(join(REPO_ROOT, 'client', 'src'));
  return found;
}

test('every whfb. setting a message names exists in package.json (WHFB003 named whfb.maxFileSizeBytes)', TIMEOUT, async () => {
  const manifest = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
  const settings = new Set(Object.keys(JSON.parse(manifest).contributes.configuration.properties));
  // Commands, views and context keys are in package.json too (ids and `when` clauses); VS Code adds
  // `<view>.focus` commands itself; the status bar item's id is the one id that is nowhere else.
  const contributed = new Set([...manifest.matchAll(/\bwhfb\.[A-Za-z.]*[A-Za-z]/g)].map((m) => m[0]));
  const notSettings = new Set(['whfb.status']);
  for (const [name, file] of namesInSources()) {
    if (notSettings.has(name) || contributed.has(name.replace(/\.focus$/, ''))) continue;
    assert.fail(`${file} names ${name}, which package.json does not contribute`);
  }

  const { client } = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => ({ validation: { delay: 0 } }) });
  try {
    const uri = 'file:///work/too-large.whfb.yaml';
    await client.open(uri, 'whfb-yaml', 1, `${CLEAN_POLICY}# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'WHFB003'));
    const message = published.diagnostics.find((d) => d.code === 'WHFB003')!.message;
    const named = [...message.matchAll(/\bwhfb\.[A-Za-z.]*[A-Za-z]/g)].map((m) => m[0]);
    assert.deepEqual(named, ['whfb.maxFileSize'], message);
    assert.ok(named.every((name) => settings.has(name)));
  } finally {
    client.kill();
  }
});
