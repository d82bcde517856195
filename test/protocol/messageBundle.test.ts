/**
 * A translation is a file (issue 17 point 6): the client passes the bundle VS Code loaded
 * (vscode.l10n.bundle) in initializationOptions.l10nBundle, and the server's diagnostics, hovers
 * and quick-fix titles come out of it. The bundle here is a pseudo-translation made from the
 * English bundle, every message wrapped in [[ ]]; without a bundle the English is unchanged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspTestClient, PUSH_CAPABILITIES, type PublishedDiagnostics } from './lspTestClient';
import { REPO_ROOT } from './ensureBuilt';
import { TYPO_LINE, TYPO_POLICY } from './policies';

const TIMEOUT = { timeout: 60_000 };
const english = JSON.parse(readFileSync(join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
const pseudo = Object.fromEntries(Object.keys(english).map((message) => [message, `[[${message}]]`]));

/** The typo policy, and an ignore comment whose rule code has a hover (the rule's summary). */
const TEXT = `${TYPO_POLICY}# whfb-ignore-file WHFB150\n`;
const IGNORE_LINE = TEXT.split('\n').length - 2;
const uri = 'file:///workspace/l10n.whfb.yaml';
const options = (bundle?: Record<string, string>) => ({ settings: { whfb: { validation: { delay: 0 } } }, ...(bundle ? { l10nBundle: bundle } : {}) });

let translated: LspTestClient;
let plain: LspTestClient;

before(async () => {
  [translated, plain] = await Promise.all([
    LspTestClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: options(pseudo) }).then((started) => started.client),
    LspTestClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: options() }).then((started) => started.client),
  ]);
}, TIMEOUT);

after(() => {
  translated?.kill();
  plain?.kill();
});

async function diagnosticsOf(client: LspTestClient): Promise<PublishedDiagnostics> {
  await client.open(uri, 'whfb-yaml', 1, TEXT);
  return client.waitForDiagnostics(uri, (published) => published.version === 1 && published.diagnostics.length > 0);
}

async function typoActions(client: LspTestClient, published: PublishedDiagnostics): Promise<{ title: string }[]> {
  const typo = published.diagnostics.find((diagnostic) => diagnostic.code === 'WHFB101')!;
  return client.request('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
}

const hoverText = async (client: LspTestClient, line: number, character: number): Promise<string> =>
  ((await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } }))?.contents.value ?? '');

test('with a bundle: every diagnostic message, related text and quick-fix title is the translation', TIMEOUT, async () => {
  const published = await diagnosticsOf(translated);
  assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'WHFB101' && diagnostic.range.start.line === TYPO_LINE));
  for (const diagnostic of published.diagnostics) {
    assert.match(diagnostic.message, /^\[\[[\s\S]*\]\]$/, `${diagnostic.code}: ${diagnostic.message}`);
    for (const related of (diagnostic as { relatedInformation?: { message: string }[] }).relatedInformation ?? []) assert.match(related.message, /^\[\[/, related.message);
  }
  assert.match(published.diagnostics.find((diagnostic) => diagnostic.code === 'WHFB101')!.message, /^\[\[Unknown segment "RequireSecurityDevise"/, 'the arguments are filled into the translation');
  const actions = await typoActions(translated, published);
  assert.ok(actions.length >= 2, 'the fix and the ignore action');
  for (const action of actions) assert.match(action.title, /^\[\[.*\]\]$/, action.title);
});

test('with a bundle: hovers on a setting and on a rule code are translated', TIMEOUT, async () => {
  const node = await hoverText(translated, 8, 20);
  assert.match(node, /\[\[\*\*Format:\*\* bool\]\]/, node);
  const rule = await hoverText(translated, IGNORE_LINE, '# whfb-ignore-file WH'.length);
  assert.match(rule, /^\[\[\*\*WHFB150\*\* \(duplicate-setting, error\)\n\n\[\[The same setting appears twice with different values\.\]\]/, rule);
});

test('without a bundle: the English messages, titles and hovers, with no trace of a translation', TIMEOUT, async () => {
  const published = await diagnosticsOf(plain);
  const typo = published.diagnostics.find((diagnostic) => diagnostic.code === 'WHFB101')!;
  assert.match(typo.message, /^Unknown segment "RequireSecurityDevise" under Policies: did you mean/);
  for (const diagnostic of published.diagnostics) assert.doesNotMatch(diagnostic.message, /\[\[|\{\d\}/, diagnostic.message);
  const actions = await typoActions(plain, published);
  assert.ok(actions.some((action) => action.title === 'Ignore WHFB101 for this entry'), JSON.stringify(actions.map((action) => action.title)));
  assert.ok(actions.some((action) => /^Change to \.\/Device\/Vendor\/MSFT\/PassportForWork\/.*RequireSecurityDevice$/.test(action.title)), JSON.stringify(actions.map((action) => action.title)));
  assert.match(await hoverText(plain, 8, 20), /\*\*Format:\*\* bool/);
  assert.equal(await plain.stop(), 0);
  assert.equal(await translated.stop(), 0);
});
