/**
 * The policy settings view's workspace mode (issue 13 point 6): the tree built from the server's
 * effective configuration: groups, per setting the value that applies (or the conflict), and each
 * file with its value and what becomes of it, with ids unique across the tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EffectiveConfiguration, EffectiveSetting } from '../../../shared/protocol';
import { sourceRole, workspaceChildren, workspaceGroups, workspaceNodeId, workspaceSettingDescription, workspaceSourceDescription, type WorkspaceSettingsNode } from '../../../client/src/settingsView/workspaceSettings';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });

function setting(label: string, group: string, outcome: EffectiveSetting['outcome'], sources: [string, string][], winner?: number): EffectiveSetting {
  return {
    path: `./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/${label}`, label, group, scope: 'device', outcome, ...(winner !== undefined ? { winner } : {}),
    sources: sources.map(([file, value], index) => ({ uri: `file:///repo/${file}`, file, channel: 'mdm', value, range: range(index + 3), tenantWide: file === 'tenant.json' })),
  };
}

const configuration: EffectiveConfiguration = {
  files: 3,
  settings: [
    setting('UsePassportForWork', 'PassportForWork/Policies', 'same', [['a.whfb.yaml', 'true'], ['b.json', 'true']]),
    setting('UseCertificateForOnPremAuth', 'PassportForWork/Policies', 'conflict', [['a.whfb.yaml', 'true'], ['b.json', 'false']]),
    setting('MinimumPINLength', 'PassportForWork/PINComplexity', 'wins', [['tenant.json', '4'], ['b.json', '8']], 1),
    setting('Weird', 'Unknown', 'single', [['b.json', 'x']]),
  ],
};

test('workspace settings: groups by area in name order, Unknown last, with their conflicts', () => {
  const groups = workspaceGroups(configuration);
  assert.deepEqual(groups.map((group) => [group.name, group.settings.map((s) => s.label), group.conflicts]), [
    ['PassportForWork/PINComplexity', ['MinimumPINLength'], 0],
    ['PassportForWork/Policies', ['UseCertificateForOnPremAuth', 'UsePassportForWork'], 1],
    ['Unknown', ['Weird'], 0],
  ]);
  assert.deepEqual(workspaceGroups(undefined), []);
});

test('workspace settings: each setting says what applies, or that the files conflict', () => {
  const [same, conflict, wins, single] = configuration.settings;
  assert.equal(workspaceSettingDescription(same), 'true · 2 files agree');
  assert.equal(workspaceSettingDescription(conflict), 'conflict: true ≠ false');
  assert.equal(workspaceSettingDescription(wins), '8 applies · from b.json');
  assert.equal(workspaceSettingDescription(single), 'x · b.json');
});

test('workspace settings: under a setting, each file with its value, whether it applies, and a reveal target', () => {
  const tree: WorkspaceSettingsNode[] = [];
  const walk = (node: WorkspaceSettingsNode | undefined) => {
    for (const child of workspaceChildren(node, configuration)) {
      tree.push(child);
      walk(child);
    }
  };
  walk(undefined);
  const sources = tree.filter((node): node is Extract<WorkspaceSettingsNode, { kind: 'workspaceSource' }> => node.kind === 'workspaceSource');
  const pin = sources.filter((node) => node.setting.label === 'MinimumPINLength');
  assert.deepEqual(pin.map((node) => [node.source.file, node.role, workspaceSourceDescription(node.source, node.role)]), [
    ['tenant.json', 'overridden', '4 · overridden'],
    ['b.json', 'applies', '8 · applies'],
  ]);
  const certificate = sources.filter((node) => node.setting.label === 'UseCertificateForOnPremAuth');
  assert.deepEqual(certificate.map((node) => node.role), ['conflict', 'conflict']);
  assert.equal(workspaceSourceDescription(certificate[1].source, 'conflict'), 'false · in conflict');
  // The file entry knows where the setting is in that file (the view reveals it on click).
  assert.deepEqual([pin[1].source.uri, pin[1].source.range.start.line], ['file:///repo/b.json', 4]);
  const ids = tree.map(workspaceNodeId);
  assert.equal(new Set(ids).size, ids.length, 'ids unique across the tree');
  assert.equal(sourceRole(configuration.settings[0], 1), 'applies');
});

test('workspace settings: a Group Policy source says so, long values are cut to one line', () => {
  const source = { uri: 'file:///repo/gpo.xml', file: 'gpo.xml', channel: 'group-policy' as const, value: 'a  very\nlong value that goes on and on and on and on and on', range: range(1), tenantWide: false };
  assert.equal(workspaceSourceDescription(source, 'overridden'), 'a very long value that goes on and on a… · overridden · Group Policy');
});
