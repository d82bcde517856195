/**
 * The policy settings view's workspace mode (issue 13 point 6), without vscode: the tenant's
 * effective WHfB configuration from the server (whfb/effectiveConfiguration), grouped by CSP area
 * like the active-file mode; per setting the value that applies (or that the files conflict), and
 * under it each file with the value it sets and whether it applies, is overridden or conflicts.
 */
import type { EffectiveConfiguration, EffectiveSetting, EffectiveSettingSource } from '../../../shared/protocol';
import { englishL10n, type L10n } from '../l10nText';

export interface WorkspaceSettingsGroup {
  name: string;
  settings: EffectiveSetting[];
  conflicts: number;
}

/** What one file's value does: applies (the only, the same or the winning value), loses to another, or conflicts. */
export type SourceRole = 'applies' | 'overridden' | 'conflict';

export type WorkspaceSettingsNode =
  | { kind: 'workspaceGroup'; group: WorkspaceSettingsGroup }
  | { kind: 'workspaceSetting'; setting: EffectiveSetting }
  | { kind: 'workspaceSource'; setting: EffectiveSetting; source: EffectiveSettingSource; index: number; role: SourceRole };

/** Groups in name order, "Unknown" last; settings by label. */
export function workspaceGroups(configuration: EffectiveConfiguration | undefined): WorkspaceSettingsGroup[] {
  if (!configuration) return [];
  const byName = new Map<string, EffectiveSetting[]>();
  for (const setting of configuration.settings) byName.set(setting.group, [...(byName.get(setting.group) ?? []), setting]);
  return [...byName.entries()]
    .sort(([a], [b]) => (a === 'Unknown' ? 1 : b === 'Unknown' ? -1 : a.localeCompare(b)))
    .map(([name, settings]) => ({
      name,
      settings: [...settings].sort((a, b) => a.label.localeCompare(b.label) || a.path.localeCompare(b.path)),
      conflicts: settings.filter((setting) => setting.outcome === 'conflict').length,
    }));
}

export function sourceRole(setting: EffectiveSetting, index: number): SourceRole {
  switch (setting.outcome) {
    case 'conflict': return 'conflict';
    case 'wins': return index === setting.winner ? 'applies' : 'overridden';
    default: return 'applies';
  }
}

export function workspaceChildren(node: WorkspaceSettingsNode | undefined, configuration: EffectiveConfiguration | undefined): WorkspaceSettingsNode[] {
  if (!node) return workspaceGroups(configuration).map((group) => ({ kind: 'workspaceGroup', group }));
  if (node.kind === 'workspaceGroup') return node.group.settings.map((setting) => ({ kind: 'workspaceSetting', setting }));
  if (node.kind === 'workspaceSetting') {
    return node.setting.sources.map((source, index) => ({ kind: 'workspaceSource', setting: node.setting, source, index, role: sourceRole(node.setting, index) }));
  }
  return [];
}

const oneLine = (value: string) => {
  const text = value.replace(/\s+/g, ' ').trim();
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** A setting's row description: the value that applies and from where, or the values in conflict. */
export function workspaceSettingDescription(setting: EffectiveSetting, l10n: L10n = englishL10n): string {
  const files = setting.sources.length;
  switch (setting.outcome) {
    case 'single': return `${oneLine(setting.sources[0]?.value ?? '')} · ${setting.sources[0]?.file ?? ''}`;
    case 'same': return l10n.t('{0} · {1} files agree', oneLine(setting.sources[0]?.value ?? ''), files);
    case 'wins': {
      const winner = setting.sources[setting.winner ?? 0];
      return l10n.t('{0} applies · from {1}', oneLine(winner?.value ?? ''), winner?.file ?? '');
    }
    case 'conflict': return l10n.t('conflict: {0}', [...new Set(setting.sources.map((source) => oneLine(source.value)))].join(' ≠ '));
  }
}

/** A file's row description: its value and what becomes of it. */
export function workspaceSourceDescription(source: EffectiveSettingSource, role: SourceRole, l10n: L10n = englishL10n): string {
  const channel = source.channel === 'group-policy' ? l10n.t('Group Policy') : '';
  const what = role === 'applies' ? l10n.t('applies') : role === 'overridden' ? l10n.t('overridden') : l10n.t('in conflict');
  return [oneLine(source.value), what, channel].filter(Boolean).join(' · ');
}

/** A unique row id: the path, and for a file its URI and place (one file may set a setting twice). */
export function workspaceNodeId(node: WorkspaceSettingsNode): string {
  switch (node.kind) {
    case 'workspaceGroup': return `workspace|group:${node.group.name}`;
    case 'workspaceSetting': return `workspace|setting:${node.setting.path}`;
    case 'workspaceSource': return `workspace|source:${node.setting.path}|${node.index}|${node.source.uri}#${node.source.range.start.line}:${node.source.range.start.character}`;
  }
}
