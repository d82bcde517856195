/**
 * The server's first diagnostics read none of the first-use bundles (dist/yaml.js, dist/checklists.js,
 * dist/catalog-texts.js: scripts/build.mjs FIRST_USE_BUNDLES), so a fresh server is not slowed by
 * loading what only hover, completion or the checklists need. These tests run a copy of the
 * server's bundles without those three beside them, pull the diagnostics of a
 * policy file and of each export format, and expect the same answers as the full build gives,
 * with no error logged or shown.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBuilt, REPO_ROOT, SERVER_BUNDLE } from './ensureBuilt';
import { LspTestClient, PULL_CAPABILITIES } from './lspTestClient';

const TIMEOUT = { timeout: 60_000 };
const FIRST_USE_BUNDLES = new Set(['yaml.js', 'checklists.js', 'catalog-texts.js']);
const FIXTURES = [
  { file: 'whfb-yaml/WHFB101-bad.whfb.yaml', languageId: 'whfb-yaml' },
  { file: 'settings-catalog/broken.json', languageId: 'json' },
  { file: 'custom-profile/broken-types.json', languageId: 'json' },
  { file: 'syncml/broken.syncml.xml', languageId: 'xml' },
];

let directory: string;
let stripped: LspTestClient;
let full: LspTestClient;

async function startServer(serverBundle?: string): Promise<LspTestClient> {
  const started = await LspTestClient.start({ capabilities: PULL_CAPABILITIES, settings: () => ({ validation: { delay: 0 } }), serverBundle });
  return started.client;
}

async function pulledDiagnostics(client: LspTestClient, file: string, languageId: string): Promise<unknown> {
  const uri = `file:///workspace/${file}`;
  await client.open(uri, languageId, 1, readFileSync(join(REPO_ROOT, 'test', 'fixtures', file), 'utf8'));
  return client.request('textDocument/diagnostic', { textDocument: { uri } });
}

before(async () => {
  ensureBuilt();
  directory = mkdtempSync(join(tmpdir(), 'whfb-no-first-use-'));
  const dist = dirname(SERVER_BUNDLE);
  const copied = readdirSync(dist).filter((name) => name.endsWith('.js') && !FIRST_USE_BUNDLES.has(name));
  assert.ok(copied.includes('service.js'), `the server's bundles: ${copied.join(', ')}`);
  for (const name of copied) copyFileSync(join(dist, name), join(directory, name));
  [stripped, full] = await Promise.all([startServer(join(directory, 'server.js')), startServer()]);
}, TIMEOUT);

after(() => {
  stripped?.kill();
  full?.kill();
  rmSync(directory, { recursive: true, force: true });
});

for (const { file, languageId } of FIXTURES) {
  test(`the first diagnostics of ${file} need no first-use bundle`, TIMEOUT, async () => {
    const expected: any = await pulledDiagnostics(full, file, languageId);
    assert.ok(expected.items.length > 0, 'the fixture has findings');
    assert.deepEqual(await pulledDiagnostics(stripped, file, languageId), expected);
  });
}

test('the server without the first-use bundles logged and showed no error while diagnosing', () => {
  assert.deepEqual(stripped.notifications.filter((n) => n.method === 'window/showMessage'), []);
  assert.deepEqual(stripped.logs.filter((line) => /error|cannot find module/i.test(line)), []);
});
