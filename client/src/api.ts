/**
 * What `activate()` returns: the extension's API for the integration tests (test/integration)
 * and for other extensions. Get it with
 *
 *   const api = await vscode.extensions.getExtension<WhfbExtensionApi>('whfb-policy-tools.whfb-policy-tools')!.activate();
 *   await api.ready;                       // the language client has started
 *   api.checklist.getModel();              // 'hybrid-cloud-kerberos-trust' | ... | undefined
 *   await api.checklist.toggle(id, true);  // same as ticking the checkbox in the view
 *
 * Commands take optional arguments for programmatic use:
 *   executeCommand('whfb.newPolicy', { model: 'cloud-only', tenantId: '<guid>', untitled: true })  // no prompts
 *   executeCommand('whfb.resetChecklist', { skipConfirmation: true })                             // no modal
 *   executeCommand('whfb.openReference')   // -> { opened: href } | { message } | { cancelled: true }
 *   executeCommand('whfb.checklist.openGuide', node)  // -> the href opened, or undefined
 *
 * Types only (no vscode import), so tests can import them too.
 */
import type { DeploymentModelId } from '../../shared/protocol';
import type { PolicySummary } from '../../shared/protocol';
import type { ModelSource, SettingCheckStatus } from './checklist/checklistView';
import type { StoreStatus } from './checklist/stateStore';

export interface ChecklistApiItem {
  id: string;
  title: string;
  section: 'prerequisites' | 'deployment-steps';
  /** The id of the item this one is part of; absent for the guide's own list items. */
  parent?: string;
  /** Done: ticked, part of a ticked item, or (an item with children) all its children done. */
  done: boolean;
  /** "done/total" over its children, for an item that has children. */
  progress?: string;
  href: string;
  /** How the active policy handles the settings this item concerns (undefined: no setting or no policy). */
  settingsStatus?: SettingCheckStatus;
  /** The tree item's description, e.g. "UsePassportForWork ✓". */
  settingsDescription?: string;
}

export interface ChecklistApi {
  /** The model the checklist view shows, undefined when none is chosen and no policy selects one. */
  getModel(): DeploymentModelId | undefined;
  /** Every model the view shows, the active one first (several when the folder's policies select several). */
  getModels(): DeploymentModelId[];
  /** Where the model came from: the open policy's deployment block, the user's choice, or the setting. */
  getModelSource(): ModelSource | undefined;
  /** The items of the shown model, children after their parent, in view order. */
  getItems(): ChecklistApiItem[];
  /** Ticks or unticks an item (with its children), resolving when the state file is written (or the write failed). */
  toggle(itemId: string, done: boolean): Promise<StoreStatus>;
  /** Chooses the model, as "WHfB: Choose deployment model" does, and persists it in the state file. */
  setModel(model: DeploymentModelId | undefined): Promise<StoreStatus>;
  /** Absolute path of the state file, undefined when no folder is open (progress is kept in memory). */
  stateFilePath(): string | undefined;
  /** ok, corrupt or unwritable, with the message the user sees. */
  status(): StoreStatus;
  /** Re-reads the state file (what the file watcher does after a change outside the editor). */
  reload(): Promise<StoreStatus>;
}

export interface WhfbExtensionApi {
  /** Resolves when the language client has started (rejects when the server cannot start). */
  ready: Promise<void>;
  checklist: ChecklistApi;
  /** How long activate() took, and when the language server answered (for the benchmark; no promise on speed). */
  activation(): ActivationFigures;
  /** The summary of the active policy document, as the views show it. */
  activePolicy(): PolicySummary | undefined;
  /** Asks the server again for the active document's summary and waits until the views have it. */
  refreshActivePolicy(): Promise<PolicySummary | undefined>;
  /** TEST ONLY: hooks for the integration suite. Not a stable API; other extensions must not use them. */
  testing: TestingApi;
}

export interface ActivationFigures {
  /** Milliseconds spent inside activate() (synchronous work only: the server starts after it returns). */
  activateMs: number;
  /** Milliseconds from the start of activate() until the server sent the checklists; undefined until then. */
  readyMs?: number;
}

export interface TestingApi {
  /**
   * TEST ONLY. Replaces what opens external (https) links, `vscode.env.openExternal`, with `opener`,
   * which receives the link instead of a browser; `undefined` restores the real one. Only links that
   * pass the https check reach it. Affects every WHfB command in this window until restored.
   */
  interceptOpenExternal(opener: ((href: string) => unknown) | undefined): void;
  /**
   * TEST ONLY. The "Policy settings" view as its tree data provider renders it now (switch modes
   * with the commands whfb.settingsView.showWorkspace / showActiveFile).
   */
  settingsView(): SettingsViewSnapshot;
}

export interface SettingsViewSnapshot {
  mode: 'activeFile' | 'workspace';
  /** The view's description (workspace mode: file, setting and conflict counts). */
  description?: string;
  rows: SettingsViewRow[];
}

export interface SettingsViewRow {
  label: string;
  description?: string;
  /** e.g. whfbWorkspaceGroup, whfbWorkspaceSetting, whfbWorkspaceSource. */
  contextValue?: string;
  children: SettingsViewRow[];
}
