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
import { shortModelName } from '../../../../client/src/commands/modelPicks';
import { isItemDone, progressText, readableTitle, sectionProgress } from '../../../../client/src/checklist/checklistView';
import type { Checklists, DeploymentModelChecklist } from '../../../../server/src/checklists/types';
import checklistsJson from '../../../../data/generated/checklists.json';
import { allItems } from '../../../../server/src/checklists/items';
import type { DrawnRow } from '../reporter';
import { test } from '../harness';
import { closeAllEditorsAndWait, codeOf, extension, extensionApi, openInEditor, revertAndClose, waitFor } from '../helpers';
import { drawnTreeRows, logLine, screenshot } from '../screenshots';

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

test('editor client, exports-only workspace: an Intune custom profile offers the guide settings where an omaSettings element starts', async () => {
  const editor = await openInEditor('custom-profile.json');
  const text = editor.document.getText();
  const at = editor.document.positionAt(text.indexOf('"omaSettings": [') + '"omaSettings": ['.length);
  const list = await waitFor('the guide snippets in omaSettings', async () => {
    const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    const labels = result.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    return labels.includes('Cloud Kerberos trust: custom profile settings') ? labels : undefined;
  });
  assert.ok(list.every((label) => !label.startsWith('whfb-guide-')));
  const uri = editor.document.positionAt(text.indexOf('UsePassportForWork') + 3);
  editor.selection = new vscode.Selection(uri, uri);
  await vscode.commands.executeCommand('editor.action.showHover');
  // README: the compact hover on an OMA-URI in an Intune custom profile export.
  await screenshot('intune-json-hover', '.monaco-hover .hover-contents', '.monaco-editor .monaco-hover, .monaco-editor.focused .current-line');
  await vscode.commands.executeCommand('editor.action.hideHover');
}, { workspace: 'exports' });

test('editor client, exports-only workspace: an OMA-URI in an Intune custom profile completes its next segment from the catalog, in the suggest widget', async () => {
  const editor = await openInEditor('custom-profile.json');
  const text = editor.document.getText();
  const at = editor.document.positionAt(text.indexOf('/Policies/UsePassportForWork') + '/Policies/'.length);
  const labels = await waitFor('the Policies nodes offered in the omaUri string', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    const offered = list.items.map(labelOf);
    return offered.includes('RequireSecurityDevice') && offered.includes('UseCloudTrustForOnPremAuth') ? offered : undefined;
  });
  assert.ok(!labels.some((label) => label.startsWith('whfb-guide-')), labels.join(', '));
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  // README: completion in an Intune JSON export, as the user sees it.
  await screenshot('intune-json-completion', '.suggest-widget.visible .monaco-list-row', '.suggest-widget.visible, .suggest-details-container, .monaco-editor.focused .current-line');
  await vscode.commands.executeCommand('hideSuggestWidget');
}, { workspace: 'exports' });

test('editor client: activation cost is measured and recorded (activate() and server ready)', async () => {
  const api = await extensionApi();
  await waitFor('the server-ready time', () => api.activation().readyMs !== undefined);
  const figures = api.activation();
  assert.ok(figures.activateMs >= 0 && figures.readyMs! >= figures.activateMs, JSON.stringify(figures));
  recordActivation('main', figures);
});

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const guideSnippets = (list: vscode.CompletionList) => list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet && /: (policy file|MDM settings|Group Policy)$/.test(labelOf(item)));

test('editor client: guide snippets with short names where a setting can start, none after type:', async () => {
  const editor = await openInEditor('policies', 'scratch.whfb.yaml');
  try {
    const text = editor.document.getText();
    const afterType = editor.document.positionAt(text.indexOf('type: ') + 'type: '.length);
    const atType = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, afterType);
    assert.deepEqual(guideSnippets(atType).map(labelOf), [], 'no snippet after type:');
    await editor.edit((edit) => edit.insert(editor.document.positionAt(text.length), `${text.endsWith('\n') ? '' : '\n'}  - `));
    const end = editor.document.positionAt(editor.document.getText().length);
    const list = await waitFor('the guide snippets at a new settings item', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
      return guideSnippets(result).length > 0 ? result : undefined;
    });
    const labels = guideSnippets(list).map(labelOf);
    assert.ok(labels.includes('Cloud Kerberos trust: MDM settings'), labels.join(', '));
    assert.ok(labels.every((label) => label.length <= 50 && /MDM settings/.test(label)), labels.join(', '));
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
});

