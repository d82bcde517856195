import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Checklists, DeploymentModelChecklist } from '../../../server/src/checklists/types';
import type { PolicySettingSummary, PolicySummary } from '../../../server/src/service/api';
import { checkItemSettings, diagnosticPaths, isItemDone, itemProgress, modelProgress, pathTo, resolveActiveModel, sectionProgress, ticksFor, type DocumentProblem } from '../../../client/src/checklist/checklistView';
import { allItems } from '../../../server/src/checklists/items';
import { getLanguageService } from '../../../server/src/service/languageService';
import { checklistToMarkdown } from '../../../client/src/checklist/exportMarkdown';
import { groupSettings, settingDescription } from '../../../client/src/settingsView/settingsGroups';
import generated from '../../../data/generated/checklists.json';

const USE = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork';
const CLOUD = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth';
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function item(id: string, settings: string[] = []) {
  return { id, title: `Step ${id}`, detail: 'Do it.', guide: 'g.md', anchor: id, href: `https://learn.microsoft.com/x#${id}`, settings, groupPolicies: [] };
}

const model: DeploymentModelChecklist = {
  id: 'hybrid-cloud-kerberos-trust',
  title: 'Cloud Kerberos trust',
  deployment: { model: 'hybrid', trust: 'cloud-kerberos' },
  summary: 'Summary.',
  guide: 'g.md',
  href: 'https://learn.microsoft.com/x',
  sections: [
    { id: 'prerequisites', title: 'Prerequisites', items: [item('a'), item('b')] },
    { id: 'deployment-steps', title: 'Deployment steps', items: [item('policy', [USE, CLOUD])] },
  ],
};
const checklists: Checklists = { schemaVersion: 1, models: [model, { ...model, id: 'cloud-only', title: 'Cloud-only' }] };

function setting(path: string, problems: PolicySettingSummary['problems'] = [], extra: Partial<PolicySettingSummary> = {}): PolicySettingSummary {
  return { index: 0, label: path.split('/').pop()!, written: path, path, group: 'PassportForWork/Policies', value: 'true', range, problems, ...extra };
}

function summary(settings: PolicySettingSummary[]): PolicySummary {
  return { uri: 'file:///p.whfb.yaml', format: 'whfb-yaml', settings };
}

test('progress counts done items per section and per model', () => {
  const done = new Set(['a', 'policy']);
  assert.deepEqual(sectionProgress(model.sections[0]!.items, (id) => done.has(id)), { done: 1, total: 2 });
  assert.deepEqual(modelProgress(model, (id) => done.has(id)), { done: 2, total: 3 });
});

test('an item about settings shows whether the open policy has them right', () => {
  const policyItem = model.sections[1]!.items[0]!;
  assert.equal(checkItemSettings(policyItem, undefined), undefined, 'no policy open: nothing to say');
  assert.equal(checkItemSettings(model.sections[0]!.items[0]!, summary([])), undefined, 'an item about no setting');

  const allRight = checkItemSettings(policyItem, summary([setting(USE), setting(CLOUD, [{ code: 'WHFB190', severity: 'information', message: 'tip' }])]));
  assert.equal(allRight?.status, 'ok');
  assert.equal(allRight?.description, 'UsePassportForWork ✓, UseCloudTrustForOnPremAuth ✓');

  // A guide section also names optional settings: one the policy does not set is not a problem by itself...
  const optionalAbsent = checkItemSettings(policyItem, summary([setting(USE)]));
  assert.equal(optionalAbsent?.status, 'ok');
  assert.equal(optionalAbsent?.description, 'UsePassportForWork ✓');
  assert.equal(optionalAbsent?.settings[1]?.status, 'absent');
  assert.equal(checkItemSettings(policyItem, summary([]))?.description, 'not in the policy');

  // ...but it is when a finding of the policy asks for it (its paths name the setting).
  const required = checkItemSettings(policyItem, summary([setting(USE)]), [
    { code: 'WHFB130', severity: 'error', message: 'Cloud Kerberos trust needs UseCloudTrustForOnPremAuth set to true: add the setting.', paths: [CLOUD] },
    { code: 'WHFB190', severity: 'information', message: 'RequireSecurityDevice is not set', paths: ['./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice'] },
  ]);
  assert.equal(required?.status, 'problem');
  assert.equal(required?.description, 'UsePassportForWork ✓, UseCloudTrustForOnPremAuth ⚠');
  assert.equal(required?.settings[1]?.problems[0]?.code, 'WHFB130');

  const wrong = checkItemSettings(policyItem, summary([setting(USE), setting(CLOUD, [{ code: 'WHFB130', severity: 'error', message: 'must be true' }])]));
  assert.equal(wrong?.status, 'problem');
  assert.equal(wrong?.settings[1]?.problems[0]?.code, 'WHFB130');
  assert.equal(wrong?.description, 'UsePassportForWork ✓, UseCloudTrustForOnPremAuth ⚠');
});

