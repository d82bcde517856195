import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from '../harness';
import { extensionApi, openInEditor, waitFor, workspaceUri } from '../helpers';
import { screenshot } from '../screenshots';
import type { Checklists } from '../../../../server/src/checklists/types';
import checklistsJson from '../../../../data/generated/checklists.json';

const checklists = checklistsJson as unknown as Checklists;

test('the checklist follows the open policy: hybrid cloud Kerberos trust, with its steps', async () => {
  const api = await extensionApi();
  await openInEditor('policies', 'pilot-clean.whfb.yaml');
  await waitFor('the checklist model from the policy', () => api.checklist.getModel() === 'hybrid-cloud-kerberos-trust');
  assert.equal(api.checklist.getModelSource(), 'policy');
  const items = api.checklist.getItems();
  assert.ok(items.length >= 4, `the model has its prerequisites and steps; got ${items.length}`);
  const model = checklists.models.find((m) => m.id === 'hybrid-cloud-kerberos-trust')!;
  assert.deepEqual(items.map((item) => item.id), model.sections.flatMap((section) => section.items.map((item) => item.id)),
    'the view has exactly the steps the guide lists, in order');
  for (const item of items) assert.match(item.href, /^https:\/\/learn\.microsoft\.com\//, `${item.id} links to its guide section`);
  // Steps that concern settings say how the open (clean) policy handles them.
  const withSettings = items.filter((item) => item.settingsStatus !== undefined);
  assert.ok(withSettings.some((item) => /UsePassportForWork ✓|✓/.test(item.settingsDescription ?? '')), `a step shows a set setting; got ${withSettings.map((i) => i.settingsDescription).join(' | ')}`);
});

test('ticking a checklist step saves it in the workspace state file .whfb/checklist.json', async () => {
  const api = await extensionApi();
  await waitFor('the checklist model', () => api.checklist.getModel());
  const item = api.checklist.getItems()[0]!;
  const status = await api.checklist.toggle(item.id, true);
  assert.equal(status.kind, 'ok', `the state file is writable: ${JSON.stringify(status)}`);
  const statePath = api.checklist.stateFilePath();
  assert.ok(statePath && /[\\/]\.whfb[\\/]checklist\.json$/.test(statePath), `state file in .whfb/: ${statePath}`);
  assert.ok(existsSync(statePath), 'the state file exists');
  const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { version: number; items: Record<string, { done: boolean }> };
  assert.equal(saved.version, 1);
  assert.equal(saved.items[item.id]?.done, true, `${item.id} is saved as done`);
  assert.equal(api.checklist.getItems().find((i) => i.id === item.id)?.done, true, 'the view shows it done');

  await vscode.commands.executeCommand('whfb.checklist.focus');
  await screenshot('checklist', '[id="workbench.view.extension.whfb"] .monaco-list-row, .pane-body .monaco-list-row');

  await api.checklist.toggle(item.id, false);
  const after = JSON.parse(readFileSync(statePath, 'utf8')) as { items: Record<string, { done: boolean }> };
  assert.equal(after.items[item.id]?.done, undefined, 'unticking removes it from the file');
});

test('a setting the policy lacks but its trust type needs shows as a problem (linked by the diagnostic\'s paths)', async () => {
  const api = await extensionApi();
  // The clean pilot without UseCloudTrustForOnPremAuth: WHFB130 asks for it, by path in its data.
  const clean = readFileSync(workspaceUri('policies', 'pilot-clean.whfb.yaml').fsPath, 'utf8');
  const lacking = clean.replace(/ {2}- omaUri: \S*UseCloudTrustForOnPremAuth\n {4}type: bool\n {4}value: true\n/, '');
  assert.notEqual(lacking, clean);
  writeFileSync(workspaceUri('policies', 'lacking-cloud-trust.whfb.yaml').fsPath, lacking);
  try {
    await openInEditor('policies', 'lacking-cloud-trust.whfb.yaml');
    const item = await waitFor('a step showing UseCloudTrustForOnPremAuth as a problem', () =>
      api.checklist.getItems().find((i) => /UseCloudTrustForOnPremAuth ⚠/.test(i.settingsDescription ?? '')));
    assert.equal(item.settingsStatus, 'problem');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await openInEditor('policies', 'pilot-clean.whfb.yaml');
  }
});