test('editor client: New policy (cloud Kerberos trust) is clean and complete, and no checklist mark contradicts a finding', async () => {
  const api = await extensionApi();
  const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('whfb.newPolicy', { model: 'hybrid-cloud-kerberos-trust', tenantId: TENANT, untitled: true });
  assert.ok(editor, 'an editor with the new policy');
  const document = editor.document;
  try {
    const text = document.getText();
    assert.match(text, /^name: Windows Hello for Business - Cloud Kerberos trust/m);
    assert.match(text, /^ {2}join: hybrid$/m);
    assert.match(text, /^ {2}minimumOsBuild: "10\.0\.19044\.1566"/m);
    const summary = await waitFor('the server to summarise the new policy', async () => {
      const answer = await api.refreshActivePolicy();
      return answer?.uri === document.uri.toString() ? answer : undefined;
    });
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).map((d) => `${codeOf(d)} ${d.message}`), []);
    await waitFor('the checklist to show the cloud Kerberos trust model', () => api.checklist.getModels().includes('hybrid-cloud-kerberos-trust'));
    const marked = api.checklist.getItems().filter((item) => item.settingsStatus);
    assert.ok(marked.some((item) => item.settingsStatus === 'ok'), 'the policy settings step is marked right');
    // The open policy decides the marks of the settings it sets: none contradicts its (absent)
    // findings. Steps about settings it leaves out are marked from the workspace's other files
    // (issue 13 point 5), and this fixture workspace holds deliberate conflicts.
    const set = new Set(summary.settings.map((setting) => setting.path?.toLowerCase()));
    const items = allItems((checklistsJson as unknown as Checklists).models.flatMap((model) => model.sections.flatMap((section) => section.items)));
    const ownSettingsOnly = (id: string) => {
      const item = items.find((candidate) => candidate.id === id);
      return item !== undefined && item.settings.length > 0 && item.settings.every((path) => set.has(path.toLowerCase()));
    };
    assert.deepEqual(marked.filter((item) => item.settingsStatus === 'problem' && ownSettingsOnly(item.id)).map((item) => item.title), []);
  } finally {
    await revertAndClose(document);
  }
});

test('editor client: the checklist keeps a chosen model beside the open policy\'s, and switching editors hides neither', async () => {
  const api = await extensionApi();
  await closeAllEditorsAndWait();
  await api.checklist.setModel('cloud-only');
  try {
    await openInEditor('policies', 'pilot-clean.whfb.yaml');
    await waitFor('both models side by side', () => {
      const models = api.checklist.getModels();
      return models.includes('hybrid-cloud-kerberos-trust') && models.includes('cloud-only');
    });
    await vscode.commands.executeCommand('workbench.view.extension.whfb');
    await waitFor('the view to show both models', () => api.checklist.getItems().length > 0);
    // What the workbench draws, not what the provider answers: under each model's row, that
    // model's own sections (VS Code once drew the first model's steps under the second).
    await assertModelsDrawnWithOwnSections(api);
    // Another file that selects no model: the models stay.
    await openInEditor('package.json');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const models = api.checklist.getModels();
    assert.ok(models.includes('hybrid-cloud-kerberos-trust') && models.includes('cloud-only'), models.join(', '));
  } finally {
    await api.checklist.setModel(undefined);
  }
});

/**
 * Reads the checklist rows the workbench draws and checks that each model row is followed, one
 * level deeper, by that model's own sections (title and "done/total" of its own steps), and that
 * no step of one model is drawn under the other. Without the runner (no page to read): skipped.
 */