test('a missing setting is linked through the finding\'s paths, not through its message text', () => {
  const policyItem = model.sections[1]!.items[0]!;
  const namesItOnlyInText = checkItemSettings(policyItem, summary([setting(USE)]), [
    { code: 'WHFB140', severity: 'error', message: 'Something about UseCloudTrustForOnPremAuth in passing.', paths: [] },
    { code: 'WHFB999', severity: 'warning', message: 'No paths at all, but UseCloudTrustForOnPremAuth in the text.' },
  ]);
  assert.equal(namesItOnlyInText?.settings[1]?.status, 'absent', 'a message that merely names the setting does not make it a problem');
  const pathOnly = checkItemSettings(policyItem, summary([setting(USE)]), [
    { code: 'WHFB130', severity: 'warning', message: 'Reworded: the trust model needs another flag.', paths: [CLOUD.toLowerCase()] },
  ]);
  assert.equal(pathOnly?.settings[1]?.status, 'problem', 'the paths decide, whatever the wording (and letter case)');

  assert.deepEqual(diagnosticPaths({ fix: 'insert-settings', title: 't', text: '', at: { line: 0, character: 0 }, paths: [USE] }), [USE]);
  assert.equal(diagnosticPaths(undefined), undefined);
  assert.equal(diagnosticPaths({ fix: 'replace' }), undefined);
  assert.deepEqual(diagnosticPaths({ paths: [USE, 3, null] }), [USE], 'only strings are taken from data the client did not write');
});

test('from a real policy: the server\'s diagnostics carry the paths the checklist view needs', () => {
  const text = [
    'whfb: 1',
    'tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    'deployment:',
    '  model: hybrid',
    '  trust: cloud-kerberos',
    '  management: intune',
    'settings:',
    `  - omaUri: ${USE}`,
    '    type: bool',
    '    value: yes please',
    '',
  ].join('\n');
  const service = getLanguageService();
  const document = { uri: 'file:///work/checklist.whfb.yaml', languageId: 'whfb-yaml', version: 1, text };
  const names = ['', 'error', 'warning', 'information', 'hint'];
  const problems: DocumentProblem[] = service.validate(document).map((d) => ({ code: d.code, severity: names[d.severity]!, message: d.message, paths: diagnosticPaths(d.data) }));
  // Missing: the cloud Kerberos flag the trust type needs (WHFB130), named by path.
  assert.ok(problems.some((p) => p.code === 'WHFB130' && p.paths?.includes(CLOUD)), JSON.stringify(problems));
  // Present: a finding on the UsePassportForWork entry carries that entry's path.
  const onUse = problems.filter((p) => p.paths?.includes(USE));
  assert.ok(onUse.length > 0, `a finding on the UsePassportForWork entry: ${JSON.stringify(problems)}`);
  const policySummary = service.policySummary(document)!;
  const check = checkItemSettings(policyItemOf(model), policySummary, problems);
  assert.equal(check?.settings.find((s) => s.path === CLOUD)?.status, 'problem');
  assert.equal(check?.settings.find((s) => s.path === CLOUD)?.problems[0]?.code, 'WHFB130');
});

