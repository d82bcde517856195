/**
 * The commands driven for real, through their optional arguments for programmatic use and the
 * test-only link interceptor (api.testing): every model's New policy, Open reference, Open
 * guide, Reset checklist. What a user would see in a browser is checked as the link handed over.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from '../harness';
import { closeAllEditorsAndWait, codeOf, extensionApi, openInEditor, positionOf, recordDiagnosticChanges, revertAndClose, runAcceptingPrompts, waitFor } from '../helpers';
import type { WhfbExtensionApi } from '../../../../client/src/api';
import type { Checklists } from '../../../../server/src/checklists/types';
import { getCatalog } from '../../../../server/src/catalog/catalog';
import { allItems } from '../../../../server/src/checklists/items';
import checklistsJson from '../../../../data/generated/checklists.json';

const checklists = checklistsJson as unknown as Checklists;
const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const USE_PASSPORT = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';

type OpenReferenceOutcome = { opened: string } | { message: string } | { cancelled: true };

/** Runs `body` with external links captured instead of opened; the real opener is back afterwards. */
async function withCapturedLinks<T>(api: WhfbExtensionApi, body: (opened: string[]) => Promise<T>): Promise<T> {
  const opened: string[] = [];
  api.testing.interceptOpenExternal((href) => { opened.push(href); });
  try {
    return await body(opened);
  } finally {
    api.testing.interceptOpenExternal(undefined);
  }
}

for (const model of checklists.models) {
  test(`WHfB: New policy for ${model.id} (real tenant GUID, untitled) has no errors or warnings and drives the checklist`, async () => {
    const api = await extensionApi();
    await closeAllEditorsAndWait();
    const changes = recordDiagnosticChanges();
    let document: vscode.TextDocument | undefined;
    try {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('whfb.newPolicy', { model: model.id, tenantId: TENANT, untitled: true });
      assert.ok(editor, 'the command opened an editor without asking anything');
      document = editor.document;
      assert.equal(document.uri.scheme, 'untitled');
      assert.equal(document.languageId, 'whfb-yaml');
      assert.match(document.getText(), new RegExp(`^tenantId: ${TENANT}`, 'm'), 'the tenant id is filled in');
      assert.match(document.getText(), new RegExp(`^  model: ${model.deployment.model}$`, 'm'));
      const uri = document.uri.toString();
      // Published diagnostics (even an empty set) for this very document, and its summary in the views.
      await waitFor(`diagnostics published for the new ${model.id} policy`, () => changes.seen(document!.uri));
      // VS Code reuses untitled names, so the URI alone does not tell this document's summary from
      // an earlier one's: the summary of this document is the one with its deployment model.
      const summary = await waitFor(`the server to summarise the new ${model.id} policy`, async () => {
        const current = await api.refreshActivePolicy();
        return current?.uri === uri && current.deploymentModel === model.id ? current : undefined;
      });
      assert.equal(summary.tenantId, TENANT);
      const problems = () => vscode.languages.getDiagnostics(document!.uri)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
        .map((d) => `${codeOf(d)}: ${d.message}`);
      // On a loaded machine VS Code may first give the reused untitled name's restored backup (the
      // exported checklist's Markdown) to the new document, and the command then puts the policy's
      // text in (openUntitledDocument). The summary already reads the policy, but the diagnostics
      // VS Code pulled for the backup can still be the ones shown: wait for those of the policy.
      await waitFor(`the new ${model.id} policy's own diagnostics`, () => problems().length === 0, 15_000).catch(() => undefined);
      assert.deepEqual(problems(), []);
      await waitFor(`the checklist to follow the policy to ${model.id}`, () => api.checklist.getModel() === model.id && api.checklist.getModelSource() === 'policy');
      assert.deepEqual(api.checklist.getItems().map((item) => item.id), model.sections.flatMap((section) => allItems(section.items).map((item) => item.id)),
        `the checklist shows the steps of ${model.title}, and the things to do inside them`);
    } finally {
      changes.dispose();
      if (document) await revertAndClose(document);
    }
  });
}

