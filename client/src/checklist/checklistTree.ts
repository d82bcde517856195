/**
 * The "Deployment checklist" view: the active model's prerequisites and deployment steps, each a
 * checkbox, with the things to do inside a step as child checkboxes (ticking a step ticks them
 * all; a step is done when they all are), progress "done/total" per section, per step with
 * children and in the view's description, and for steps about settings whether the active policy
 * has them right.
 */
import * as vscode from 'vscode';
import type { ChecklistItem } from '../../../shared/protocol';
import { shortModelName } from '../commands/modelPicks';
import type { ChecklistController } from './checklistController';
import { checklistItemTooltip } from './checklistTooltip';
import { childNodes, firstRootNodes, isFirstDrawing, nodeId, parentNode, rootNodes, type ChecklistNode } from './checklistNodes';
import { checklistDescription, itemProgress, modelProgress, progressText, readableTitle, sectionProgress, type ItemSettingsCheck } from './checklistView';

export type { ChecklistNode } from './checklistNodes';

const sourceText = (source: 'policy' | 'chosen' | 'setting'): string =>
  ({ policy: vscode.l10n.t('from the open policy'), chosen: vscode.l10n.t('chosen'), setting: vscode.l10n.t('from settings') })[source];

function settingsIcon(check: ItemSettingsCheck): vscode.ThemeIcon {
  switch (check.status) {
    case 'ok': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'problem': return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'absent': return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
  }
}

/** Our Markdown with escaped text in it: theme icons yes, HTML and command links never. */
function itemTooltip(item: ChecklistItem, check: ItemSettingsCheck | undefined, done?: { by?: string; at?: string }): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(checklistItemTooltip(item, check, done, vscode.l10n), true);
  markdown.supportHtml = false;
  markdown.isTrusted = false;
  return markdown;
}

