import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { closeAllEditorsAndWait, codeOf, extensionApi, openInEditor, positionOf, revertAndClose, runAcceptingPrompts, waitFor } from '../helpers';

test('every WHfB command is registered', async () => {
  await extensionApi();
  const all = await vscode.commands.getCommands(true);
  for (const id of ['whfb.newPolicy', 'whfb.insertSetting', 'whfb.openReference', 'whfb.chooseDeploymentModel',
    'whfb.resetChecklist', 'whfb.exportChecklist', 'whfb.checklist.openGuide', 'whfb.revealSetting']) {
    assert.ok(all.includes(id), `${id} is registered`);
  }
});

test('WHfB: New policy creates a policy (first model, zero tenant GUID, untitled) with no errors or warnings', async () => {
  await extensionApi();
  const editor = await runAcceptingPrompts<vscode.TextEditor | undefined>('whfb.newPolicy', true);
  assert.ok(editor, 'the command opened an editor');
  const document = editor.document;
  assert.equal(document.languageId, 'whfb-yaml');
  assert.match(document.getText(), /^whfb: 1$/m);
  assert.match(document.getText(), /^deployment:$/m);
  // The language server sees untitled documents too; its summary proves it has validated this one.
  const api = await extensionApi();
  await waitFor('the server to summarise the new policy', async () => {
    const summary = await api.refreshActivePolicy();
    return summary?.uri === document.uri.toString() ? summary : undefined;
  });
  const problems = vscode.languages.getDiagnostics(document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
  assert.deepEqual(problems.map((d) => `${codeOf(d)}: ${d.message}`), []);
  await revertAndClose(document);
});

test('WHfB: Insert setting adds an OMA-URI entry to the policy under the cursor', async () => {
  const editor = await openInEditor('policies', 'scratch.whfb.yaml');
  const before = editor.document.getText();
  editor.selection = new vscode.Selection(editor.document.positionAt(before.length), editor.document.positionAt(before.length));
  await runAcceptingPrompts('whfb.insertSetting', true);
  const after = editor.document.getText();
  assert.ok(after.length > before.length, 'text was inserted');
  const omaUris = after.match(/omaUri:/g) ?? [];
  assert.equal(omaUris.length, (before.match(/omaUri:/g) ?? []).length + 1, `one more omaUri entry:\n${after}`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('WHfB: Choose deployment model sets the checklist model when no policy selects one', async () => {
  const api = await extensionApi();
  await closeAllEditorsAndWait();
  const chosen = await runAcceptingPrompts<string | undefined>('whfb.chooseDeploymentModel', true);
  assert.ok(chosen, 'a model was chosen');
  await waitFor(`the checklist to show ${chosen}`, () => api.checklist.getModel() === chosen);
  assert.equal(api.checklist.getModelSource(), 'chosen');
});

test('WHfB: Export checklist opens a Markdown report of the steps', async () => {
  await extensionApi();
  const report = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('whfb.exportChecklist');
  assert.ok(report, 'a report document');
  assert.equal(report.languageId, 'markdown');
  assert.match(report.getText(), /^# WHfB deployment checklist: /);
  assert.match(report.getText(), /- \[[ x]\] /);
  await revertAndClose(report);
});

test('WHfB: Reveal setting selects the setting in its policy file', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const start = positionOf(editor.document, 'RequireSecurityDevice');
  const range = new vscode.Range(start, start.translate(0, 'RequireSecurityDevice'.length));
  await closeAllEditorsAndWait();
  await vscode.commands.executeCommand('whfb.revealSetting', editor.document.uri.toString(),
    { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } });
  const active = await waitFor('the policy in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === editor.document.uri.toString() && vscode.window.activeTextEditor);
  assert.equal(active.document.getText(active.selection), 'RequireSecurityDevice');
});
