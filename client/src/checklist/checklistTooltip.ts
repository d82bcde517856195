/**
 * The checklist item's tooltip as Markdown, without vscode. The title and detail come from the
 * generated checklists (our own Markdown); everything else is text from elsewhere and is escaped:
 * who ticked the step and when come from the shared state file (anyone with commit access writes
 * it), problem messages quote the policy document.
 */
import type { ChecklistItem } from '../../../shared/protocol';
import { markdownCode, markdownText } from '../../../shared/markdownText';
import type { ItemSettingsCheck } from './checklistView';
import { tooltipMarkdown } from './tooltipMarkdown';
import { englishL10n, type L10n } from '../l10nText';

const stateText = (l10n: L10n) => ({ ok: `$(pass) ${l10n.t('set')}`, absent: `$(circle-large-outline) ${l10n.t('not set')}`, problem: `$(warning) ${l10n.t('needs attention')}` });

/** Theme icons ($(pass)) are ours; render with supportThemeIcons, never with HTML or trust. */
export function checklistItemTooltip(item: ChecklistItem, check: ItemSettingsCheck | undefined, done?: { by?: unknown; at?: unknown }, l10n: L10n = englishL10n): string {
  const STATE_TEXT = stateText(l10n);
  const parts: string[] = [`**${markdownText(item.title)}**`, ''];
  if (item.detail) parts.push(tooltipMarkdown(item.detail), '');
  if (check) {
    parts.push(`**${l10n.t('In the open policy:')}**`, '');
    for (const setting of check.settings) {
      parts.push(`- ${markdownCode(setting.name)}: ${STATE_TEXT[setting.status]}`);
      for (const problem of setting.problems) parts.push(`  - ${markdownText(problem.code)}: ${markdownText(problem.message)}`);
    }
    parts.push('');
  }
  if (item.groupPolicies.length) parts.push(l10n.t('Group Policy: {0}', item.groupPolicies.map((name) => `*${markdownText(name)}*`).join(', ')), '');
  const by = typeof done?.by === 'string' && done.by.trim() ? done.by : undefined;
  const at = typeof done?.at === 'string' && done.at.trim() ? done.at.slice(0, 10) : undefined;
  if (by || at) parts.push(by && at ? l10n.t('Done by {0} on {1}', markdownText(by), markdownText(at)) : by ? l10n.t('Done by {0}', markdownText(by)) : l10n.t('Done on {0}', markdownText(at!)), '');
  parts.push(`[${l10n.t('Open the guide section')}](${item.href})`);
  return parts.join('\n');
}
