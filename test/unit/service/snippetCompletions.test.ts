/**
 * The guides' snippets appear only where their text can start (issue 12 point 5): a policy file
 * in an empty policy document, settings and Group Policy entries where a list item starts, a
 * custom profile's omaSettings elements between elements. Never after `type:`, inside an entry,
 * at a top-level key, or in unrelated JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caret, doc, service, TENANT } from './helpers';
import type { CompletionItem } from '../../../server/src/lsp/protocolTypes';

const SNIPPET = 15; // CompletionItemKind.Snippet

function snippetsAt(marked: string, uri = 'file:///work/test.whfb.yaml'): CompletionItem[] {
  const { text, position } = caret(marked);
  return service().complete(doc(text, uri), position).items.filter((item) => item.kind === SNIPPET && /: (policy file|MDM settings|Group Policy|custom profile settings)/.test(item.label));
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const HEAD = `whfb: 1\ntenantId: ${TENANT}\n`;
const ENTRY = '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    type: bool\n    value: true\n';

test('an empty policy document offers the policy files, by short model name, with the guide section named', () => {
  const items = snippetsAt('|');
  assert.ok(labels(items).includes('Cloud Kerberos trust: policy file'), labels(items).join(', '));
  assert.ok(items.every((item) => item.label.length <= 50 && !item.label.startsWith('whfb-')));
  assert.ok(items.every((item) => /section "/.test(String(item.detail))), 'the detail names the guide section');
  assert.deepEqual(labels(snippetsAt('# comment\nclo|')).sort(), labels(items).sort(), 'a comment and a typed word do not matter');
  assert.ok(!labels(items).some((label) => /MDM settings|Group Policy/.test(label)), 'no entries outside a list');
});

test('a settings entry can start after "- " and at the items\' column: the MDM settings snippets, nothing else', () => {
  const afterDash = snippetsAt(`${HEAD}settings:\n${ENTRY}  - |`);
  assert.ok(labels(afterDash).includes('Cloud Kerberos trust: MDM settings'), labels(afterDash).join(', '));
  assert.ok(labels(afterDash).every((label) => /MDM settings/.test(label)), labels(afterDash).join(', '));
  const inserted = afterDash.find((item) => item.label === 'Cloud Kerberos trust: MDM settings')!;
  assert.ok(inserted.textEdit && 'newText' in inserted.textEdit && inserted.textEdit.newText.startsWith('omaUri: '), 'the typed dash is not doubled');
  assert.ok(labels(snippetsAt(`${HEAD}settings:\n${ENTRY}  |`)).includes('Cloud Kerberos trust: MDM settings'));
  assert.ok(labels(snippetsAt(`${HEAD}settings:\n  |`)).includes('Cloud Kerberos trust: MDM settings'), 'an empty settings list');
});

test('groupPolicy entries get the Group Policy snippets', () => {
  const items = snippetsAt(`${HEAD}groupPolicy:\n  - policy: Use Windows Hello for Business\n    scope: computer\n    state: enabled\n  - |`);
  assert.ok(labels(items).length > 0 && labels(items).every((label) => /Group Policy/.test(label)), labels(items).join(', '));
});

test('no snippet after a key such as type:, inside an entry, at a new top-level key or in a non-empty root', () => {
  assert.deepEqual(labels(snippetsAt(`${HEAD}settings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    type: |`)), []);
  assert.deepEqual(labels(snippetsAt(`${HEAD}settings:\n${ENTRY}    |`)), [], 'inside an entry (its keys)');
  assert.deepEqual(labels(snippetsAt(`${HEAD}settings:\n${ENTRY}|`)), [], 'column 0: a top-level key starts here');
  assert.deepEqual(labels(snippetsAt(`${HEAD}|`)), [], 'the root of a policy that has content');
  assert.deepEqual(labels(snippetsAt(`${HEAD}deployment:\n  |`)), [], 'the deployment block');
});

const PROFILE = (inside: string) => `{\n  "@odata.type": "#microsoft.graph.windows10CustomConfiguration",\n  "displayName": "WHfB",\n  "omaSettings": [${inside}]\n}\n`;
const OMA = `{ "@odata.type": "#microsoft.graph.omaSettingBoolean", "displayName": "x", "omaUri": "./Device/Vendor/MSFT/PassportForWork/${TENANT}/Policies/UsePassportForWork", "value": true }`;

test('a custom profile offers its snippets where an omaSettings element can start, with a comma before a following element', () => {
  const uri = 'file:///work/profile.json';
  const atEnd = snippetsAt(PROFILE(`\n    ${OMA},\n    |\n  `), uri);
  assert.ok(labels(atEnd).includes('Cloud Kerberos trust: custom profile settings'), labels(atEnd).join(', '));
  const before = snippetsAt(PROFILE(`\n    |\n    ${OMA}\n  `), uri);
  const edit = before.find((item) => item.label === 'Cloud Kerberos trust: custom profile settings')?.textEdit;
  assert.ok(edit && 'newText' in edit && edit.newText.trimEnd().endsWith('},'), 'a comma separates the inserted elements from the next one');
  assert.deepEqual(labels(snippetsAt(PROFILE(`\n    { "omaUri": |}\n  `), uri)), [], 'inside an element');
  assert.deepEqual(labels(snippetsAt(`{\n  "name": "not-a-policy",\n  "scripts": [|]\n}\n`, 'file:///work/package.json')), [], 'unrelated JSON');
});
