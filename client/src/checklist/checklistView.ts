/**
 * What the checklist view shows, computed without vscode: progress per section and overall, and
 * for items that concern settings, whether the active policy file has them right. The client
 * never re-checks a rule itself: "right" means the server reported no error or warning on it.
 */
import type { ChecklistItem, Checklists, DeploymentModelChecklist } from '../../../shared/protocol';
import type { EffectiveSetting, PolicySummary } from '../../../shared/protocol';
import { allItems } from '../../../shared/protocol';
import { englishL10n, type L10n } from '../l10nText';

export interface Progress { done: number; total: number }

export function progressText(progress: Progress): string {
  return `${progress.done}/${progress.total}`;
}

/**
 * Whether an item is done, given which ids are ticked: a ticked item is done with everything in it
 * (a tick saved on an item before it had children still counts); an item with children is done
 * when all of them are.
 */
export function isItemDone(item: ChecklistItem, isTicked: (id: string) => boolean): boolean {
  if (isTicked(item.id)) return true;
  return item.children !== undefined && item.children.length > 0 && item.children.every((child) => isItemDone(child, isTicked));
}

/**
 * Progress over the things to do: an item without children counts once, an item with children
 * counts as its children (so "done/total" covers them, and nothing is counted twice).
 */
export function itemProgress(item: ChecklistItem, isTicked: (id: string) => boolean, ancestorTicked = false): Progress {
  const ticked = ancestorTicked || isTicked(item.id);
  if (!item.children || item.children.length === 0) return { done: ticked ? 1 : 0, total: 1 };
  return sumProgress(item.children.map((child) => itemProgress(child, isTicked, ticked)));
}

function sumProgress(parts: readonly Progress[]): Progress {
  return parts.reduce((sum, part) => ({ done: sum.done + part.done, total: sum.total + part.total }), { done: 0, total: 0 });
}

export function sectionProgress(items: readonly ChecklistItem[], isTicked: (id: string) => boolean): Progress {
  return sumProgress(items.map((item) => itemProgress(item, isTicked)));
}

export function modelProgress(checklist: DeploymentModelChecklist, isTicked: (id: string) => boolean): Progress {
  return sectionProgress(checklist.sections.flatMap((section) => section.items), isTicked);
}

/**
 * The ticks to write when the user ticks or unticks an item: ticking covers the item and
 * everything in it; unticking also unticks the items it is part of (they are no longer all done),
 * so that no tick saved on a parent keeps the unticked item done.
 */
export function ticksFor(checklist: DeploymentModelChecklist, itemId: string, done: boolean): { tick: string[]; untick: string[] } {
  const path = pathTo(checklist.sections.flatMap((section) => section.items), itemId);
  if (!path) return done ? { tick: [itemId], untick: [] } : { tick: [], untick: [itemId] };
  const item = path[path.length - 1];
  const inside = [item.id, ...allItems(item.children ?? []).map((child) => child.id)];
  return done ? { tick: inside, untick: [] } : { tick: [], untick: [...path.slice(0, -1).map((ancestor) => ancestor.id), ...inside] };
}

/** The item with that id and the items it is part of, outermost first. */
export function pathTo(items: readonly ChecklistItem[], itemId: string): ChecklistItem[] | undefined {
  for (const item of items) {
    if (item.id === itemId) return [item];
    const below = pathTo(item.children ?? [], itemId);
    if (below) return [item, ...below];
  }
  return undefined;
}

/**
 * ok: in the policy, no error or warning on it. problem: in the policy with an error or warning,
 * or absent while a finding of the policy asks for it. absent: not in the policy, and no finding
 * asks for it (a guide section also names optional settings and ones that must stay off).
 */
export type SettingCheckStatus = 'ok' | 'problem' | 'absent';

export interface SettingCheck {
  path: string;
  /** The node name, the last segment of the path. */
  name: string;
  status: SettingCheckStatus;
  problems: { code: string; severity: string; message: string }[];
}

