/**
 * Checklist "policy settings set right" marks from the workspace (issue 13 point 5): a setting
 * counts as set right when a policy file of the workspace sets it and no finding stands on it,
 * wherever that file is; the active editor's unsaved text wins for its own file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChecklistItem, EffectiveSetting, PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import { checkItemSettings, type DocumentProblem, type WorkspaceSettings } from '../../../client/src/checklist/checklistView';

const USE = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';
const CLOUD = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth';
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const item = { id: 'policy', title: 'Configure policy settings', detail: '', guide: 'g.md', anchor: 'p', href: 'https://learn.microsoft.com/x', settings: [USE, CLOUD], groupPolicies: [] } as unknown as ChecklistItem;
const A = 'file:///repo/a.json';
const B = 'file:///repo/b.whfb.yaml';

function effective(path: string, sources: [string, string][], outcome: EffectiveSetting['outcome'] = sources.length > 1 ? 'same' : 'single'): EffectiveSetting {
  return {
    path, label: path.split('/').pop()!, group: 'PassportForWork/Policies', scope: 'device', outcome,
    sources: sources.map(([uri, value]) => ({ uri, file: uri.split('/').pop()!, channel: 'mdm', value, range, tenantWide: false })),
  };
}

function workspace(settings: EffectiveSetting[], problems: Record<string, DocumentProblem[]> = {}, activeUri?: string): WorkspaceSettings {
  return { settings, problemsOf: (uri) => problems[uri] ?? [], activeUri };
}

const summary = (uri: string, settings: Partial<PolicySettingSummary>[]): PolicySummary =>
  ({ uri, format: 'whfb-yaml', settings: settings.map((s) => ({ index: 0, label: 'x', written: s.path!, group: 'g', value: 'true', range, problems: [], ...s })) });

test('workspace marks: settings set in closed files count, with no policy open', () => {
  const check = checkItemSettings(item, undefined, [], undefined, workspace([effective(USE, [[A, 'true']]), effective(CLOUD, [[B, 'true']])]));
  assert.equal(check?.status, 'ok');
  assert.equal(check?.description, 'UsePassportForWork ✓, UseCloudTrustForOnPremAuth ✓');
});

test('workspace marks: a finding of the file that sets the setting makes it a problem, a finding on another setting does not', () => {
  const problems = { [A]: [{ code: 'WHFB120', severity: 'error', message: 'out of range', paths: [USE] }, { code: 'WHFB190', severity: 'information', message: 'tip', paths: [CLOUD] }] };
  const check = checkItemSettings(item, undefined, [], undefined, workspace([effective(USE, [[A, '7']]), effective(CLOUD, [[A, 'true']])], problems));
  assert.deepEqual(check?.settings.map((s) => [s.name, s.status]), [['UsePassportForWork', 'problem'], ['UseCloudTrustForOnPremAuth', 'ok']]);
  assert.equal(check?.status, 'problem');
});

test('workspace marks: two files in conflict make the setting a problem', () => {
  const check = checkItemSettings(item, undefined, [], undefined, workspace([effective(USE, [[A, 'true'], [B, 'false']], 'conflict')]));
  assert.equal(check?.settings[0].status, 'problem');
  assert.match(check.settings[0].problems[0].message, /a\.json: true; b\.whfb\.yaml: false/);
});

test('workspace marks: the open file\'s unsaved text wins over what the index read for that file', () => {
  // On disk, B sets UsePassportForWork; the editor's unsaved text removed it: B no longer counts.
  const removed = checkItemSettings(item, summary(B, []), [], undefined, workspace([effective(USE, [[B, 'true']])], {}, B));
  assert.equal(removed?.settings[0].status, 'absent');
  // The editor's text sets CLOUD with a problem; the index (stale) said it was fine.
  const edited = checkItemSettings(item, summary(B, [{ path: CLOUD, problems: [{ code: 'WHFB120', severity: 'error', message: 'bad' }] }]), [], undefined,
    workspace([effective(CLOUD, [[B, 'true']])], {}, B));
  assert.equal(edited?.settings[1].status, 'problem');
  // Another file still counts while B is open.
  const other = checkItemSettings(item, summary(B, []), [], undefined, workspace([effective(USE, [[A, 'true'], [B, 'true']])], {}, B));
  assert.equal(other?.settings[0].status, 'ok');
});

test('workspace marks: a setting no file sets stays absent, or a problem when a finding asks for it', () => {
  assert.equal(checkItemSettings(item, undefined, [], undefined, workspace([effective(USE, [[A, 'true']])]))?.settings[1].status, 'absent');
  const asking = [{ code: 'WHFB004', severity: 'warning', message: 'needs it', paths: [CLOUD] }];
  assert.equal(checkItemSettings(item, summary(B, []), asking, undefined, workspace([effective(USE, [[A, 'true']])], {}, B))?.settings[1].status, 'problem');
});
