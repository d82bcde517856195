/**
 * Issue 12 in the real workbench: completion and hover in an Intune Settings Catalog export as in
 * the policy file (point 2), and "Insert setting" from the end of a `value:` line (point 3).
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, positionOf, revertAndClose, runAcceptingPrompts, waitFor } from '../helpers';

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

test('an out-of-range value in a Settings Catalog export has a quick fix that brings it into range (point 2)', async () => {
  const editor = await openInEditor('intune', 'settings-catalog-pin.json');
  const { document } = editor;
  try {
    const at = positionOf(document, '"value": 8', '"value": '.length);
    await editor.edit((edit) => edit.replace(new vscode.Range(at, at.translate(0, 1)), '200'));
    const diagnostic = await waitFor('WHFB103 on the value 200', () => vscode.languages.getDiagnostics(document.uri)
      .find((item) => codeOf(item) === 'WHFB103' && item.range.contains(at)));
    const actions = await waitFor('a quick fix for WHFB103', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return found.some((action) => action.edit) ? found : undefined;
    });
    const fix = actions.find((action) => action.edit && /127/.test(action.title));
    assert.ok(fix, actions.map((action) => action.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit!);
    assert.match(document.getText(), /"value": 127/);
    await waitFor('WHFB103 to go', () => !vscode.languages.getDiagnostics(document.uri).some((item) => codeOf(item) === 'WHFB103' && item.range.start.line === at.line));
  } finally {
    await revertAndClose(document);
  }
});

test('hover on keys and values of a policy file: the key from the schema, trust with its model\'s summary and link, a value with its meaning (point 6)', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const hoverAt = (needle: string, delta: number) => waitFor(`a hover on ${needle.trim()}`, async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, needle, delta));
    const text = hoverText(result);
    return text.length > 0 ? text : undefined;
  });
  assert.match(await hoverAt('  trust:', 3), /\*\*trust\*\*[\s\S]*[Cc]loud Kerberos[\s\S]*\]\(https:\/\/learn\.microsoft\.com\//);
  assert.match(await hoverAt('  model:', 3), /\*\*model\*\* \(key of deployment/);
  assert.match(await hoverAt('deployment:', 2), /\*\*deployment\*\* \(top-level key/);
  assert.match(await hoverAt('    type: bool', 5), /\*\*type\*\* \(key of a settings entry/);
  const value = await hoverAt('    value: 1\n', 11);
  assert.match(value, /\*\*CloudKerberosTicketRetrievalEnabled\*\* = `1`/);
  assert.match(value, /Means: /);
});

test('the OMA-URI hover in the workbench is compact: essentials (through the Settings Catalog id) before the description, one hover height (point 7)', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const text = await waitFor('a hover on RequireSecurityDevice', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'RequireSecurityDevice', 3));
    const markdown = hoverText(result);
    return markdown.includes('RequireSecurityDevice') ? markdown : undefined;
  });
  const essentials = ['**Format:**', '**Allowed values:**', '**Default:**', '**Group Policy:**', '**Settings Catalog id:**'].map((part) => text.indexOf(part));
  assert.ok(essentials.every((at) => at >= 0), text);
  assert.deepEqual(essentials, essentials.slice().sort((a, b) => a - b), text);
  assert.ok(text.indexOf('Trusted Platform Module') > essentials[essentials.length - 1], 'the description after the essentials');
  assert.ok(text.split('\n').length <= 16 && text.length <= 1800, `${text.split('\n').length} lines, ${text.length} characters`);
});

test('one document link per OMA-URI, and WHFB101 names the unknown segment and the suggestion (point 10)', async () => {
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const links = await waitFor('the document links', async () => {
    const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    return found.length > 0 ? found : undefined;
  });
  const uriLines = editor.document.getText().split('\n').flatMap((line, index) => (/^\s*- omaUri:/.test(line) ? [index] : []));
  for (const line of uriLines) assert.equal(links.filter((link) => link.range.start.line === line).length, 1, `links on line ${line + 1}`);
  const broken = await openInEditor('intune', 'custom-profile.json');
  const unknown = await waitFor('WHFB101 on the custom profile', () => vscode.languages.getDiagnostics(broken.document.uri).find((item) => codeOf(item) === 'WHFB101'));
  assert.match(unknown.message, /^Unknown segment "[^"]+" under \S+: did you mean \S+\?$/);
  assert.ok(unknown.message.length < 100, unknown.message);
});
