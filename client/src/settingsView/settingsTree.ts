/**
 * The "Policy settings" view: the active policy's settings grouped by CSP area, the value as the
 * description, problems as icon and tooltip; selecting a setting reveals it in the editor. In
 * workspace mode (issue 13 point 6): every policy file's settings, per setting the value each file
 * sets and which applies or that they conflict; selecting a file reveals the setting in it.
 */
import * as vscode from 'vscode';
import type { PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import type { SeverityName } from '../../../shared/protocol';
import type { ActivePolicyTracker } from '../activePolicy';
import { groupSettings, settingDescription, worstSeverity, type SettingsGroup } from './settingsGroups';
import { settingTooltip } from './settingTooltip';
import { SteadyValue } from './steadyValue';
import type { WorkspaceConfigurationTracker } from '../workspaceConfiguration';
import { workspaceChildren, workspaceNodeId, workspaceSettingDescription, workspaceSourceDescription, type WorkspaceSettingsNode } from './workspaceSettings';

export type SettingsNode =
  | { kind: 'group'; group: SettingsGroup }
  | { kind: 'setting'; group: SettingsGroup; setting: PolicySettingSummary; uri: string }
  | WorkspaceSettingsNode;

export type SettingsViewMode = 'activeFile' | 'workspace';

const settingCount = (count: number) => (count === 1 ? vscode.l10n.t('1 setting') : vscode.l10n.t('{0} settings', count));
const conflictCount = (count: number) => (count === 1 ? vscode.l10n.t('1 conflict') : vscode.l10n.t('{0} conflicts', count));
const problemCount = (count: number) => (count === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', count));

function severityIcon(severity: SeverityName | undefined, fallback: string): vscode.ThemeIcon {
  switch (severity) {
    case 'error': return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning': return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'information': return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    case 'hint': return new vscode.ThemeIcon('lightbulb');
    default: return new vscode.ThemeIcon(fallback);
  }
}

/** Escaped text from the policy document: no theme icons, no HTML, no command links. */
function settingMarkdown(setting: PolicySettingSummary): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(settingTooltip(setting, vscode.l10n), false);
  markdown.supportHtml = false;
  markdown.isTrusted = false;
  return markdown;
}

export class SettingsTreeProvider implements vscode.TreeDataProvider<SettingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SettingsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<SettingsNode>;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** What the view shows: the policy's summary, held while the user types (no flickering "Unknown" group). */
  private readonly steady: SteadyValue<{ summary: PolicySummary | undefined; document: vscode.TextDocument | undefined }>;

  private mode: SettingsViewMode = 'activeFile';

  constructor(private readonly policy: ActivePolicyTracker, private readonly workspace?: WorkspaceConfigurationTracker) {
    this.view = vscode.window.createTreeView('whfb.settings', { treeDataProvider: this, showCollapseAll: true });
    void vscode.commands.executeCommand('setContext', 'whfb.settingsView.workspace', false);
    if (workspace) this.disposables.push(workspace.onDidChange(() => { if (this.mode === 'workspace') this.refresh(); }));
    this.steady = new SteadyValue({ summary: policy.current, document: policy.currentDocument }, () => this.refresh());
    this.disposables.push(
      this.view,
      { dispose: () => this.steady.dispose() },
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.policy.currentDocument && event.contentChanges.length > 0) this.steady.edited();
      }),
      // Another document, or none: shown at once; a new version of the same one: after typing pauses.
      policy.onDidChange(() => this.steady.offer(
        { summary: policy.current, document: policy.currentDocument },
        policy.currentDocument !== this.steady.current.document,
      )),
    );
    this.refresh();
  }

  /** Shows the active file's settings or the workspace's effective configuration. */
  setMode(mode: SettingsViewMode): void {
    this.mode = mode;
    void vscode.commands.executeCommand('setContext', 'whfb.settingsView.workspace', mode === 'workspace');
    if (mode === 'workspace') void this.workspace?.refresh();
    this.refresh();
  }

  get currentMode(): SettingsViewMode {
    return this.mode;
  }

  refresh(): void {
    if (this.mode === 'workspace') {
      const configuration = this.workspace?.current;
      const conflicts = configuration?.settings.filter((setting) => setting.outcome === 'conflict').length ?? 0;
      this.view.description = configuration
        ? `${vscode.l10n.t('Workspace')} · ${configuration.files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', configuration.files)} · ${settingCount(configuration.settings.length)}${conflicts ? ` · ${conflictCount(conflicts)}` : ''}`
        : vscode.l10n.t('Workspace');
      this.view.message = configuration && configuration.settings.length === 0 ? vscode.l10n.t('No policy file of the workspace sets a WHfB setting.') : undefined;
      this.emitter.fire(undefined);
      return;
    }
    const { summary, document } = this.steady.current;
    if (summary && document) {
      const problems = summary.settings.reduce((count, setting) => count + setting.problems.length, 0);
      const name = document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri);
      this.view.description = `${name} · ${settingCount(summary.settings.length)}${problems ? ` · ${problemCount(problems)}` : ''}`;
    } else {
      this.view.description = undefined;
    }
    this.view.message = summary && summary.settings.length === 0 ? vscode.l10n.t('The open policy has no MDM settings yet. Run "WHfB: Insert setting" to add one.') : undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: SettingsNode): SettingsNode[] {
    if (this.mode === 'workspace') {
      if (node && node.kind !== 'workspaceGroup' && node.kind !== 'workspaceSetting' && node.kind !== 'workspaceSource') return [];
      return workspaceChildren(node, this.workspace?.current);
    }
    const summary = this.steady.current.summary;
    if (!summary) return [];
    if (!node) return groupSettings(summary).map((group) => ({ kind: 'group', group }));
    if (node.kind === 'group') return node.group.settings.map((setting) => ({ kind: 'setting', group: node.group, setting, uri: summary.uri }));
    return [];
  }

  getTreeItem(node: SettingsNode): vscode.TreeItem {
    if (node.kind === 'workspaceGroup' || node.kind === 'workspaceSetting' || node.kind === 'workspaceSource') return this.workspaceItem(node);
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group.name}`;
      item.description = `${node.group.settings.length}${node.group.problemCount ? ` · ${problemCount(node.group.problemCount)}` : ''}`;
      item.iconPath = severityIcon(node.group.worst, 'symbol-namespace');
      item.contextValue = 'whfbSettingsGroup';
      return item;
    }
    const { setting } = node;
    const item = new vscode.TreeItem(setting.label, vscode.TreeItemCollapsibleState.None);
    item.id = `setting:${setting.index}`;
    item.description = settingDescription(setting);
    item.iconPath = severityIcon(worstSeverity(setting.problems), 'symbol-property');
    item.tooltip = settingMarkdown(setting);
    item.contextValue = setting.path ? 'whfbSetting.resolved' : 'whfbSetting';
    item.command = { command: 'whfb.revealSetting', title: vscode.l10n.t('Reveal in editor'), arguments: [node.uri, setting.range] };
    return item;
  }

  private workspaceItem(node: WorkspaceSettingsNode): vscode.TreeItem {
    if (node.kind === 'workspaceGroup') {
      const item = new vscode.TreeItem(node.group.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.group.settings.length}${node.group.conflicts ? ` · ${conflictCount(node.group.conflicts)}` : ''}`;
      item.iconPath = node.group.conflicts ? severityIcon('warning', 'symbol-namespace') : new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'whfbWorkspaceGroup';
      item.id = workspaceNodeId(node);
      return item;
    }
    if (node.kind === 'workspaceSetting') {
      const { setting } = node;
      // One file: nothing to compare, the row stays closed; several: the files show at once.
      const item = new vscode.TreeItem(setting.label, setting.sources.length > 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = workspaceSettingDescription(setting, vscode.l10n);
      item.iconPath = setting.outcome === 'conflict' ? severityIcon('warning', 'symbol-property') : new vscode.ThemeIcon(setting.outcome === 'wins' ? 'layers' : 'symbol-property');
      item.tooltip = setting.path;
      item.contextValue = 'whfbWorkspaceSetting';
      item.id = workspaceNodeId(node);
      return item;
    }
    const { source, role } = node;
    const item = new vscode.TreeItem(source.file, vscode.TreeItemCollapsibleState.None);
    item.description = workspaceSourceDescription(source, role, vscode.l10n);
    item.iconPath = role === 'applies' ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : role === 'conflict' ? severityIcon('warning', 'file') : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    item.tooltip = source.tenantWide ? `${source.file} · ${vscode.l10n.t('tenant-wide Windows Hello for Business policy')}` : source.file;
    item.contextValue = 'whfbWorkspaceSource';
    item.id = workspaceNodeId(node);
    item.command = { command: 'whfb.revealSetting', title: vscode.l10n.t('Reveal in editor'), arguments: [source.uri, source.range] };
    return item;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