async function assertModelsDrawnWithOwnSections(api: WhfbExtensionApi): Promise<void> {
  const checklists = checklistsJson as unknown as Checklists;
  const shown = api.checklist.getModels().map((id) => checklists.models.find((model) => model.id === id)!);
  const expected = (model: DeploymentModelChecklist) => model.sections.filter((section) => section.items.length > 0)
    .map((section) => `${section.title} /${sectionProgress(section.items, () => false).total}`);
  const sectionsUnder = (rows: readonly DrawnRow[]) => {
    const under = new Map<string, string[]>();
    let current: string[] | undefined;
    for (const row of rows) {
      if (row.level === 1) under.set(row.label, current = []);
      else if (row.level === 2 && current) current.push(`${row.label} /${/\/(\d+)/.exec(row.description)?.[1] ?? '?'}`);
    }
    return under;
  };
  let last: DrawnRow[] = [];
  const drawn = await waitFor('the checklist rows to show every model with its own sections', async () => {
    const rows = await drawnTreeRows('checklist');
    if (rows === undefined) return [];
    last = rows;
    const under = sectionsUnder(rows);
    return shown.every((model) => JSON.stringify(under.get(shortModelName(model))) === JSON.stringify(expected(model))) ? rows : undefined;
  }, 10_000).catch((error: Error) => {
    throw new Error(`${error.message}\ndrawn:\n${last.map((row) => `${'  '.repeat(row.level)}${row.label} ${row.description}`).join('\n')}`);
  });
  if (drawn.length === 0) return;
  // Nothing of the hybrid model's Entra Kerberos step under the cloud-only model.
  const cloudOnly = drawn.findIndex((row) => row.level === 1 && /^Cloud-only/.test(row.label));
  assert.ok(cloudOnly >= 0, 'a Cloud-only row');
  const next = drawn.findIndex((row, index) => index > cloudOnly && row.level === 1);
  const underCloudOnly = drawn.slice(cloudOnly + 1, next < 0 ? undefined : next).map((row) => row.label);
  assert.ok(!underCloudOnly.some((label) => /Kerberos/.test(label)), underCloudOnly.join(', '));
}

const checklistModel = (id: string) => (checklistsJson as unknown as Checklists).models.find((model) => model.id === id)!;
const itemOf = (model: DeploymentModelChecklist, path: string) => {
  const item = model.sections.flatMap((section) => section.items).find((candidate) => candidate.id === `${model.id}/${path}`);
  assert.ok(item, `${model.id}/${path} in the generated checklists`);
  return item;
};

/**
 * The rows the checklist must draw for the models shown: each model row, under it its own
 * sections (expanded), under each section its own steps; for the models in `known`, each step's
 * checkbox and each section's "done/total" as the ticks say. A mismatch names the first row that
 * differs and prints what was drawn.
 */
