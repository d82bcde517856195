/**
 * The pickers as the workbench draws them (issue 12 point 8): Insert setting opens on the
 * settings the policy's guide configures, each with its type and default; the New policy model
 * picker has short names, a line on when to choose each model and cloud Kerberos trust marked as
 * the guides' recommendation for hybrid; completion at a new policy's root offers labels that can
 * be told apart in the suggest widget. The rows are read from the page
 * (scripts/integration/session.mjs), not from what the extension handed to VS Code.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { Checklists } from '../../../../server/src/checklists/types';
import checklistsJson from '../../../../data/generated/checklists.json';
import { guideSettingPaths } from '../../../../client/src/commands/settingPickGroups';
import type { DrawnList, DrawnListRow } from '../reporter';
import { test } from '../harness';
import { closeAllEditorsAndWait, extensionApi, openInEditor, revertAndClose, waitFor } from '../helpers';
import { QUICK_INPUT, SUGGEST_WIDGET, drawnList, logLine, readsWorkbench } from '../screenshots';

const checklists = checklistsJson as unknown as Checklists;
const modelOf = (id: string) => checklists.models.find((model) => model.id === id)!;
const TYPES = ['bool', 'int', 'string', 'xml', 'base64', 'float', 'date'];

const describe = (rows: readonly DrawnListRow[]) => rows.map((row) => `${row.separator ? `[${row.separator}] ` : ''}${row.icons.map((icon) => `$(${icon})`).join('')}${row.label} | ${row.description}${row.detail ? ` | ${row.detail}` : ''}`).join('\n');

/**
 * Waits until the quick input shows `title` with rows drawn; fails with what was drawn last. The
 * list fills in once the command's items arrive from the language server, so an empty list or
 * another title is waited out, not judged. A read scrolls the whole list through (session.mjs
 * 'list'), which takes a while on a busy machine: hence the longer wait.
 */
async function drawnQuickPick(title: string): Promise<DrawnList> {
  let last: DrawnList | undefined;
  return waitFor(`the quick pick "${title}" to draw its rows`, async () => {
    last = await drawnList(QUICK_INPUT);
    return last && last.title.includes(title) && last.rows.length > 0 ? last : undefined;
  }, 120_000).catch((error: Error) => {
    throw new Error(`${error.message}\ndrawn: ${last ? `"${last.title}"\n${describe(last.rows)}` : 'no quick input'}`);
  });
}

/**
 * Closes the quick input as Escape does until the command that opened it returns (a picker still
 * on its way is closed when it arrives), and resolves with what the command returned.
 */
async function closeQuickPick<T>(command: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => { settled = true; });
  await waitFor('the command to return once its picker is closed', async () => {
    if (settled) return true;
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 250))]);
    return settled;
  });
  return result;
}

/** Runs the assertions on `rows`; when one fails, prints every row drawn (a failure message is cut to a few lines). */
function withDrawn(what: string, rows: readonly DrawnListRow[], assertions: () => void): void {
  try {
    assertions();
  } catch (error) {
    logLine(`${what} as drawn (${rows.length} rows):\n${describe(rows)}`);
    throw error;
  }
}

/** Splits drawn quick pick rows into groups at each group label (on a row or a separator row). */
function groupsOf(rows: readonly DrawnListRow[]): { label: string; rows: DrawnListRow[] }[] {
  const groups: { label: string; rows: DrawnListRow[] }[] = [];
  for (const row of rows) {
    if (row.separatorRow) { groups.push({ label: row.label, rows: [] }); continue; }
    if (row.separator || groups.length === 0) groups.push({ label: row.separator, rows: [] });
    groups[groups.length - 1].rows.push(row);
  }
  return groups;
}

/** The OMA-URI at the end of an Insert setting row's description ("bool · default true · ./Device/…"). */
const pathOf = (row: DrawnListRow) => row.description.split(' · ').pop() ?? '';
const isCertificateInstall = (row: DrawnListRow) => /\/ClientCertificateInstall\//i.test(pathOf(row));

