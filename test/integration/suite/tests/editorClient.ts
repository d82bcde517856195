/**
 * The editor client as an admin meets it (issue 12): activation where only Intune exports are,
 * the cost of activation recorded for the benchmark, New policy, pickers, the checklist per
 * workspace folder and steady views.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WhfbExtensionApi } from '../../../../client/src/api';
import { test } from '../harness';
import { codeOf, extension, extensionApi, openInEditor, waitFor } from '../helpers';
import { logLine } from '../screenshots';

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

/** Writes the activation figures where the benchmark reads them (test-results/integration/activation.json). */
function recordActivation(pass: string, figures: ReturnType<WhfbExtensionApi['activation']>): void {
  const line = `activation (${pass} workspace): activate() ${figures.activateMs} ms, server ready after ${figures.readyMs ?? '?'} ms`;
  logLine(line);
  const folder = process.env.WHFB_IT_RESULTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `activation-${pass}.json`), `${JSON.stringify({ workspace: pass, ...figures, vscode: vscode.version }, null, 2)}\n`);
}

test('editor client, exports-only workspace: the extension starts by itself where Intune exports are, no sidebar click', async () => {
  // Nothing in this test calls activate(): the manifest's activation events must do it.
  await waitFor('the extension to activate in a workspace without *.whfb.yaml', () => extension().isActive);
}, { workspace: 'exports' });

test('editor client, exports-only workspace: an opened Settings Catalog export shows its problems', async () => {
  const editor = await openInEditor('Settings Catalog', 'settings-catalog-pin.json');
  await waitFor('WHFB120 on the Settings Catalog export', () => codes(editor.document.uri).includes('WHFB120'));
  const api = await extensionApi();
  await waitFor('the server-ready time', () => api.activation().readyMs !== undefined);
  recordActivation('exports', api.activation());
}, { workspace: 'exports' });

test('editor client: activation cost is measured and recorded (activate() and server ready)', async () => {
  const api = await extensionApi();
  await waitFor('the server-ready time', () => api.activation().readyMs !== undefined);
  const figures = api.activation();
  assert.ok(figures.activateMs >= 0 && figures.readyMs! >= figures.activateMs, JSON.stringify(figures));
  recordActivation('main', figures);
});
