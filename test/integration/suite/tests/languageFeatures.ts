import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, positionOf, waitFor } from '../helpers';
import { screenshot } from '../screenshots';
import whfbYamlSnippets from '../../../../snippets/whfb-yaml.json';

function labelText(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function insertedText(item: vscode.CompletionItem): string {
  const text = item.insertText ?? labelText(item);
  return typeof text === 'string' ? text : text.value;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : 'value' in part ? part.value : String(part)))).join('\n');
}

test('completion after an OMA-URI prefix offers the CSP nodes from the catalog', async () => {
  const editor = await openInEditor('policies', 'scratch.whfb.yaml');
  const position = positionOf(editor.document, 'Policies/', 'Policies/'.length);
  const list = await waitFor('completion items at the OMA-URI', async () => {
    const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    return result.items.some((item) => /UsePassportForWork/.test(labelText(item) + insertedText(item))) ? result : undefined;
  });
  const names = list.items.map((item) => labelText(item) + ' ' + insertedText(item)).join('\n');
  for (const node of ['UsePassportForWork', 'RequireSecurityDevice', 'UseCloudTrustForOnPremAuth']) {
    assert.match(names, new RegExp(node), `${node} is offered`);
  }
});

test('the policy file offers the packaged snippets where a setting can start', async () => {
  const editor = await openInEditor('policies', 'scratch.whfb.yaml');
  const end = editor.document.positionAt(editor.document.getText().length);
  const text = editor.document.getText();
  await editor.edit((edit) => edit.insert(end, `${text.endsWith('\n') ? '' : '\n'}  - `));
  const at = editor.document.positionAt(editor.document.getText().length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
  const snippets = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet);
  assert.ok(snippets.length > 0, `snippets offered; got ${list.items.map(labelText).join(', ') || 'nothing'}`);
  const packaged = Object.keys(whfbYamlSnippets);
  assert.ok(snippets.some((item) => packaged.includes(labelText(item))), `a snippet from snippets/whfb-yaml.json; got ${snippets.map(labelText).slice(0, 5).join(', ')}`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('hover on an OMA-URI explains the CSP node', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const position = positionOf(editor.document, 'RequireSecurityDevice', 3);
  const hovers = await waitFor('a hover on RequireSecurityDevice', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    return result.length > 0 && hoverText(result).length > 0 ? result : undefined;
  });
  const text = hoverText(hovers);
  assert.match(text, /RequireSecurityDevice/);
  assert.ok(text.length > 60, `the hover explains the node, got: ${text}`);

  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('editor.action.showHover');
  // README: the compact OMA-URI hover (essentials first), cut to the hover and its line.
  await screenshot('hover', '.monaco-hover .hover-contents', '.monaco-editor .monaco-hover, .monaco-editor.focused .current-line');
});

test('the quick fix for a misspelt node replaces it and the problem goes away', async () => {
  const editor = await openInEditor('policies', 'pilot-broken.whfb.yaml');
  const uri = editor.document.uri;
  const diagnostic = await waitFor('WHFB101 on the broken policy', () =>
    vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'WHFB101'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.edit && /UseCloudTrustForOnPremAuth\b/.test(action.title));
  assert.ok(fix, `a quick fix to UseCloudTrustForOnPremAuth; got: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
  assert.match(editor.document.getText(), /Policies\/UseCloudTrustForOnPremAuth\n/);
  await waitFor('WHFB101 to go away', () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'WHFB101'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});