test('pickers, as drawn: Insert setting opens on the settings the policy\'s guide configures, each with its type and default, no certificate-install setting before them', async () => {
  const api = await extensionApi();
  await closeAllEditorsAndWait();
  const model = modelOf('hybrid-cloud-kerberos-trust');
  await openInEditor('policies', 'pilot-clean.whfb.yaml');
  await waitFor('the open policy\'s model to lead the checklist', () => api.checklist.getModel() === model.id);
  const command = vscode.commands.executeCommand<boolean>('whfb.insertSetting');
  let inserted: boolean | undefined;
  try {
    if (!readsWorkbench()) return;
    const drawn = await drawnQuickPick('Insert WHfB setting');
    const groups = groupsOf(drawn.rows);
    const first = groups[0].rows;
    const items = drawn.rows.filter((row) => !row.separatorRow);
    withDrawn('Insert setting', drawn.rows, () => {
      assert.equal(groups[0].label, `Settings your guide configures (${model.title})`);
      const guide = guideSettingPaths(model);
      const strangers = first.filter((row) => !guide.has(pathOf(row).toLowerCase()));
      assert.deepEqual(strangers.map(pathOf), [], 'the first group holds the guide\'s settings only');
      const names = first.map((row) => row.label);
      for (const name of ['UsePassportForWork', 'UseCloudTrustForOnPremAuth', 'RequireSecurityDevice']) {
        assert.ok(names.includes(name), `${name} in the first group: ${names.join(', ')}`);
      }
      assert.deepEqual(groups.slice(1).filter((group) => group.label === '').map((group) => group.rows[0]?.label), [], 'every further group is labelled');
      const firstCertificate = drawn.rows.findIndex(isCertificateInstall);
      assert.ok(firstCertificate > first.length, `no certificate-install setting before or among the guide's ${first.length} settings (first at row ${firstCertificate})`);
      // "type · default value · OMA-URI": the type on every row, the default where the catalog has one.
      const untyped = items.filter((row) => !TYPES.includes(row.description.split(' · ')[0]));
      assert.deepEqual(untyped.map((row) => `${row.label} | ${row.description}`), [], 'every setting shows its type first');
      assert.match(first.find((row) => row.label === 'UsePassportForWork')!.description, /^bool · default (true|false) · \.\/Device\/Vendor\/MSFT\/PassportForWork\//i);
      assert.ok(first.filter((row) => / · default /.test(row.description)).length >= first.length / 2, 'the defaults of the guide\'s settings are shown');
    });
    logLine(`Insert setting: ${items.length} settings drawn in ${groups.length} groups, ${first.length} from the guide first`);
  } finally {
    inserted = await closeQuickPick(command);
  }
  assert.equal(inserted, false, 'nothing inserted');
});

test('pickers, as drawn: New policy offers the models by short name, each with when to choose it, cloud Kerberos trust marked as the recommendation for hybrid', async () => {
  await extensionApi();
  await closeAllEditorsAndWait();
  const untitledPolicies = () => vscode.workspace.textDocuments.filter((document) => document.isUntitled && document.languageId === 'whfb-yaml' && !document.isClosed);
  const before = new Set(untitledPolicies());
  const command = vscode.commands.executeCommand<vscode.TextEditor | undefined>('whfb.newPolicy');
  let created: vscode.TextEditor | undefined;
  try {
    if (!readsWorkbench()) return;
    const drawn = await drawnQuickPick('New WHfB policy (1/3)');
    const rows = drawn.rows;
    withDrawn('New policy', rows, () => {
      assert.equal(rows.length, checklists.models.length);
      const names = rows.map((row) => row.label.trim());
      assert.equal(new Set(names).size, names.length, `distinct names: ${names.join(', ')}`);
      assert.deepEqual(rows.filter((row) => row.visibleLabel !== row.label).map((row) => row.label), [], 'no name is cut off');
      for (const name of names) assert.ok(name.length <= 32 && !/guide|deployment|Windows Hello/i.test(name), `a short name: "${name}"`);
      // The guides' one line on when to choose the model, under its name.
      for (const model of checklists.models) {
        assert.ok(model.choose && rows.some((row) => row.detail === model.choose), `the line on when to choose ${model.id} ("${model.choose}")`);
      }
      const recommended = rows.filter((row) => /recommendation/.test(row.description) || row.icons.includes('star-full'));
      assert.deepEqual(recommended.map((row) => row.label.trim()), ['Cloud Kerberos trust (hybrid)']);
      assert.match(recommended[0].description, /the guides' recommendation for hybrid/);
      assert.deepEqual(recommended[0].icons, ['star-full']);
    });
  } finally {
    created = await closeQuickPick(command);
  }
  assert.equal(created, undefined, 'no policy created');
  assert.deepEqual(untitledPolicies().filter((document) => !before.has(document)).map((document) => document.uri.toString()), [], 'no untitled policy opened');
});

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/**
 * Triggers the suggest widget at `at` and reads its rows once `ready` holds for them; then hides
 * it. Undefined outside the runner.
 */
async function drawnSuggestions(editor: vscode.TextEditor, at: vscode.Position, what: string, ready: (rows: DrawnListRow[]) => boolean): Promise<DrawnListRow[] | undefined> {
  if (!readsWorkbench()) return undefined;
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
  let last: DrawnList | undefined;
  try {
    return await waitFor(`the suggest widget to draw ${what}`, async () => {
      last = await drawnList(SUGGEST_WIDGET);
      if (last && ready(last.rows)) return last.rows;
      // Triggered again while nothing (or an earlier list) is drawn: the first trigger can come
      // before the language server has the document.
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      return undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}\ndrawn:\n${last ? describe(last.rows) : 'no suggest widget'}`);
    });
  } finally {
    await vscode.commands.executeCommand('hideSuggestWidget');
  }
}

/** Labels that show the same text in the suggest widget (the rest cut off), as "shown: label, label". */
function lookAlikes(rows: readonly DrawnListRow[]): string[] {
  const byShown = new Map<string, string[]>();
  for (const row of rows) byShown.set(row.visibleLabel, [...(byShown.get(row.visibleLabel) ?? []), row.label]);
  return [...byShown].filter(([, labels]) => labels.length > 1).map(([shown, labels]) => `"${shown}": ${labels.join(', ')}`);
}

test('pickers, as drawn: completion at the root of a new policy offers items whose labels can be told apart in the suggest widget', async () => {
  await extensionApi();
  await closeAllEditorsAndWait();
  const document = await vscode.workspace.openTextDocument({ language: 'whfb-yaml', content: '' });
  try {
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const root = new vscode.Position(0, 0);
    const offered = await waitFor('the policy files offered at the root', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, root);
      const labels = list.items.map(labelOf);
      return labels.includes('Cloud Kerberos trust: policy file') ? labels : undefined;
    });
    assert.equal(new Set(offered).size, offered.length, offered.join(', '));
    const isPolicyFile = (row: DrawnListRow) => row.label.endsWith(': policy file');
    const drawn = await drawnSuggestions(editor, root, 'the policy files', (rows) => rows.filter(isPolicyFile).length === checklists.models.length);
    if (!drawn) return;
    withDrawn('Completion at the root', drawn, () => {
      assert.deepEqual(lookAlikes(drawn), [], 'labels that look alike');
    });
    logLine(`root completion: ${drawn.length} items drawn, as shown: ${drawn.map((row) => row.visibleLabel).join(' / ')}`);
  } finally {
    await revertAndClose(document);
  }
});

test('pickers, as drawn: completion of an empty OMA-URI offers every node under a label that can be told apart in the suggest widget', async () => {
  await extensionApi();
  await closeAllEditorsAndWait();
  const content = 'whfb: 1\nname: Empty OMA-URI\nsettings:\n  - omaUri: \n';
  const document = await vscode.workspace.openTextDocument({ language: 'whfb-yaml', content });
  try {
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const at = new vscode.Position(3, '  - omaUri: '.length);
    const pin = 'MinimumPINLength (device)';
    const offered = await waitFor('the nodes offered for an empty OMA-URI', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
      return list.items.some((item) => labelOf(item) === pin) ? list.items : undefined;
    });
    const labels = offered.map(labelOf);
    assert.equal(new Set(labels).size, labels.length, labels.join(', '));
    const item = offered.find((candidate) => labelOf(candidate) === pin)!;
    const inserted = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value;
    assert.equal(inserted ?? (item.textEdit as vscode.TextEdit | undefined)?.newText ?? '', './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength', 'the item writes the whole path');
    const drawn = await drawnSuggestions(editor, at, 'the OMA-URI nodes', (rows) => rows.some((row) => row.label === pin) && rows.length >= labels.length);
    if (!drawn) return;
    withDrawn('Completion of an empty OMA-URI', drawn, () => {
      assert.deepEqual(lookAlikes(drawn), [], 'labels that look alike');
    });
    logLine(`empty OMA-URI completion: ${drawn.length} items drawn`);
  } finally {
    await revertAndClose(document);
  }
});
