/**
 * The shape of the checklist tree, without vscode: which nodes are under which, and the id VS Code
 * keys each row by. VS Code caches rows and their children by TreeItem.id, so an id must name one
 * node of the whole tree and never a node of another place (or of another layout): every id holds
 * the layout (which models are shown, side by side or alone), the model, the section and the
 * item's path. Nodes carry the layout they were built under, so an id never mixes a node built for
 * one layout with the layout of a later refresh.
 */
import type { ChecklistItem, ChecklistSection, DeploymentModelChecklist } from '../../../shared/protocol';
import type { ActiveModel } from './checklistView';

export type ChecklistNode =
  /** A model of its own, when several are shown side by side. */
  | { kind: 'model'; model: ActiveModel; layout: string }
  /** `nested`: under a model node (several models shown), else at the root. */
  | { kind: 'section'; section: ChecklistSection; model: DeploymentModelChecklist; nested: boolean; layout: string }
  /** `ancestors`: the items this one is part of, outermost first (empty for the guide's own list items). */
  | { kind: 'item'; section: ChecklistSection; item: ChecklistItem; ancestors: readonly ChecklistItem[]; model: DeploymentModelChecklist; nested: boolean; layout: string };

/** The layout key: the models shown, in order. */
export function layoutOf(shown: readonly ActiveModel[]): string {
  return shown.map((model) => model.checklist.id).join('+');
}

function sectionsOf(model: DeploymentModelChecklist, nested: boolean, layout: string): ChecklistNode[] {
  return model.sections.filter((section) => section.items.length > 0).map((section) => ({ kind: 'section', section, model, nested, layout }));
}

/** The rows at the top: one per model when several are shown, else the one model's sections. */
export function rootNodes(shown: readonly ActiveModel[]): ChecklistNode[] {
  const layout = layoutOf(shown);
  if (shown.length === 0) return [];
  if (shown.length === 1) return sectionsOf(shown[0].checklist, false, layout);
  return shown.map((model) => ({ kind: 'model', model, layout }));
}

/** The layout key of the first rows the workbench asks for (see firstRootNodes). */
const FIRST = 'first:';

/**
 * The rows of the workbench's first fetch of the tree: the same rows as rootNodes, under a layout
 * of their own (so the real rows that follow are new rows, expanded as they should be), with the
 * models side by side drawn collapsed. VS Code may walk its first tree twice, the second time from
 * the children it cached, and a cached walk over two expanded models whose sections are expanded
 * draws one model's steps under the other (see ChecklistTreeProvider.rootAnswered): collapsed
 * models fetch nothing below them. A lone model's sections are safe (their steps start collapsed).
 */
export function firstRootNodes(shown: readonly ActiveModel[]): ChecklistNode[] {
  const layout = `${FIRST}${layoutOf(shown)}`;
  return rootNodes(shown).map((node) => ({ ...node, layout }));
}

/** Whether a node belongs to the first rows the workbench fetched (firstRootNodes). */
export function isFirstDrawing(node: ChecklistNode): boolean {
  return node.layout.startsWith(FIRST);
}

export function childNodes(node: ChecklistNode): ChecklistNode[] {
  if (node.kind === 'model') return sectionsOf(node.model.checklist, true, node.layout);
  const { section, model, nested, layout } = node;
  if (node.kind === 'section') return section.items.map((item) => ({ kind: 'item', section, item, ancestors: [], model, nested, layout }));
  const ancestors = [...node.ancestors, node.item];
  return (node.item.children ?? []).map((item) => ({ kind: 'item', section, item, ancestors, model, nested, layout }));
}

/**
 * The node `node` is under, as VS Code needs it for reveal: rebuilt from the node itself (the
 * model node from the models shown now), with the same id as the node getChildren returned.
 */
export function parentNode(node: ChecklistNode, shown: readonly ActiveModel[]): ChecklistNode | undefined {
  if (node.kind === 'model') return undefined;
  const { section, model, nested, layout } = node;
  if (node.kind === 'section') {
    const active = nested ? shown.find((candidate) => candidate.checklist.id === model.id) : undefined;
    return active ? { kind: 'model', model: active, layout } : undefined;
  }
  const { ancestors } = node;
  if (ancestors.length === 0) return { kind: 'section', section, model, nested, layout };
  return { kind: 'item', section, item: ancestors[ancestors.length - 1], ancestors: ancestors.slice(0, -1), model, nested, layout };
}

/** Unique in the whole tree, and different in another layout (a row never reused under another parent). */
export function nodeId(node: ChecklistNode): string {
  const where = node.kind === 'model' ? 'side' : node.nested ? 'side' : 'alone';
  if (node.kind === 'model') return `${node.layout}|${where}|model:${node.model.checklist.id}`;
  if (node.kind === 'section') return `${node.layout}|${where}|section:${node.model.id}/${node.section.id}`;
  const path = [...node.ancestors, node.item].map((item) => item.id).join('>');
  return `${node.layout}|${where}|item:${node.model.id}/${node.section.id}/${path}`;
}