export interface ItemSettingsCheck {
  /** problem if any setting has one, else ok if any is in the policy, else absent. */
  status: SettingCheckStatus;
  settings: SettingCheck[];
  /** Short text for the tree item's description: "UsePassportForWork ✓, UseCloudTrustForOnPremAuth ⚠". */
  description: string;
}

/** A diagnostic of the policy document, as the editor has it (any finding, not only those on a setting). */
export interface DocumentProblem {
  code: string;
  severity: string;
  message: string;
  /** The catalog paths of the settings the finding is about, present or missing (from the diagnostic's data). */
  paths?: readonly string[];
}

/** The `paths` the server puts in a diagnostic's data (Finding.paths); undefined when there are none. */
export function diagnosticPaths(data: unknown): string[] | undefined {
  if (typeof data !== 'object' || data === null || !('paths' in data)) return undefined;
  const paths = (data as { paths: unknown }).paths;
  return Array.isArray(paths) ? paths.filter((path): path is string => typeof path === 'string') : undefined;
}

const STATUS_MARK: Record<SettingCheckStatus, string> = { ok: '✓', problem: '⚠', absent: '' };

function lastSegment(path: string): string {
  const segments = path.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? path;
}

const isErrorOrWarning = (problem: { severity: string }) => problem.severity === 'error' || problem.severity === 'warning';

/**
 * How the active policy handles the settings an item concerns; undefined when the item concerns
 * no setting or no policy is open. A missing setting a rule requires ("Cloud Kerberos trust needs
 * UseCloudTrustForOnPremAuth") is found through the finding whose paths name it (never through
 * its message text): the rule decides, the view only shows.
 */
export function checkItemSettings(item: ChecklistItem, summary: PolicySummary | undefined, documentProblems: readonly DocumentProblem[] = [], l10n: L10n = englishL10n, workspace?: WorkspaceSettings): ItemSettingsCheck | undefined {
  if (item.settings.length === 0 || (!summary && !workspace)) return undefined;
  const settings = item.settings.map((path): SettingCheck => {
    const name = lastSegment(path);
    const wanted = path.toLowerCase();
    const inPolicy = (summary?.settings ?? []).filter((setting) => setting.path?.toLowerCase() === wanted);
    if (inPolicy.length > 0) {
      // The open policy decides for the settings it sets (its marks agree with its own findings,
      // cross-file ones included); the other files count for the settings it does not set.
      // Information and hints (a recommendation) do not make a setting wrong.
      const problems = inPolicy.flatMap((setting) => setting.problems).filter(isErrorOrWarning);
      return { path, name, status: problems.length > 0 ? 'problem' : 'ok', problems };
    }
    const elsewhere = workspace ? workspaceCheck(path, workspace) : undefined;
    if (elsewhere?.set) return { path, name, status: elsewhere.problems.length > 0 ? 'problem' : 'ok', problems: elsewhere.problems };
    const asking = documentProblems.filter((problem) => isErrorOrWarning(problem) && problem.paths?.some((concerned) => concerned.toLowerCase() === wanted));
    return { path, name, status: asking.length > 0 ? 'problem' : 'absent', problems: asking };
  });
  const status: SettingCheckStatus = settings.some((s) => s.status === 'problem') ? 'problem' : settings.some((s) => s.status === 'ok') ? 'ok' : 'absent';
  const shown = settings.filter((s) => s.status !== 'absent');
  const description = shown.length > 0 ? shown.map((s) => `${s.name} ${STATUS_MARK[s.status]}`).join(', ') : l10n.t('not in the policy');
  return { status, settings, description };
}

/**
 * The policy files of the workspace (issue 13 point 5): the server's effective configuration, the
 * findings each file has (its diagnostics, also for closed files), and the file open in the editor,
 * whose unsaved text (the summary) wins over what the index read from disk.
 */
export interface WorkspaceSettings {
  settings: readonly EffectiveSetting[];
  problemsOf(uri: string): readonly DocumentProblem[];
  /** The active policy's URI as the server names it: its sources come from the summary instead. */
  activeUri?: string;
}

