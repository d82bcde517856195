/**
 * Issue 12 in the real workbench: completion and hover in an Intune Settings Catalog export as in
 * the policy file (point 2), and "Insert setting" from the end of a `value:` line (point 3).
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, positionOf, runAcceptingPrompts, waitFor } from '../helpers';

const USE_ID = 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : 'value' in part ? part.value : String(part)))).join('\n');
}

test('an Intune Settings Catalog export completes choice values and setting ids from the catalog', async () => {
  const editor = await openInEditor('intune', 'settings-catalog-pin.json');
  const { document } = editor;
  const inChoice = positionOf(document, `${USE_ID}_true`, USE_ID.length + 2);
  const choices = await waitFor('choice value completion', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inChoice);
    return list.items.some((item) => labelOf(item) === `${USE_ID}_false`) ? list : undefined;
  });
  assert.ok(choices.items.some((item) => labelOf(item) === `${USE_ID}_true` && /Enabled/.test(item.detail ?? '')), 'each option with its meaning');

  const inId = positionOf(document, `"settingDefinitionId": "${USE_ID}"`, 30);
  const ids = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inId);
  assert.ok(ids.items.some((item) => labelOf(item) === 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice'), `catalog ids offered; got ${ids.items.slice(0, 5).map(labelOf).join(', ')}`);
});

test('hover on a Settings Catalog choice value says what the option means', async () => {
  const editor = await openInEditor('intune', 'settings-catalog-pin.json');
  const position = positionOf(editor.document, `${USE_ID}_true`, USE_ID.length + 2);
  const hovers = await waitFor('a hover on the choice value', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    return result.length > 0 ? result : undefined;
  });
  assert.match(hoverText(hovers), /UsePassportForWork\*\* = `true`/);
  assert.match(hoverText(hovers), /Means: Enabled/);
});

test('Insert setting from the end of a `value:` line adds an entry of its own, and the policy stays well-formed', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const { document } = editor;
  const before = document.getText();
  const lastValue = before.lastIndexOf('value:');
  const lineEnd = document.positionAt(lastValue).line;
  const end = document.lineAt(lineEnd).range.end;
  editor.selection = new vscode.Selection(end, end);
  await runAcceptingPrompts('whfb.insertSetting', true);
  const after = document.getText();
  assert.equal((after.match(/^ {2}- omaUri:/gm) ?? []).length, (before.match(/^ {2}- omaUri:/gm) ?? []).length + 1, `a new entry at the list's indentation:\n${after}`);
  assert.ok(after.startsWith(before.slice(0, document.offsetAt(end))), 'the value line is kept as it was');
  const malformed = await waitFor('diagnostics of the edited version', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return vscode.languages.getDiagnostics(document.uri).filter((d) => codeOf(d) === 'WHFB001' || codeOf(d) === 'WHFB002');
  });
  assert.deepEqual(malformed.map((d) => `${codeOf(d)} ${d.message}`), []);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});
