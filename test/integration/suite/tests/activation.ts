import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { extension, openInEditor, waitFor } from '../helpers';

test('VS Code is the real thing, with the extension under test loaded', () => {
  assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  assert.ok(extension().extensionPath, 'the extension has a path');
});

test('opening a *.whfb.yaml activates the extension and gives it the whfb-yaml language', async () => {
  const editor = await openInEditor('policies', 'pilot-broken.whfb.yaml');
  await waitFor('the extension to activate', () => extension().isActive);
  assert.equal(editor.document.languageId, 'whfb-yaml');
});

test('the manifest text is localized: VS Code resolves every %key% placeholder from package.nls.json', async () => {
  const manifest = extension().packageJSON as any;
  assert.equal(manifest.displayName, 'WHfB Policy Tools');
  const newPolicy = manifest.contributes.commands.find((c: { command: string }) => c.command === 'whfb.newPolicy');
  assert.equal(newPolicy.title, 'New policy…');
  assert.equal(newPolicy.category, 'WHfB');
  assert.equal(manifest.contributes.views.whfb[0].name, 'Deployment checklist');
  assert.match(manifest.contributes.configuration.properties['whfb.rules'].markdownDescription, /^Severity per rule code/);
  // The Command Palette's list is built from the same resolved manifest.
  const all = await vscode.commands.getCommands(true);
  assert.ok(all.includes('whfb.newPolicy'));
  const unresolved: string[] = [];
  const walk = (where: string, value: unknown) => {
    if (typeof value === 'string') { if (/^%[^%\s]+%$/.test(value)) unresolved.push(`${where}: ${value}`); }
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(`${where}.${key}`, item);
  };
  walk('package.json', manifest);
  assert.deepEqual(unresolved, []);
});