test('WHfB: New policy with an unknown model or a tenant that is not a GUID opens nothing (an error message, no throw)', async () => {
  await extensionApi();
  await closeAllEditorsAndWait();
  for (const options of [{ model: 'hybrid-magic-trust', untitled: true }, { model: 'cloud-only', tenantId: 'contoso.onmicrosoft.com', untitled: true }]) {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('whfb.newPolicy', options);
    assert.equal(editor, undefined, `nothing is created for ${JSON.stringify(options)}`);
    assert.equal(vscode.window.activeTextEditor, undefined, 'no editor was opened');
  }
});

test('WHfB: Open reference on an OMA-URI opens its CSP reference page', async () => {
  const api = await extensionApi();
  const expected = getCatalog().byPath(USE_PASSPORT)?.referenceUrl;
  assert.match(expected ?? '', /^https:\/\/learn\.microsoft\.com\//, 'the catalog knows the reference of UsePassportForWork');
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const cursor = positionOf(editor.document, 'UsePassportForWork', 3);
  editor.selection = new vscode.Selection(cursor, cursor);
  await withCapturedLinks(api, async (opened) => {
    // With guide sections too, a pick lists the links, the CSP reference first: accept it.
    const outcome = await runAcceptingPrompts<OpenReferenceOutcome>('whfb.openReference', true);
    assert.deepEqual(outcome, { opened: expected });
    assert.deepEqual(opened, [expected], 'exactly the CSP reference was handed to the browser');
  });
});

test('WHfB: Open reference on a line without a setting says so and opens nothing', async () => {
  const api = await extensionApi();
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  const cursor = positionOf(editor.document, 'Contoso WHfB pilot', 2);
  editor.selection = new vscode.Selection(cursor, cursor);
  await withCapturedLinks(api, async (opened) => {
    const outcome = await runAcceptingPrompts<OpenReferenceOutcome>('whfb.openReference', false);
    assert.ok('message' in outcome, `a message instead of a link: ${JSON.stringify(outcome)}`);
    assert.match(outcome.message, /no CSP node or guide section is known/);
    assert.deepEqual(opened, [], 'nothing was opened');
  });
});

test('WHfB: Open guide on a checklist step opens that step\'s guide section', async () => {
  const api = await extensionApi();
  await openInEditor('policies', 'pilot-clean.whfb.yaml');
  await waitFor('the checklist model from the policy', () => api.checklist.getModel() === 'hybrid-cloud-kerberos-trust');
  const model = checklists.models.find((m) => m.id === 'hybrid-cloud-kerberos-trust')!;
  const section = model.sections.find((s) => s.items.length > 1) ?? model.sections[0]!;
  const item = section.items[section.items.length - 1]!;
  assert.match(item.href, /^https:\/\/learn\.microsoft\.com\//);
  await withCapturedLinks(api, async (opened) => {
    // The node the checklist view hands to its item's inline action.
    const result = await vscode.commands.executeCommand<string | undefined>('whfb.checklist.openGuide', { kind: 'item', section, item });
    assert.equal(result, item.href);
    assert.deepEqual(opened, [item.href]);
  });
});

test('WHfB: Reset checklist (skipConfirmation) unticks the steps in the state file', async () => {
  const api = await extensionApi();
  await waitFor('a checklist model', () => api.checklist.getModel());
  const [first, second] = api.checklist.getItems();
  assert.ok(first && second, 'the model has steps');
  for (const item of [first, second]) assert.equal((await api.checklist.toggle(item.id, true)).kind, 'ok');
  const statePath = api.checklist.stateFilePath();
  assert.ok(statePath, 'a workspace state file');
  const ticked = JSON.parse(readFileSync(statePath, 'utf8')) as { items: Record<string, { done: boolean }> };
  assert.equal(ticked.items[first.id]?.done, true, 'ticked before the reset');

  const reset = await vscode.commands.executeCommand<boolean>('whfb.resetChecklist', { skipConfirmation: true });
  assert.equal(reset, true, 'the reset ran without a confirmation dialog');
  const after = JSON.parse(readFileSync(statePath, 'utf8')) as { items: Record<string, { done: boolean }> };
  for (const item of [first, second]) assert.notEqual(after.items[item.id]?.done, true, `${item.id} is no longer ticked in the file`);
  assert.deepEqual(api.checklist.getItems().filter((item) => item.done).map((item) => item.id), [], 'the view shows every step unticked');
});
