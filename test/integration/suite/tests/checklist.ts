import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from '../harness';
import { extensionApi, openInEditor, waitFor, workspaceUri } from '../helpers';
import { screenshot } from '../screenshots';
import type { Checklists } from '../../../../server/src/checklists/types';
import checklistsJson from '../../../../data/generated/checklists.json';
import { allItems } from '../../../../server/src/checklists/items';

const checklists = checklistsJson as unknown as Checklists;

test('the checklist follows the open policy: hybrid cloud Kerberos trust, with its steps', async () => {
  const api = await extensionApi();
  await openInEditor('policies', 'pilot-clean.whfb.yaml');
  await waitFor('the checklist model from the policy', () => api.checklist.getModel() === 'hybrid-cloud-kerberos-trust');
  assert.equal(api.checklist.getModelSource(), 'policy');
  const items = api.checklist.getItems();
  assert.ok(items.length >= 4, `the model has its prerequisites and steps; got ${items.length}`);
  const model = checklists.models.find((m) => m.id === 'hybrid-cloud-kerberos-trust')!;
  assert.deepEqual(items.map((item) => item.id), model.sections.flatMap((section) => allItems(section.items).map((item) => item.id)),
    'the view has exactly the steps the guide lists, each followed by the things to do inside it, in order');
  // The guide's own lists are the top level; the things to do inside a step name it as their parent.
  assert.deepEqual(items.filter((item) => !item.parent).map((item) => item.id), model.sections.flatMap((section) => section.items.map((item) => item.id)));
  const parent = items.find((item) => items.some((child) => child.parent === item.id))!;
  assert.match(parent.progress ?? '', /^0\/\d+$/, `${parent.id} counts its children`);
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

test('ticking a step with children ticks each of them; the step is done when they all are', async () => {
  const api = await extensionApi();
  await waitFor('the checklist model', () => api.checklist.getModel());
  const items = api.checklist.getItems();
  const parent = items.find((item) => items.some((child) => child.parent === item.id))!;
  const children = items.filter((item) => item.parent === parent.id);
  assert.ok(children.length >= 2, `${parent.id} has things to do inside it`);
  const statePath = api.checklist.stateFilePath()!;
  try {
    for (const child of children.slice(0, -1)) assert.equal((await api.checklist.toggle(child.id, true)).kind, 'ok');
    let now = api.checklist.getItems();
    assert.equal(now.find((i) => i.id === parent.id)?.done, false, 'not done while a child is not');
    assert.equal(now.find((i) => i.id === parent.id)?.progress, `${children.length - 1}/${children.length}`);
    await api.checklist.toggle(children[children.length - 1]!.id, true);
    now = api.checklist.getItems();
    assert.equal(now.find((i) => i.id === parent.id)?.done, true, 'done once every child is');
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { items: Record<string, { done: boolean }> };
    for (const child of children) assert.equal(saved.items[child.id]?.done, true, `${child.id} is saved by its own id`);
    // Unticking the step unticks what is inside it.
    await api.checklist.toggle(parent.id, false);
    assert.deepEqual(api.checklist.getItems().filter((i) => i.id === parent.id || i.parent === parent.id).filter((i) => i.done).map((i) => i.id), []);
  } finally {
    await vscode.commands.executeCommand('whfb.resetChecklist', { skipConfirmation: true });
  }
}, { timeoutMs: 60_000 });

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
