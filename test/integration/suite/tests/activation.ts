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
