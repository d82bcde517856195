/**
 * The policy settings view's workspace mode (issue 13 point 6) in a real VS Code: switched to the
 * workspace with its command, the view shows the tenant's effective WHfB configuration from every
 * policy file of the test workspace, none of them opened. MinimumPINLength is set by several files:
 * 6 in the Account protection intent, 12 in the Settings Catalog policy (and the tenant-wide
 * enrollment policy and a policy file), and 2 in the GPO backup, which Windows rejects (WHFB103 in
 * its own file) and which therefore applies nowhere: the setting's row says the MDM values conflict,
 * each file is listed with its value in conflict, and the backup is not listed with its policy's
 * bare "enabled" standing in for the rejected value. UseCloudTrustForOnPremAuth, set alike by
 * several files (the GPO backup among them), says they agree.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { extensionApi, waitFor } from '../helpers';
import type { SettingsViewRow } from '../../../../client/src/api';

function findRow(rows: readonly SettingsViewRow[], accept: (row: SettingsViewRow) => boolean): SettingsViewRow | undefined {
  for (const row of rows) {
    if (accept(row)) return row;
    const inner = findRow(row.children, accept);
    if (inner) return inner;
  }
  return undefined;
}

const settingRow = (label: string) => (row: SettingsViewRow) => row.contextValue === 'whfbWorkspaceSetting' && row.label === label;

test('settings view: workspace mode shows a setting several files set, each file with its value, and whether it applies or conflicts', async () => {
  const api = await extensionApi();
  await vscode.commands.executeCommand('whfb.settingsView.showWorkspace');
  try {
    const gpo = /^gpo-backup\/\{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22\}\/gpreport\.xml$/;
    const pin = await waitFor('MinimumPINLength in the workspace mode of the settings view, set by the intent and the Settings Catalog policy', () => {
      const snapshot = api.testing.settingsView();
      if (snapshot.mode !== 'workspace') return undefined;
      const row = findRow(snapshot.rows, settingRow('MinimumPINLength'));
      const files = row?.children.map((child) => child.label) ?? [];
      return files.includes('intune/account-protection-intent.json') && files.includes('intune/settings-catalog-pin.json') ? { row: row!, snapshot } : undefined;
    });
    const shown = JSON.stringify(pin.row);
    assert.match(pin.snapshot.description ?? '', /^Workspace · \d+ files · \d+ settings/, 'the view says how many files and settings');
    assert.equal(pin.row.description, 'conflict: 6 ≠ 12', `the setting row names the values in conflict: ${shown}`);
    const row = (file: string | RegExp) => pin.row.children.find((child) => (typeof file === 'string' ? child.label === file : file.test(child.label)));
    assert.equal(row(gpo), undefined, `the GPO backup's rejected 2 applies nowhere, and its policy's "enabled" does not stand in for it: ${shown}`);
    assert.equal(row('intune/account-protection-intent.json')?.contextValue, 'whfbWorkspaceSource');
    assert.equal(row('intune/account-protection-intent.json')?.description, '6 · in conflict', shown);
    assert.equal(row('intune/settings-catalog-pin.json')?.description, '12 · in conflict', shown);

    const agreed = findRow(api.testing.settingsView().rows, settingRow('UseCloudTrustForOnPremAuth'));
    assert.ok(agreed, 'UseCloudTrustForOnPremAuth is shown');
    assert.match(agreed.description ?? '', /^true · \d+ files agree$/, JSON.stringify(agreed));
    assert.ok(agreed.children.length >= 2 && agreed.children.every((child) => /^true · applies/.test(child.description ?? '')), JSON.stringify(agreed.children));
    assert.match(agreed.children.find((child) => gpo.test(child.label))?.description ?? '', /^true · applies · Group Policy$/, `the GPO backup's accepted value is listed as Group Policy: ${JSON.stringify(agreed.children)}`);
  } finally {
    await vscode.commands.executeCommand('whfb.settingsView.showActiveFile');
  }
  assert.equal(api.testing.settingsView().mode, 'activeFile');
});