export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<ChecklistNode>;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly controller: ChecklistController) {
    this.view = vscode.window.createTreeView('whfb.checklist', { treeDataProvider: this, showCollapseAll: true, manageCheckboxStateManually: true });
    this.disposables.push(
      this.view,
      controller.onDidChange(() => this.refresh()),
      this.view.onDidChangeCheckboxState(async (event) => {
        for (const [node, state] of event.items) {
          if (node.kind === 'item') await controller.setDone(node.item.id, state === vscode.TreeItemCheckboxState.Checked);
        }
        // A refused tick (corrupt file) must show as unticked again, though nothing else changed.
        this.drawn = '';
        this.refresh();
      }),
    );
    this.refresh();
  }

  /** What was last drawn (ids, labels, descriptions, marks): a refresh that changes nothing is not sent. */
  private drawn = '';
  private pendingFire: ReturnType<typeof setTimeout> | undefined;
  /**
   * Whether the workbench has asked for the root rows yet. VS Code (1.100) builds its tree the
   * first time the view is shown, and a refresh that reaches it while that first fetch is under
   * way is not queued behind it (later refreshes are): the workbench then walks the tree a second
   * time from the children it cached, and its batched child requests (TreeDataSource.getChildren:
   * a request made while the previous batch's timers still run resets the batch) hand a parent
   * the children of another parent (a model row drawn with another model's steps). So nothing is
   * fired until the root was answered, and the first answer draws no expanded row whose children
   * a second, cached walk would ask for; see firstRootNodes.
   */
  private rootAnswered = false;

  refresh(): void {
    const shown = this.controller.shown;
    const active = shown[0];
    // Overall progress of every model shown, in the view's title bar ("Cloud Kerberos trust (hybrid) 5/17").
    this.view.description = shown.length > 0
      ? checklistDescription(shown.map((model) => ({ name: shortModelName(model.checklist), progress: modelProgress(model.checklist, (id) => this.controller.isDone(id)) })))
      : undefined;
    this.view.message = this.message(active ? sourceText(active.source) : undefined);
    this.scheduleFire();
  }

  /**
   * Tells VS Code the tree changed, once per burst of changes and only when what it draws did
   * change. Refreshes that overlap while VS Code still fetches the previous children let its
   * batched child requests answer one parent with another's children (a model node drawn with the
   * other model's steps): a quiet tree is refreshed once, after the burst.
   */
  private scheduleFire(): void {
    if (this.pendingFire || !this.rootAnswered) return;
    this.pendingFire = setTimeout(() => {
      this.pendingFire = undefined;
      const drawing = this.drawing();
      if (drawing === this.drawn) return;
      this.drawn = drawing;
      this.emitter.fire(undefined);
    }, 50);
  }

  /** Everything the rows show, as one string to compare. */
  private drawing(): string {
    const rows: string[] = [];
    const walk = (nodes: readonly ChecklistNode[]) => {
      for (const node of nodes) {
        const item = this.getTreeItem(node);
        const checkbox = typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState;
        const tooltip = typeof item.tooltip === 'object' ? item.tooltip.value : item.tooltip;
        const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
        rows.push(JSON.stringify([item.id, item.label, item.description, checkbox, icon, tooltip, item.collapsibleState]));
        walk(childNodes(node));
      }
    };
    walk(rootNodes(this.controller.shown));
    return rows.join('\n');
  }

  private message(source: string | undefined): string | undefined {
    const status = this.controller.status;
    if (status.kind === 'corrupt') return `⚠ ${status.message}`;
    if (status.kind === 'unwritable') return `⚠ ${status.message}`;
    if (!source) return undefined;
    if (!this.controller.isPersistent) return vscode.l10n.t('Model {0}. Progress is not saved: open a folder to keep it in .whfb/checklist.json.', source);
    return undefined;
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (node) return childNodes(node);
    if (!this.rootAnswered) {
      this.rootAnswered = true;
      // The real rows follow at once, in a refresh the workbench queues behind this first fetch.
      this.drawn = '';
      this.scheduleFire();
      return firstRootNodes(this.controller.shown);
    }
    return rootNodes(this.controller.shown);
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    return parentNode(node, this.controller.shown);
  }

  private modelItem(node: Extract<ChecklistNode, { kind: 'model' }>): vscode.TreeItem {
    const { model } = node;
    const progress = modelProgress(model.checklist, (id) => this.controller.isDone(id));
    const item = new vscode.TreeItem(shortModelName(model.checklist), isFirstDrawing(node) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId(node);
    item.description = `${progressText(progress)} · ${sourceText(model.source)}`;
    item.iconPath = new vscode.ThemeIcon(progress.done === progress.total ? 'pass-filled' : 'book');
    item.tooltip = model.checklist.choose ?? model.checklist.title;
    item.contextValue = 'whfbChecklistModel';
    return item;
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    if (node.kind === 'model') return this.modelItem(node);
    if (node.kind === 'section') {
      const progress = sectionProgress(node.section.items, (id) => this.controller.isDone(id));
      const item = new vscode.TreeItem(node.section.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = nodeId(node);
      item.description = progressText(progress);
      item.iconPath = new vscode.ThemeIcon(progress.done === progress.total ? 'pass-filled' : 'checklist');
      item.contextValue = 'whfbChecklistSection';
      return item;
    }
    const { item: checklistItem } = node;
    const isTicked = (id: string) => this.controller.isDone(id);
    const ticked = [checklistItem, ...node.ancestors].map((i) => this.controller.items[i.id]).find(Boolean);
    const children = checklistItem.children ?? [];
    const progress = children.length > 0 ? itemProgress(checklistItem, isTicked, node.ancestors.some((a) => isTicked(a.id))) : undefined;
    const done = progress ? progress.done === progress.total : ticked !== undefined;
    const check = this.controller.checkItem(checklistItem);
    const item = new vscode.TreeItem(readableTitle(checklistItem.title), children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.checkboxState = {
      state: done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: progress
        ? (done ? vscode.l10n.t('Mark this step and everything in it as not done') : vscode.l10n.t('Mark this step and everything in it as done'))
        : done ? vscode.l10n.t('Mark as not done') : vscode.l10n.t('Mark as done'),
    };
    const descriptions = [progress ? progressText(progress) : '', check?.description ?? ''].filter(Boolean);
    if (descriptions.length > 0) item.description = descriptions.join(' · ');
    if (check) item.iconPath = settingsIcon(check);
    item.tooltip = itemTooltip(checklistItem, check, done ? ticked ?? {} : undefined);
    item.contextValue = 'whfbChecklistItem';
    const state = progress ? vscode.l10n.t('{0} done', progressText(progress)) : done ? vscode.l10n.t('done') : vscode.l10n.t('not done');
    item.accessibilityInformation = { label: `${checklistItem.title}, ${state}${check ? `, ${check.description}` : ''}` };
    return item;
  }

  dispose(): void {
    if (this.pendingFire) clearTimeout(this.pendingFire);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
