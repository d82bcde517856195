/**
 * Issue 11's formats in a real VS Code: a PowerShell script that builds a custom profile and a
 * SyncML fragment (no <SyncML> envelope, as Fleet keeps Windows profiles) get their diagnostics.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, waitFor } from '../helpers';

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

test('a PowerShell script that builds a custom profile gets WHFB103 on the hashtable value, and no tenant finding for $TenantId', async () => {
  const editor = await openInEditor('scripts', 'New-WhfbProfile.ps1');
  const uri = editor.document.uri;
  await waitFor('WHFB103 on the PowerShell script', () => codes(uri).includes('WHFB103'));
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'WHFB103')!;
  assert.equal(editor.document.getText(diagnostic.range), '2');
  assert.deepEqual(codes(uri).filter((code) => code === 'WHFB104' || code === 'WHFB105'), []);
});

test('a SyncML fragment without the <SyncML> envelope gets WHFB103 on its <Data>', async () => {
  const editor = await openInEditor('fleet', 'whfb-pin.xml');
  const uri = editor.document.uri;
  await waitFor('WHFB103 on the SyncML fragment', () => codes(uri).includes('WHFB103'));
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'WHFB103')!;
  assert.equal(editor.document.getText(diagnostic.range), '2');
});