async function assertChecklistDrawn(api: WhfbExtensionApi, known: ReadonlyMap<string, ReadonlySet<string>>, what: string): Promise<void> {
  interface ExpectedRow { level: number; label: string; description?: string; checked?: boolean }
  const expectedRows = () => api.checklist.getModels().flatMap((id): ExpectedRow[] => {
    const model = checklistModel(id);
    const ticked = known.get(id);
    const isTicked = (itemId: string) => ticked?.has(itemId) ?? false;
    return [
      { level: 1, label: shortModelName(model) },
      ...model.sections.filter((section) => section.items.length > 0).flatMap((section) => [
        { level: 2, label: section.title, description: ticked ? progressText(sectionProgress(section.items, isTicked)) : undefined },
        ...section.items.map((item) => ({ level: 3, label: readableTitle(item.title), checked: ticked ? isItemDone(item, isTicked) : undefined })),
      ]),
    ];
  });
  let last: DrawnRow[] = [];
  let mismatch = '';
  const drawn = await waitFor(`the checklist rows ${what}`, async () => {
    const rows = await drawnTreeRows('checklist');
    if (rows === undefined) return [];
    last = rows;
    const expected = expectedRows();
    // Rows deeper than a step (an expanded step's own list) are not the layout under test.
    const shown = rows.filter((row) => row.level <= 3);
    const at = expected.findIndex((row, index) => {
      const got = shown[index];
      return !got || got.level !== row.level || got.label !== row.label
        || (row.description !== undefined && !got.description.startsWith(row.description))
        || (row.checked !== undefined && got.checked !== row.checked);
    });
    if (at < 0 && shown.length === expected.length) return rows;
    mismatch = at < 0 ? `${shown.length} rows drawn, ${expected.length} expected` : `row ${at}: expected ${JSON.stringify(expected[at])}, drawn ${JSON.stringify(shown[at])}`;
    return undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${mismatch}\ndrawn:\n${last.map((row) => `${'  '.repeat(row.level)}${row.checked === true ? '[x] ' : row.checked === false ? '[ ] ' : ''}${row.label} ${row.description}`).join('\n')}`);
  });
  if (drawn.length > 0) logLine(`checklist ${what}: ${drawn.length} rows drawn as expected`);
}

test('editor client: side by side, every model\'s sections are drawn expanded with its own steps; ticks in both models are drawn and survive switching editors', async () => {
  const api = await extensionApi();
  await closeAllEditorsAndWait();
  await api.checklist.setModel('cloud-only');
  const hybrid = checklistModel('hybrid-cloud-kerberos-trust');
  const cloudOnly = checklistModel('cloud-only');
  const allTopItems = (model: DeploymentModelChecklist) => model.sections.flatMap((section) => section.items);
  try {
    // A known state for both models: nothing done, then five steps of one and two of the other.
    for (const item of [...allTopItems(hybrid), ...allTopItems(cloudOnly)]) await api.checklist.toggle(item.id, false);
    await openInEditor('policies', 'pilot-clean.whfb.yaml');
    await waitFor('both models side by side', () => {
      const models = api.checklist.getModels();
      return models.includes('hybrid-cloud-kerberos-trust') && models.includes('cloud-only');
    });
    await vscode.commands.executeCommand('whfb.checklist.focus');
    const ticked = new Map<string, Set<string>>([[hybrid.id, new Set()], [cloudOnly.id, new Set()]]);
    await assertChecklistDrawn(api, ticked, 'with nothing ticked');
    // Authentication (four things to do) and Device configuration: 5 of the hybrid model's 17.
    const hybridTicks = ['prerequisites/authentication', 'prerequisites/device-configuration'].map((path) => itemOf(hybrid, path));
    const cloudOnlyTicks = ['prerequisites/device-configuration', 'prerequisites/licensing-for-cloud-services'].map((path) => itemOf(cloudOnly, path));
    // Ticks in both models while the editor changes: each tick refreshes the tree while the
    // workbench may still be fetching the rows of the previous refresh.
    await Promise.all([
      ...hybridTicks.map((item) => api.checklist.toggle(item.id, true)),
      ...cloudOnlyTicks.map((item) => api.checklist.toggle(item.id, true)),
      openInEditor('package.json'),
    ]);
    for (const item of hybridTicks) ticked.get(hybrid.id)!.add(item.id);
    for (const item of cloudOnlyTicks) ticked.get(cloudOnly.id)!.add(item.id);
    await assertChecklistDrawn(api, ticked, 'with ticks in both models, another file open');
    await openInEditor('policies', 'pilot-broken.whfb.yaml');
    await assertChecklistDrawn(api, ticked, 'after switching to another policy');
    await openInEditor('policies', 'pilot-clean.whfb.yaml');
    await assertChecklistDrawn(api, ticked, 'back on the first policy');
    // Collapse everything and expand it again: the rows come back under their own parents.
    await vscode.commands.executeCommand('workbench.actions.treeView.whfb.checklist.collapseAll');
    await waitFor('the models to collapse', async () => {
      const rows = await drawnTreeRows('checklist');
      return rows === undefined || rows.every((row) => row.level === 1);
    });
    await vscode.commands.executeCommand('whfb.checklist.focus');
    // Expands the collapsed model and section rows one by one, as the keyboard does.
    for (;;) {
      const rows = await drawnTreeRows('checklist');
      const at = rows ? rows.findIndex((row) => row.level < 3 && row.expanded === false) : -1;
      if (at < 0) break;
      await vscode.commands.executeCommand('list.focusFirst');
      for (let step = 0; step < at; step++) await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('list.expand');
      await waitFor(`row ${at} to expand`, async () => (await drawnTreeRows('checklist'))?.[at]?.expanded !== false);
    }
    await assertChecklistDrawn(api, ticked, 'collapsed and expanded again');
    // README: overall progress in the view's title ("Cloud Kerberos trust (hybrid) 5/17 · ..."),
    // in a side bar wide enough to show it.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('list.focusFirst');
    // The focused part is resized (in the headless workbench the editor keeps the focus): a
    // narrower editor leaves its width to the side bar.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let step = 0; step < 4; step++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    try {
      await screenshot('checklist-overall-progress', '[id="workbench.view.extension.whfb"] .monaco-list-row', '.part.sidebar');
    } finally {
      for (let step = 0; step < 4; step++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    }
  } finally {
    for (const item of [...allTopItems(hybrid), ...allTopItems(cloudOnly)]) await api.checklist.toggle(item.id, false);
    await api.checklist.setModel(undefined);
  }
});
