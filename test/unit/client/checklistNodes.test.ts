/**
 * The checklist tree's shape (issue 12 point 9, several models side by side): VS Code keys rows and
 * their cached children by TreeItem.id, so every id must be unique across the whole tree, each
 * node's parent must be the node it was listed under, and under each model node are that model's
 * own sections (not the first model's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Checklists } from '../../../server/src/checklists/types';
import type { ActiveModel } from '../../../client/src/checklist/checklistView';
import { childNodes, firstRootNodes, isFirstDrawing, nodeId, parentNode, rootNodes, type ChecklistNode } from '../../../client/src/checklist/checklistNodes';
import generated from '../../../data/generated/checklists.json';

const checklists = generated as unknown as Checklists;
const modelOf = (id: string, source: ActiveModel['source']): ActiveModel => ({ checklist: checklists.models.find((model) => model.id === id)!, source });

function walk(shown: readonly ActiveModel[]): { node: ChecklistNode; parent: ChecklistNode | undefined }[] {
  const all: { node: ChecklistNode; parent: ChecklistNode | undefined }[] = [];
  const visit = (nodes: readonly ChecklistNode[], parent: ChecklistNode | undefined) => {
    for (const node of nodes) {
      all.push({ node, parent });
      visit(childNodes(node), node);
    }
  };
  visit(rootNodes(shown), undefined);
  return all;
}

const layouts: [string, ActiveModel[]][] = [
  ['one model', [modelOf('hybrid-cloud-kerberos-trust', 'policy')]],
  ['two models', [modelOf('hybrid-cloud-kerberos-trust', 'policy'), modelOf('cloud-only', 'chosen')]],
  ['every model', checklists.models.map((model) => ({ checklist: model, source: 'setting' as const }))],
];

for (const [name, shown] of layouts) {
  test(`checklist tree, ${name}: every id is unique and getParent answers the node it was listed under`, () => {
    const rows = walk(shown);
    assert.ok(rows.length > 10);
    const ids = rows.map(({ node }) => nodeId(node));
    const seen = new Set<string>();
    for (const id of ids) {
      assert.ok(!seen.has(id), `duplicate id ${id}`);
      seen.add(id);
    }
    for (const { node, parent } of rows) {
      const answered = parentNode(node, shown);
      assert.equal(answered && nodeId(answered), parent && nodeId(parent), `parent of ${nodeId(node)}`);
      // The parent's children hold the node (same id), as VS Code's reveal walks them.
      const siblings = parent ? childNodes(answered!) : rootNodes(shown);
      assert.ok(siblings.some((sibling) => nodeId(sibling) === nodeId(node)), `${nodeId(node)} among its parent's children`);
    }
  });
}

test('checklist tree, two models: under each model node are its own sections and steps', () => {
  const shown = layouts[1][1];
  const roots = rootNodes(shown);
  assert.deepEqual(roots.map((node) => node.kind === 'model' && node.model.checklist.id), ['hybrid-cloud-kerberos-trust', 'cloud-only']);
  for (const root of roots) {
    assert.equal(root.kind, 'model');
    const model = root.kind === 'model' ? root.model.checklist : undefined;
    const sections = childNodes(root);
    assert.deepEqual(sections.map((node) => node.kind === 'section' && node.section.title), model!.sections.filter((s) => s.items.length > 0).map((s) => s.title));
    for (const section of sections) {
      for (const step of childNodes(section)) {
        assert.equal(step.kind, 'item');
        if (step.kind === 'item') assert.ok(step.item.id.startsWith(`${model!.id}/`), `${step.item.id} under ${model!.id}`);
      }
    }
  }
  // The cloud-only model has no Entra Kerberos step: the hybrid model's steps must not appear under it.
  const cloudOnlySteps = walk([shown[1]]).map(({ node }) => node.kind === 'item' ? node.item.title : '');
  assert.ok(!cloudOnlySteps.some((title) => /Kerberos/.test(title)), cloudOnlySteps.join(', '));
});

test('checklist tree: a row of one layout never has the id of a row of another (one model alone, then side by side)', () => {
  const alone = new Set(walk(layouts[0][1]).map(({ node }) => nodeId(node)));
  const side = walk(layouts[1][1]).map(({ node }) => nodeId(node));
  assert.deepEqual(side.filter((id) => alone.has(id)), []);
});

test('checklist tree: the first rows the workbench fetches are the same rows under ids of their own, and parents keep that layout', () => {
  for (const [, shown] of layouts) {
    const first = firstRootNodes(shown);
    const real = rootNodes(shown);
    assert.deepEqual(first.map((node) => node.kind), real.map((node) => node.kind));
    assert.ok(first.every(isFirstDrawing) && !real.some(isFirstDrawing));
    const realIds = new Set(real.map(nodeId));
    assert.ok(first.every((node) => !realIds.has(nodeId(node))), 'a first row is never reused as a real row');
    for (const node of first) {
      for (const child of childNodes(node)) {
        assert.ok(isFirstDrawing(child));
        assert.equal(nodeId(parentNode(child, shown)!), nodeId(node));
      }
    }
  }
});
