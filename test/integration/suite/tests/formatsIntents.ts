/** Endpoint security intents and the tenant-wide enrollment policy, opened in a real editor, get their findings on the Graph value as written. */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, extensionApi, openInEditor, waitFor } from '../helpers';

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

test('formats intents: an Account protection intent (Graph JSON) gets WHFB103 on its PIN history value', async () => {
  // Run alone (--grep), nothing else has activated the extension: a busy machine can time out the workspaceContains search.
  await extensionApi();
  const editor = await openInEditor('intune', 'account-protection-intent.json');
  await waitFor('WHFB103 on the intent', () => codes(editor.document.uri).includes('WHFB103'));
  const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'WHFB103')!;
  assert.equal(editor.document.getText(diagnostic.range), '60');
});

test('formats intents: the tenant-wide enrollment policy gets WHFB120 on its minimum PIN length', async () => {
  const editor = await openInEditor('intune', 'whfb-enrollment.json');
  await waitFor('WHFB120 on the enrollment policy', () => codes(editor.document.uri).includes('WHFB120'));
  const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'WHFB120')!;
  assert.equal(editor.document.getText(diagnostic.range), '12');
});
