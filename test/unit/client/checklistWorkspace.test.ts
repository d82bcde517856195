/**
 * The checklist belongs to the workspace (issue 12 point 9): the models of a folder's policies
 * side by side with the chosen one (never replaced by the open editor's), overall progress per
 * model for the view's description, and readable labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChecklistItem, Checklists } from '../../../shared/protocol';
import { checklistDescription, modelProgress, modelsToShow, readableTitle } from '../../../client/src/checklist/checklistView';

const checklists = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'data', 'generated', 'checklists.json'), 'utf8')) as Checklists;
const ids = (shown: ReturnType<typeof modelsToShow>) => shown.map((model) => `${model.checklist.id}:${model.source}`);

test('a chosen model stays shown beside the open policy\'s model; other policies of the folder follow', () => {
  assert.deepEqual(ids(modelsToShow(checklists, { policy: 'cloud-only', chosen: 'hybrid-cloud-kerberos-trust', detected: ['cloud-only', 'hybrid-key-trust'] })),
    ['cloud-only:policy', 'hybrid-cloud-kerberos-trust:chosen', 'hybrid-key-trust:policy']);
  // Switching to a file that selects no model: the models seen stay, so no tick disappears.
  assert.deepEqual(ids(modelsToShow(checklists, { detected: ['hybrid-key-trust', 'cloud-only'] })), ['hybrid-key-trust:policy', 'cloud-only:policy']);
  assert.deepEqual(ids(modelsToShow(checklists, { chosen: 'cloud-only', setting: 'cloud-only' })), ['cloud-only:chosen'], 'one model once');
  assert.deepEqual(ids(modelsToShow(checklists, { chosen: 'no-such-model' })), []);
});

test('the view description carries the overall progress of each model shown', () => {
  const kerberos = checklists.models.find((m) => m.id === 'hybrid-cloud-kerberos-trust')!;
  const total = modelProgress(kerberos, () => false).total;
  const first = kerberos.sections[0].items[0].id;
  assert.equal(checklistDescription([{ name: 'Cloud Kerberos trust (hybrid)', progress: modelProgress(kerberos, (id) => id === first) }]),
    `Cloud Kerberos trust (hybrid) ${modelProgress(kerberos, (id) => id === first).done}/${total}`);
  assert.equal(checklistDescription([{ name: 'A', progress: { done: 1, total: 2 } }, { name: 'B', progress: { done: 0, total: 3 } }]), 'A 1/2 · B 0/3');
});

test('labels stay readable: every generated title fits a tree row, the meaning kept', () => {
  assert.equal(readableTitle('Configure Windows Hello for Business policy settings'), 'Configure WHfB policy settings');
  assert.equal(readableTitle('Consider using an HSM to protect the enrollment agent certificate; however, understand the frequency and quantity of signature operations'),
    'Consider using an HSM to protect the enrollment agent certificate');
  const items: ChecklistItem[] = [];
  const walk = (list: readonly ChecklistItem[]) => { for (const item of list) { items.push(item); walk(item.children ?? []); } };
  for (const model of checklists.models) for (const section of model.sections) walk(section.items);
  for (const item of items) {
    const label = readableTitle(item.title);
    assert.ok(label.length <= 72, `${label.length}: ${label}`);
    assert.ok(label.length >= Math.min(8, item.title.length), label);
  }
});