function policyItemOf(checklist: DeploymentModelChecklist) {
  return checklist.sections[1]!.items[0]!;
}

test('the open policy selects the model before the chosen one and the setting', () => {
  assert.equal(resolveActiveModel(checklists, { policy: 'cloud-only', chosen: 'hybrid-cloud-kerberos-trust' })?.source, 'policy');
  assert.equal(resolveActiveModel(checklists, { chosen: 'hybrid-cloud-kerberos-trust', setting: 'cloud-only' })?.checklist.id, 'hybrid-cloud-kerberos-trust');
  assert.equal(resolveActiveModel(checklists, { chosen: 'no-such-model', setting: 'cloud-only' })?.source, 'setting');
  assert.equal(resolveActiveModel(checklists, {}), undefined);
});

test('every generated model can be shown: six models, each with items', () => {
  const models = (generated as Checklists).models;
  assert.deepEqual(models.map((m) => m.id).sort(), [
    'cloud-only', 'hybrid-certificate-trust', 'hybrid-cloud-kerberos-trust', 'hybrid-key-trust', 'on-premises-certificate-trust', 'on-premises-key-trust',
  ]);
  for (const m of models) assert.ok(modelProgress(m, () => false).total > 0, m.id);
});

test('the Markdown export lists every step with its state, who ticked it, and the policy check', () => {
  const markdown = checklistToMarkdown({
    checklist: model,
    items: { a: { done: true, by: 'alex', at: '2025-01-02T03:04:05.000Z' } },
    summary: summary([setting(USE)]),
    policyName: 'policies/pilot.whfb.yaml',
    exportedAt: new Date('2025-02-03T00:00:00Z'),
  });
  assert.match(markdown, /^# WHfB deployment checklist: Cloud Kerberos trust\n/);
  assert.match(markdown, /- Progress: 1\/3 steps done/);
  assert.match(markdown, /- Policy file: `policies\/pilot\.whfb\.yaml`/);
  assert.match(markdown, /## Prerequisites \(1\/2\)/);
  assert.match(markdown, /- \[x\] Step a \(done by alex on 2025-01-02\) — \[guide\]\(https:\/\/learn\.microsoft\.com\/x#a\)/);
  assert.match(markdown, /- \[ \] Step b — \[guide\]/);
  assert.match(markdown, /  - Policy settings: UsePassportForWork ✓\n/);
});

test('the settings view groups by CSP area, Unknown last, with the worst problem per group', () => {
  const groups = groupSettings(summary([
    setting('./x', [], { index: 2, group: 'Unknown', label: 'x' }),
    setting(CLOUD, [{ code: 'WHFB130', severity: 'error', message: 'm' }], { index: 1 }),
    setting('./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled', [], { index: 3, group: 'Policy/Kerberos' }),
    setting(USE, [{ code: 'WHFB190', severity: 'information', message: 'm' }], { index: 0 }),
  ]));
  assert.deepEqual(groups.map((g) => g.name), ['PassportForWork/Policies', 'Policy/Kerberos', 'Unknown']);
  assert.deepEqual(groups[0]!.settings.map((s) => s.index), [0, 1], 'file order within a group');
  assert.equal(groups[0]!.worst, 'error');
  assert.equal(groups[0]!.problemCount, 2);
  assert.equal(groups[1]!.worst, undefined);
  assert.equal(settingDescription(setting(USE, [], { value: `<enabled/>\n<data id="x" value="${'y'.repeat(80)}"/>` })).length, 58);
  assert.deepEqual(groupSettings(undefined), []);
});

const parent = {
  ...item('policy-settings', [USE]),
  children: [item('policy-settings/use', [USE]), item('policy-settings/cloud', [CLOUD]), item('policy-settings/tpm')],
};
const withChildren: DeploymentModelChecklist = {
  ...model,
  sections: [
    { id: 'prerequisites', title: 'Prerequisites', items: [item('a')] },
    { id: 'deployment-steps', title: 'Deployment steps', items: [parent, item('enroll')] },
  ],
};

test('a step with children counts as its children, and is done when they all are', () => {
  const ticked = new Set(['policy-settings/use', 'policy-settings/cloud']);
  const isTicked = (id: string) => ticked.has(id);
  assert.deepEqual(itemProgress(parent, isTicked), { done: 2, total: 3 });
  assert.equal(isItemDone(parent, isTicked), false);
  assert.deepEqual(sectionProgress(withChildren.sections[1]!.items, isTicked), { done: 2, total: 4 }, 'three children and one step');
  assert.deepEqual(modelProgress(withChildren, isTicked), { done: 2, total: 5 });
  ticked.add('policy-settings/tpm');
  assert.equal(isItemDone(parent, isTicked), true);
  // A tick saved on the step before it had children still counts, for the step and everything in it.
  const legacy = (id: string) => id === 'policy-settings';
  assert.equal(isItemDone(parent, legacy), true);
  assert.deepEqual(itemProgress(parent, legacy), { done: 3, total: 3 });
});

test('ticking a step ticks its children; unticking a child unticks the steps it is part of', () => {
  assert.deepEqual(ticksFor(withChildren, 'policy-settings', true), { tick: ['policy-settings', 'policy-settings/use', 'policy-settings/cloud', 'policy-settings/tpm'], untick: [] });
  assert.deepEqual(ticksFor(withChildren, 'policy-settings/cloud', false), { tick: [], untick: ['policy-settings', 'policy-settings/cloud'] });
  assert.deepEqual(ticksFor(withChildren, 'enroll', true), { tick: ['enroll'], untick: [] });
  assert.deepEqual(ticksFor(withChildren, 'not-in-this-model', true), { tick: ['not-in-this-model'], untick: [] });
  assert.deepEqual(pathTo(withChildren.sections[1]!.items, 'policy-settings/tpm')?.map((i) => i.id), ['policy-settings', 'policy-settings/tpm']);
  assert.deepEqual(allItems(withChildren.sections[1]!.items).map((i) => i.id), ['policy-settings', 'policy-settings/use', 'policy-settings/cloud', 'policy-settings/tpm', 'enroll']);
});

test('the Markdown export nests the children under their step, with its count', () => {
  const markdown = checklistToMarkdown({
    checklist: withChildren,
    items: { 'policy-settings/use': { done: true, by: 'alex', at: '2025-01-02T03:04:05.000Z' } },
    exportedAt: new Date('2025-02-03T00:00:00Z'),
  });
  assert.match(markdown, /- Progress: 1\/5 steps done/);
  assert.match(markdown, /## Deployment steps \(1\/4\)/);
  assert.match(markdown, /\n- \[ \] Step policy-settings \(1\/3\) — \[guide\]/);
  assert.match(markdown, /\n {2}- \[x\] Step policy-settings\/use \(done by alex on 2025-01-02\) — \[guide\]/);
  assert.match(markdown, /\n {2}- \[ \] Step policy-settings\/tpm — \[guide\]/);
  const allDone = checklistToMarkdown({ checklist: withChildren, items: { 'policy-settings': { done: true } }, exportedAt: new Date('2025-02-03T00:00:00Z') });
  assert.match(allDone, /\n- \[x\] Step policy-settings \(3\/3\)/);
  assert.match(allDone, /\n {2}- \[x\] Step policy-settings\/cloud —/);
});

test('every generated step with children shows a count that covers them', () => {
  const models = (generated as Checklists).models;
  const parents = models.flatMap((m) => m.sections.flatMap((s) => allItems(s.items))).filter((i) => i.children && i.children.length > 0);
  assert.ok(parents.length >= 10, `steps with children: ${parents.length}`);
  for (const p of parents) assert.equal(itemProgress(p, () => false).total, allItems(p.children!).filter((c) => !c.children).length, p.id);
});