/**
 * How the workspace's other files handle a setting: set when one of them sets it; a problem when a
 * finding of that file names the setting, or when the files conflict (Intune applies no value).
 */
export function workspaceCheck(path: string, workspace: WorkspaceSettings): { set: boolean; problems: SettingCheck['problems'] } {
  const wanted = path.toLowerCase();
  const setting = workspace.settings.find((candidate) => candidate.path.toLowerCase() === wanted);
  const sources = (setting?.sources ?? []).filter((source) => source.uri !== workspace.activeUri);
  const conflict = setting?.outcome === 'conflict'
    ? [{ code: '', severity: 'warning', message: `${setting.sources.map((source) => `${source.file}: ${source.value}`).join('; ')}` }]
    : [];
  const problems = [...new Set(sources.map((source) => source.uri))].flatMap((uri) =>
    workspace.problemsOf(uri).filter((problem) => isErrorOrWarning(problem) && problem.paths?.some((concerned) => concerned.toLowerCase() === wanted)));
  return { set: sources.length > 0, problems: [...problems, ...conflict] };
}

export type ModelSource = 'policy' | 'chosen' | 'setting';

export interface ActiveModel {
  checklist: DeploymentModelChecklist;
  source: ModelSource;
}

/**
 * The checklist to show: the open policy's deployment block wins (it is what is being deployed),
 * then the model chosen with "WHfB: Choose deployment model" (kept in the state file), then the
 * `whfb.deploymentModel` setting.
 */
export function resolveActiveModel(
  checklists: Checklists,
  candidates: { policy?: string; chosen?: string; setting?: string },
): ActiveModel | undefined {
  for (const source of ['policy', 'chosen', 'setting'] as const) {
    const id = candidates[source];
    const checklist = id ? checklists.models.find((model) => model.id === id) : undefined;
    if (checklist) return { checklist, source };
  }
  return undefined;
}

/**
 * Every model the checklist shows, the active one first: the open policy's, the chosen one, the
 * setting's, then the models of the other policies seen in this workspace folder (most recent
 * first). Several deployments in one repository show side by side; opening another policy adds
 * its model instead of replacing the one shown, so no tick disappears and a chosen model stays.
 */
export function modelsToShow(
  checklists: Checklists,
  candidates: { policy?: string; chosen?: string; setting?: string; detected?: readonly string[] },
): ActiveModel[] {
  const shown: ActiveModel[] = [];
  const add = (id: string | undefined, source: ModelSource) => {
    const checklist = id ? checklists.models.find((model) => model.id === id) : undefined;
    if (checklist && !shown.some((model) => model.checklist.id === checklist.id)) shown.push({ checklist, source });
  };
  add(candidates.policy, 'policy');
  add(candidates.chosen, 'chosen');
  add(candidates.setting, 'setting');
  for (const id of candidates.detected ?? []) add(id, 'policy');
  return shown;
}

/**
 * A checklist title short enough for a tree row (the full title stays in the tooltip and the
 * screen reader's label): the product name shortened, a trailing clause after ";" or ", however"
 * dropped, and anything still long cut at a word with "…".
 */
export function readableTitle(title: string, limit = 72): string {
  let text = title.replace(/\bWindows Hello for Business\b/g, 'WHfB').replace(/\bMicrosoft Entra\b/g, 'Entra').replace(/\s+/g, ' ').trim();
  if (text.length > limit) text = text.split(/;\s|,\s(?:however|but|and)\s/)[0];
  if (text.length > limit) text = `${text.slice(0, limit - 1).replace(/\s+\S*$/, '')}…`;
  return text;
}

/** The view's description: each shown model with its progress ("Cloud Kerberos trust 5/17"). */
export function checklistDescription(models: readonly { name: string; progress: Progress }[]): string {
  return models.map((model) => `${model.name} ${progressText(model.progress)}`).join(' · ');
}
