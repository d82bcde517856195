/**
 * The policy settings view's structure, without vscode: the active policy's settings grouped by
 * CSP area (PolicySettingSummary.group), each with its worst problem.
 */
import type { PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import type { SeverityName } from '../../../shared/protocol';

export interface SettingsGroup {
  name: string;
  settings: PolicySettingSummary[];
  /** The worst severity among the group's settings' problems. */
  worst?: SeverityName;
  problemCount: number;
}

const SEVERITY_RANK: Record<SeverityName, number> = { hint: 1, information: 2, warning: 3, error: 4 };

export function worstSeverity(problems: readonly { severity: SeverityName }[]): SeverityName | undefined {
  let worst: SeverityName | undefined;
  for (const problem of problems) {
    if (!worst || SEVERITY_RANK[problem.severity] > SEVERITY_RANK[worst]) worst = problem.severity;
  }
  return worst;
}

/** Groups in name order, "Unknown" last; settings in file order. */
export function groupSettings(summary: PolicySummary | undefined): SettingsGroup[] {
  if (!summary) return [];
  const byName = new Map<string, PolicySettingSummary[]>();
  for (const setting of summary.settings) {
    const list = byName.get(setting.group) ?? [];
    list.push(setting);
    byName.set(setting.group, list);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a === 'Unknown' ? 1 : b === 'Unknown' ? -1 : a.localeCompare(b)))
    .map(([name, settings]) => {
      const problems = settings.flatMap((setting) => setting.problems);
      return { name, settings: [...settings].sort((a, b) => a.index - b.index), worst: worstSeverity(problems), problemCount: problems.length };
    });
}

/** The tree item's description: the value, shortened to one line. */
export function settingDescription(setting: PolicySettingSummary): string {
  if (setting.value === undefined) return '';
  const oneLine = setting.value.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
