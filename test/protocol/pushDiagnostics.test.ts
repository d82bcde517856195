/**
 * The real server over stdio with a client that takes pushed diagnostics: capabilities,
 * diagnostics with codes and links, completion, hover, a quick fix applied through an
 * incremental change, settings, non-policy documents, cancellation, shutdown.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, LspTestClient, PUSH_CAPABILITIES } from './lspTestClient';
import {
  CLEAN_POLICY, COMPLETION_POLICY, COMPLETION_POSITION, NO_SECURITY_DEVICE_POLICY, PACKAGE_JSON, TYPO_LINE, TYPO_POLICY,
} from './policies';

const TIMEOUT = { timeout: 30_000 };
let client: LspTestClient;
let capabilities: any;
const settings: { whfb: Record<string, unknown> } = { whfb: { validation: { delay: 10 } } };

before(async () => {
  const started = await LspTestClient.start({ capabilities: PUSH_CAPABILITIES, settings: () => settings.whfb });
  client = started.client;
  capabilities = started.initializeResult.capabilities;
}, TIMEOUT);

after(() => client?.kill());

test('initialize announces incremental sync and the editor features', () => {
  assert.equal(capabilities.textDocumentSync.change, 2, 'incremental sync');
  assert.equal(capabilities.textDocumentSync.openClose, true);
  assert.deepEqual([...capabilities.completionProvider.triggerCharacters].sort(), [' ', '"', '/', ':']);
  assert.equal(capabilities.hoverProvider, true);
  assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix']);
  assert.equal(capabilities.documentSymbolProvider, true);
  assert.ok(capabilities.documentLinkProvider);
  assert.equal(capabilities.foldingRangeProvider, true);
  assert.equal(capabilities.diagnosticProvider, undefined, 'a push client gets no pull provider');
});

test('the server reads its settings with workspace/configuration', TIMEOUT, async () => {
  await client.waitForMessage((m) => m.method === 'workspace/configuration');
});

test('a misspelt OMA-URI is published as WHFB101 on its line, with a link, and the quick fix removes it', TIMEOUT, async () => {
  const uri = 'file:///workspace/typo.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, TYPO_POLICY);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const typo = published.diagnostics.find((d) => d.code === 'WHFB101');
  assert.ok(typo, `WHFB101 expected, got ${JSON.stringify(published.diagnostics.map((d) => d.code))}`);
  assert.equal(typo.severity, 1);
  assert.equal(typo.source, 'whfb');
  assert.equal(typo.range.start.line, TYPO_LINE);
  assert.match(typo.codeDescription?.href ?? '', /^https:\/\/learn\.microsoft\.com\//);

  const actions: any[] = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: typo.range,
    context: { diagnostics: [typo], only: ['quickfix'] },
  });
  const fix = actions.find((action) => action.kind === 'quickfix' && action.edit?.changes?.[uri]);
  assert.ok(fix, `a quick fix expected, got ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.match(fix.title, /RequireSecurityDevice/);

  // Send the fix the way an editor does: the edits themselves as incremental changes, last first.
  const edits = [...fix.edit.changes[uri]].sort((a: any, b: any) =>
    b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: edits.map((edit: any) => ({ range: edit.range, text: edit.newText })),
  });
  assert.equal(applyEdits(TYPO_POLICY, fix.edit.changes[uri]), CLEAN_POLICY, 'the fix restores the intended node name');
  const afterFix = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(afterFix.diagnostics.map((d) => d.code), []);
});

test('completion after a path segment offers the CSP nodes below it', TIMEOUT, async () => {
  const uri = 'file:///workspace/completion.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, COMPLETION_POLICY);
  const result: any = await client.request('textDocument/completion', {
    textDocument: { uri }, position: COMPLETION_POSITION, context: { triggerKind: 2, triggerCharacter: '/' },
  });
  const items: any[] = Array.isArray(result) ? result : result?.items ?? [];
  const labels = items.map((item) => item.label);
  assert.ok(labels.includes('UsePassportForWork'), `UsePassportForWork expected among ${JSON.stringify(labels.slice(0, 20))}`);
  assert.ok(labels.includes('RequireSecurityDevice'));
});

test('hover on an OMA-URI explains the node', TIMEOUT, async () => {
  const uri = 'file:///workspace/hover.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  const line = CLEAN_POLICY.split('\n')[8];
  const hover: any = await client.request('textDocument/hover', {
    textDocument: { uri }, position: { line: 8, character: line.indexOf('UsePassportForWork') + 3 },
  });
  assert.ok(hover, 'a hover expected');
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /UsePassportForWork/);
});

test('symbols, links and folding ranges answer for a policy', TIMEOUT, async () => {
  const uri = 'file:///workspace/hover.whfb.yaml';
  const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'symbols expected');
  const links: any[] = await client.request('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(Array.isArray(links));
  const folding: any[] = await client.request('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(Array.isArray(folding));
});

test('a JSON file that is not a policy gets an empty diagnostics list', TIMEOUT, async () => {
  const uri = 'file:///workspace/package.json';
  await client.open(uri, 'json', 1, PACKAGE_JSON);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(published.diagnostics, []);
  const summary = await client.request('whfb/policySummary', { uri });
  assert.equal(summary, null);
});

test('whfb/policySummary describes the policy and whfb/policySummaryChanged follows validation', TIMEOUT, async () => {
  const uri = 'file:///workspace/summary.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  await client.waitForNotification('whfb/policySummaryChanged', (params) => params.uri === uri);
  const summary: any = await client.request('whfb/policySummary', { uri });
  assert.equal(summary.uri, uri);
  assert.equal(summary.format, 'whfb-yaml');
  assert.equal(summary.settings.length, 4);
  assert.equal(await client.request('whfb/policySummary', { uri: 'file:///never/opened.whfb.yaml' }), null);
});

test('turning a rule off in the settings removes its diagnostic from open documents', TIMEOUT, async () => {
  const uri = 'file:///workspace/no-tpm.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, NO_SECURITY_DEVICE_POLICY);
  const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['WHFB190']);
  assert.equal(first.diagnostics[0].severity, 3, 'information by default');

  const beforeOff = client.mark();
  settings.whfb = { ...settings.whfb, rules: { WHFB190: 'off' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const second = await client.waitForDiagnostics(uri, () => true, beforeOff);
  assert.deepEqual(second.diagnostics, []);

  const beforeError = client.mark();
  settings.whfb = { ...settings.whfb, rules: { WHFB190: 'error' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const third = await client.waitForDiagnostics(uri, () => true, beforeError);
  assert.deepEqual(third.diagnostics.map((d) => [d.code, d.severity]), [['WHFB190', 1]]);
  settings.whfb = { validation: { delay: 10 } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
});

test('rapid edits are debounced and never publish an older version after a newer one', TIMEOUT, async () => {
  const uri = 'file:///workspace/typing.whfb.yaml';
  await client.open(uri, 'whfb-yaml', 1, CLEAN_POLICY);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  // Type "x" five times at the end of the name of the first setting's node.
  const line = 8;
  const end = CLEAN_POLICY.split('\n')[line].length;
  for (let version = 2; version <= 6; version++) {
    const character = end + version - 2;
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
  }
  // The half-typed name is no error while it is typed (typingGuard.ts): WHFB101 comes after the pause.
  const first = await client.waitForDiagnostics(uri, (p) => p.version === 6);
  assert.ok(!first.diagnostics.some((d) => d.code === 'WHFB101'), 'not reported on the token being typed');
  const last = await client.waitForDiagnostics(uri, (p) => p.version === 6 && p.diagnostics.some((d) => d.code === 'WHFB101'));
  assert.ok(last.diagnostics.some((d) => d.code === 'WHFB101'), 'UsePassportForWorkxxxxx is no node');
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions published in order: ${versions.join(', ')}`);
});

test('closing a document clears its diagnostics', TIMEOUT, async () => {
  const uri = 'file:///workspace/typo.whfb.yaml';
  const beforeClose = client.mark();
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const cleared = await client.waitForDiagnostics(uri, () => true, beforeClose);
  assert.deepEqual(cleared.diagnostics, []);
});

test('a request cancelled before it runs answers with the LSP cancellation error, and the server goes on', TIMEOUT, async () => {
  const uri = 'file:///workspace/completion.whfb.yaml';
  client.writeRaw([
    { jsonrpc: '2.0', id: 'cancelled-completion', method: 'textDocument/completion', params: { textDocument: { uri }, position: COMPLETION_POSITION } },
    { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'cancelled-completion' } },
  ]);
  const response = await client.waitForMessage((m) => m.id === 'cancelled-completion');
  assert.equal(response.error?.code, -32800, `RequestCancelled expected, got ${JSON.stringify(response)}`);
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 20 } });
  assert.notEqual(hover, undefined);
});

test('requests for unknown documents answer empty instead of failing', TIMEOUT, async () => {
  const uri = 'file:///never/opened.whfb.yaml';
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  assert.deepEqual(await client.request('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] },
  }), []);
});

test('shutdown and exit end the process with status 0', TIMEOUT, async () => {
  assert.equal(await client.stop(), 0);
  assert.doesNotMatch(client.stderr, /Error/);
});
