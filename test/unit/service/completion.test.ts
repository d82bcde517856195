/** Completion with a `|` caret: keys, enum values, OMA-URI segments, type/value from the node, snippets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItemKind, DiagnosticSeverity, InsertTextFormat, type CompletionList } from '../../../server/src/lsp/protocolTypes';
import { applyEdits, caret, P, service, TENANT } from './helpers';

function complete(marked: string, uri = 'file:///work/c.whfb.yaml', languageId?: string): CompletionList {
  const { text, position } = caret(marked);
  return service().complete({ uri, languageId, version: 1, text }, position);
}

function labels(list: CompletionList): string[] {
  return list.items.map((item) => item.label);
}

const HEAD = `whfb: 1\ntenantId: ${TENANT}\n`;

test('top-level keys that are not there yet', () => {
  const list = complete(`${HEAD}dep|\n`);
  assert.ok(labels(list).includes('deployment'));
  assert.ok(labels(list).includes('settings'));
  assert.ok(!labels(list).includes('whfb'), 'whfb is already there');
  const deployment = list.items.find((item) => item.label === 'deployment')!;
  assert.deepEqual(deployment.textEdit?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
});

test('deployment keys and enum values with their meaning', () => {
  const keys = complete(`${HEAD}deployment:\n  model: hybrid\n  |\nsettings: []\n`);
  assert.ok(labels(keys).includes('trust'));
  assert.ok(!labels(keys).includes('model'));
  const trust = complete(`${HEAD}deployment:\n  model: hybrid\n  trust: |\n  management: intune\nsettings: []\n`);
  assert.deepEqual(labels(trust), ['cloud-kerberos', 'key', 'certificate']);
  assert.match(trust.items[0].documentation?.value ?? '', /Kerberos/);
  const partial = complete(`${HEAD}deployment:\n  model: hyb|rid\n`);
  assert.deepEqual(partial.items[0].textEdit?.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 15 } }, 'the whole value is replaced');
});

test('OMA-URI segments one at a time, re-triggering after each folder', () => {
  const list = complete(`${HEAD}settings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/|\n`);
  const use = list.items.find((item) => item.label === 'UsePassportForWork');
  assert.ok(use, 'leaf nodes are offered');
  assert.match(use.documentation?.value ?? '', /Windows Hello for Business/);
  assert.deepEqual(use.textEdit?.range, { start: { line: 3, character: 69 }, end: { line: 3, character: 69 } });
  const folder = list.items.find((item) => item.label === 'PINComplexity');
  assert.equal(folder?.textEdit?.newText, 'PINComplexity/');
  assert.equal(folder?.command?.command, 'editor.action.triggerSuggest');
});

test('a partly typed segment is replaced, including what follows the caret', () => {
  const list = complete(`${HEAD}settings:\n  - omaUri: ./Device/Vendor/MSFT/Pass|portForWork\n`);
  const item = list.items.find((candidate) => candidate.label === 'PassportForWork');
  assert.deepEqual(item?.textEdit?.range, { start: { line: 3, character: 33 }, end: { line: 3, character: 48 } });
});

test('OMA-URI completion works in any format (here a Markdown runbook)', () => {
  const list = complete('Set ./Device/Vendor/MSFT/PassportForWork/| to configure it.\n', 'file:///work/runbook.md', 'markdown');
  assert.ok(labels(list).includes('{TenantId}'));
});

test('type: the node\'s DDF format comes first', () => {
  const list = complete(`${HEAD}settings:\n  - omaUri: ${P}/PINComplexity/MinimumPINLength\n    type: |\n    value: 6\n`);
  const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.equal(sorted[0].label, 'int');
});

test('value: allowed values with meanings, the default first', () => {
  const list = complete(`${HEAD}settings:\n  - omaUri: ${P}/PINComplexity/Digits\n    type: int\n    value: |\n`);
  assert.deepEqual(labels(list).sort(), ['0', '1', '2']);
  assert.ok(list.items.every((item) => item.documentation?.value));
  const bool = complete(`${HEAD}settings:\n  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: |\n`);
  assert.deepEqual(labels(bool).sort(), ['false', 'true']);
});

test('groupPolicy policy names from the catalog', () => {
  const list = complete(`${HEAD}settings: []\ngroupPolicy:\n  - policy: |\n`);
  assert.ok(labels(list).includes('Use Windows Hello for Business'));
});

test('a new settings entry offers whole-setting snippets that validate', () => {
  const marked = `${HEAD}deployment:\n  model: cloud-only\n  management: intune\nsettings:\n  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true\n  - |\n`;
  const { text, position } = caret(marked);
  const list = service().complete({ uri: 'file:///work/s.whfb.yaml', version: 1, text }, position);
  const snippet = list.items.find((item) => item.kind === CompletionItemKind.Snippet && item.label === 'RequireSecurityDevice (device)');
  assert.ok(snippet);
  assert.equal(snippet.insertTextFormat, InsertTextFormat.Snippet);
  // Expand the snippet the way the editor does: placeholders to their defaults, relative indentation kept.
  const expanded = snippet.textEdit!.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\n/g, '\n  ');
  const result = applyEdits(text, [{ range: snippet.textEdit!.range, newText: expanded }]);
  const diagnostics = service().validate({ uri: 'file:///work/s.whfb.yaml', version: 2, text: result });
  // The snippet starts at the DDF default (false), which WHFB190 answers with advice (information), never a problem.
  assert.deepEqual(diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Information).map((d) => `${d.code} ${d.message}`), []);
});

test('an empty OMA-URI offers every leaf node under a label that leads with what tells it apart, the whole path as its text', () => {
  const list = complete(`${HEAD}settings:\n  - omaUri: |\n`);
  const shown = labels(list);
  assert.equal(new Set(shown).size, shown.length, 'no two labels alike');
  // The suggest widget shows the first ~45 characters of a label: those must differ too.
  const starts = shown.map((label) => label.slice(0, 40));
  assert.equal(new Set(starts).size, starts.length, 'no two labels alike in their first 40 characters');
  const pin = list.items.find((item) => item.label === 'MinimumPINLength (device)');
  assert.ok(pin, shown.slice(0, 20).join(', '));
  assert.equal(pin.textEdit?.newText, `${P}/PINComplexity/MinimumPINLength`);
  assert.equal(pin.filterText, pin.textEdit?.newText, 'typing the path filters as before');
  assert.equal(pin.labelDetails?.description, pin.textEdit?.newText);
  assert.ok(shown.includes('PFXCertInstall/ContainerName (device)') && shown.includes('Install/ContainerName (device)'), 'leaves sharing a name get their parents');
});
