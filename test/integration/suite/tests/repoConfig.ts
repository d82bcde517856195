import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, waitFor, workspaceUri } from '../helpers';

const severityOf = (uri: vscode.Uri, code: string) => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code)?.severity;

test('a .whfbrc.json written next to a policy changes a rule\'s severity in the editor; whfb.rules still wins', async () => {
  const editor = await openInEditor('configured', 'no-tpm.whfb.yaml');
  const uri = editor.document.uri;
  await waitFor('WHFB190 as information (its default)', () => severityOf(uri, 'WHFB190') === vscode.DiagnosticSeverity.Information);
  const config = workspaceUri('configured', '.whfbrc.json');
  const settings = vscode.workspace.getConfiguration('whfb', uri);
  try {
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify({ rules: { WHFB190: 'error' } }, null, 2)));
    await waitFor('WHFB190 as an error, from .whfbrc.json', () => severityOf(uri, 'WHFB190') === vscode.DiagnosticSeverity.Error);

    await settings.update('rules', { WHFB190: 'hint' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('WHFB190 as a hint, from whfb.rules (the editor wins)', () => severityOf(uri, 'WHFB190') === vscode.DiagnosticSeverity.Hint);
    await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);

    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify({ rules: { WHFB190: 'off' } })));
    await waitFor('WHFB190 gone: off in .whfbrc.json', () => vscode.languages.getDiagnostics(uri).every((d) => codeOf(d) !== 'WHFB190') && true);
    assert.equal(severityOf(uri, 'WHFB190'), undefined);
  } finally {
    await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
  }
  await waitFor('WHFB190 back to information once .whfbrc.json is deleted', () => severityOf(uri, 'WHFB190') === vscode.DiagnosticSeverity.Information);
});
