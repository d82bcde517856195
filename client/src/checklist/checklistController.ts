/**
 * The checklist's state in the window: which model is shown, which items are ticked (the state
 * store), and the file watcher that picks up changes made outside the editor (git pull, another
 * window). The tree view, the commands, the status bar and the API all read it from here.
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { Checklists, DeploymentModelChecklist, DeploymentModelId } from '../../../shared/protocol';
import type { ChecklistApi, ChecklistApiItem } from '../api';
import type { ActivePolicyTracker } from '../activePolicy';
import type { WorkspaceConfigurationTracker } from '../workspaceConfiguration';
import type { ChecklistItem } from '../../../shared/protocol';
import { allItems, parentIds } from '../../../shared/protocol';
import { checkItemSettings, diagnosticPaths, isItemDone, itemProgress, modelsToShow, pathTo, progressText, ticksFor, type ActiveModel, type DocumentProblem, type ItemSettingsCheck, type WorkspaceSettings } from './checklistView';
import { MemoryStateFs } from './stateFs';
import { resolveStateFilePath } from './stateFilePath';
import { checklistFolder, fileUri, folderPath, stateFsFor, userName } from './stateLocation';
import { ChecklistStateStore, type StoreStatus } from './stateStore';
import { RepoDeploymentModel } from './repoDeploymentModel';

function authorName(): string | undefined {
  if (!vscode.workspace.getConfiguration('whfb').get<boolean>('checklist.recordAuthor', true)) return undefined;
  return userName();
}

export class ChecklistController implements vscode.Disposable {
  private store!: ChecklistStateStore;
  /** False when no folder is open: progress lives in memory only. */
  private persistent = false;
  /** The folder the state file is in (none: in memory). */
  private folder: vscode.WorkspaceFolder | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private storeSubscription: vscode.Disposable | undefined;
  private lastReportedStatus = '';
  private readonly emitter = new vscode.EventEmitter<void>();
  /** deploymentModel of the repository's .whfbrc.json, under the whfb.deploymentModel setting. */
  private readonly repoModel = new RepoDeploymentModel();
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.repoModel];
  readonly onDidChange = this.emitter.event;
  /** The guides' checklists, from the language server (whfb/checklists); none until it has answered. */
  private loadedChecklists: Checklists = { schemaVersion: 1, models: [] };
  /** Per workspace folder (its URI; '' outside any folder): the models its policies selected, most recent first. */
  private readonly detected = new Map<string, DeploymentModelId[]>();

  constructor(private readonly policy: ActivePolicyTracker, private readonly workspaceConfiguration?: WorkspaceConfigurationTracker) {
    this.openStore();
    if (workspaceConfiguration) this.disposables.push(workspaceConfiguration.onDidChange(() => this.changed()));
    this.disposables.push(
      this.repoModel.onDidChange(() => this.changed()),
      policy.onDidChange((summary) => {
        this.remember(summary?.deploymentModel);
        this.changed();
      }),
      // Items about settings show the policy's findings, which arrive as diagnostics.
      // With the workspace's files, a finding in any of them may change a mark.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const document = this.policy.currentDocument;
        if (this.workspaceConfiguration?.current?.settings.length || (document && event.uris.some((uri) => uri.toString() === document.uri.toString()))) this.changed();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.openStore()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('whfb.checklist.stateFile')) this.openStore();
        else if (event.affectsConfiguration('whfb.deploymentModel')) this.changed();
      }),
    );
  }

  get checklists(): Checklists {
    return this.loadedChecklists;
  }

  /** Called once the server has sent the checklists: the views show the model from then on. */
  setChecklists(checklists: Checklists): void {
    this.loadedChecklists = checklists;
    this.changed();
  }

  /** The model shown and where it came from. */
  /** The first model shown (see `shown`): the open policy's, else the chosen one, the setting's, or the folder's last policy's. */
  get active(): ActiveModel | undefined {
    return this.shown[0];
  }

  /**
   * Every model the view shows, the active one first: with it, the models the other policies of
   * the current workspace folder selected (several deployments side by side), so switching
   * editors adds a model instead of replacing the one shown.
   */
  get shown(): ActiveModel[] {
    return modelsToShow(this.loadedChecklists, {
      policy: this.policy.current?.deploymentModel,
      chosen: this.store.model,
      setting: vscode.workspace.getConfiguration('whfb').get<string>('deploymentModel') || this.repoModel.model,
      detected: this.detected.get(this.folderKey()) ?? [],
    });
  }

  /** The workspace folder of the policy shown (or the first folder): the models are kept per folder. */
  private folderKey(): string {
    const document = this.policy.currentDocument;
    const folder = (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.toString() ?? '';
  }

  private remember(model: DeploymentModelId | undefined): void {
    if (!model) return;
    const key = this.folderKey();
    const models = this.detected.get(key) ?? [];
    this.detected.set(key, [model, ...models.filter((known) => known !== model)]);
  }

  get status(): StoreStatus {
    return this.store.status;
  }

  get isPersistent(): boolean {
    return this.persistent;
  }

  get stateFilePath(): string | undefined {
    return this.persistent ? this.store.filePath : undefined;
  }

  get items(): Readonly<Record<string, { done: true; by?: string; at?: string }>> {
    return this.store.state.items;
  }

  /** The WHfB diagnostics of the active policy document, severities as names. */
  documentProblems(): DocumentProblem[] {
    const document = this.policy.currentDocument;
    return document ? this.problemsOf(document.uri) : [];
  }

  /** The WHfB diagnostics of a file (open or not: the server reports the workspace's files). */
  private problemsOf(uri: vscode.Uri): DocumentProblem[] {
    const names = ['error', 'warning', 'information', 'hint'];
    return vscode.languages.getDiagnostics(uri)
      .filter((diagnostic) => diagnostic.source === 'whfb')
      .map((diagnostic) => ({
        code: String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code ?? ''),
        severity: names[diagnostic.severity] ?? 'error',
        message: diagnostic.message,
        // The language client keeps the server's Diagnostic.data on the diagnostic it creates.
        paths: diagnosticPaths((diagnostic as { data?: unknown }).data),
      }));
  }

  /** How the active policy handles the settings an item concerns. */
  checkItem(item: ChecklistItem): ItemSettingsCheck | undefined {
    return checkItemSettings(item, this.policy.current, this.documentProblems(), vscode.l10n, this.workspaceSettings());
  }

  /** The policy files of the workspace (issue 13 point 5); the open policy's unsaved text wins for its own file. */
  private workspaceSettings(): WorkspaceSettings | undefined {
    const configuration = this.workspaceConfiguration?.current;
    if (!configuration || configuration.settings.length === 0) return undefined;
    const problems = new Map<string, DocumentProblem[]>();
    return {
      settings: configuration.settings,
      activeUri: this.policy.current?.uri ?? this.policy.currentDocument?.uri.toString(),
      problemsOf: (uri) => {
        let known = problems.get(uri);
        if (!known) problems.set(uri, known = this.problemsOf(vscode.Uri.parse(uri)));
        return known;
      },
    };
  }

  /** Whether this id is ticked in the state file (an item with children: see isItemDone). */
  isDone(itemId: string): boolean {
    return this.store.isDone(itemId);
  }

  /** Whether the item is done: ticked, or all its children done. */
  isItemDone(item: ChecklistItem): boolean {
    return isItemDone(item, (id) => this.store.isDone(id));
  }

  /** Ticks or unticks an item of the shown model, with its children (and, unticking, the items it is part of). */
  async setDone(itemId: string, done: boolean): Promise<StoreStatus> {
    // The item may belong to any model shown side by side, not only the active one.
    const checklist = this.shown.map((model) => model.checklist).find((candidate) => pathTo(candidate.sections.flatMap((section) => section.items), itemId)) ?? this.active?.checklist;
    const { tick, untick } = checklist ? ticksFor(checklist, itemId, done) : done ? { tick: [itemId], untick: [] } : { tick: [], untick: [itemId] };
    const writes: Promise<StoreStatus>[] = tick.map((id) => this.store.setDone(id, true));
    if (untick.length > 0) writes.push(this.store.clearItems(untick));
    const statuses = await Promise.all(writes);
    return this.report(statuses.find((status) => status.kind !== 'ok') ?? statuses[statuses.length - 1] ?? this.store.status);
  }

  async chooseModel(model: DeploymentModelId | undefined): Promise<StoreStatus> {
    return this.report(await this.store.setModel(model));
  }

  /** Unticks the shown model's items; a corrupt file is kept as a backup and started afresh. */
  async reset(checklist: DeploymentModelChecklist | undefined): Promise<{ status: StoreStatus; backupPath?: string }> {
    if (this.store.status.kind === 'corrupt') {
      const result = await this.store.resetCorrupt();
      this.report(result.status);
      return result;
    }
    const ids = checklist ? checklist.sections.flatMap((section) => allItems(section.items).map((item) => item.id)) : undefined;
    return { status: this.report(await this.store.clearItems(ids)) };
  }

  reload(): Promise<StoreStatus> {
    return this.store.reload().then((status) => this.report(status));
  }

  api(): ChecklistApi {
    return {
      getModel: () => this.active?.checklist.id,
      getModels: () => this.shown.map((model) => model.checklist.id),
      getModelSource: () => this.active?.source,
      getItems: () => this.apiItems(),
      toggle: (itemId, done) => this.setDone(itemId, done),
      setModel: (model) => this.chooseModel(model),
      stateFilePath: () => this.stateFilePath,
      status: () => this.status,
      reload: () => this.reload(),
    };
  }

  private apiItems(): ChecklistApiItem[] {
    const active = this.active;
    if (!active) return [];
    return active.checklist.sections.flatMap((section) => {
      const parents = parentIds(section.items);
      return allItems(section.items).map((item) => {
        const check = this.checkItem(item);
        const parent = parents.get(item.id);
        const progress = item.children ? itemProgress(item, (id) => this.isDone(id)) : undefined;
        return {
          id: item.id,
          title: item.title,
          section: section.id,
          ...(parent ? { parent } : {}),
          done: this.isItemDone(item) || (parent !== undefined && this.doneThroughParent(active.checklist, item.id)),
          ...(progress ? { progress: progressText(progress) } : {}),
          href: item.href,
          ...(check ? { settingsStatus: check.status, settingsDescription: check.description } : {}),
        };
      });
    });
  }

  /** A child counts as done when an item it is part of is ticked (a tick saved before the children existed). */
  doneThroughParent(checklist: DeploymentModelChecklist, itemId: string): boolean {
    const path = pathTo(checklist.sections.flatMap((section) => section.items), itemId) ?? [];
    return path.slice(0, -1).some((ancestor) => this.isDone(ancestor.id));
  }

  /** (Re)creates the store for the first workspace folder and the current setting. */
  private openStore(): void {
    this.storeSubscription?.dispose();
    this.watcher?.dispose();
    this.watcher = undefined;
    this.store?.dispose();

    // A folder on disk; on the web, a virtual one (stateLocation.web.ts).
    const folder = checklistFolder();
    this.folder = folder;
    if (folder) {
      const location = resolveStateFilePath(folderPath(folder), vscode.workspace.getConfiguration('whfb', folder.uri).get('checklist.stateFile'));
      if (!location.ok) void vscode.window.showWarningMessage(location.message);
      // The store refuses, before every read and write, a path that leaves the folder through a link.
      this.store = new ChecklistStateStore(location.path, { author: authorName(), workspaceFolder: folderPath(folder), fs: stateFsFor(folder) });
      this.persistent = true;
      // A change outside the editor (git pull, another window) is read again; our own writes are harmless to re-read.
      this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(fileUri(folder, dirname(location.path)), basename(location.path)));
      const reload = () => void this.reload();
      this.watcher.onDidChange(reload);
      this.watcher.onDidCreate(reload);
      this.watcher.onDidDelete(reload);
    } else {
      this.store = new ChecklistStateStore('/whfb-memory/checklist.json', { fs: new MemoryStateFs(), author: authorName() });
      this.persistent = false;
    }
    this.storeSubscription = this.store.onDidChange(() => this.changed());
    void this.reload();
    this.changed();
  }

  /** Tells the user once per new problem with the state file; the view's message keeps showing it. */
  private report(status: StoreStatus): StoreStatus {
    const key = status.kind === 'ok' ? '' : `${status.kind}:${status.message}`;
    if (key && key !== this.lastReportedStatus) {
      if (status.kind === 'corrupt') {
        const openFile = vscode.l10n.t('Open file');
        const reset = vscode.l10n.t('Reset checklist');
        void vscode.window.showErrorMessage(status.message, openFile, reset).then((choice) => {
          if (choice === openFile && this.folder) void vscode.window.showTextDocument(fileUri(this.folder, this.store.filePath));
          if (choice === reset) void vscode.commands.executeCommand('whfb.resetChecklist');
        });
      } else if (status.kind === 'unwritable') {
        void vscode.window.showErrorMessage(status.message);
      }
    }
    this.lastReportedStatus = key;
    return status;
  }

  private changed(): void {
    const active = this.active;
    void vscode.commands.executeCommand('setContext', 'whfb.hasModel', active !== undefined);
    void vscode.commands.executeCommand('setContext', 'whfb.checklistCorrupt', this.store.status.kind === 'corrupt');
    this.emitter.fire();
  }

  dispose(): void {
    this.storeSubscription?.dispose();
    this.watcher?.dispose();
    this.store?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
