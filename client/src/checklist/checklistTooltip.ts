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

const STATE_TEXT = { ok: '$(pass) set', absent: '$(circle-large-outline) not set', problem: '$(warning) needs attention' } as const;

/** Theme icons ($(pass)) are ours; render with supportThemeIcons, never with HTML or trust. */
export function checklistItemTooltip(item: ChecklistItem, check: ItemSettingsCheck | undefined, done?: { by?: unknown; at?: unknown }): string {
  const parts: string[] = [`**${markdownText(item.title)}**`, ''];
  if (item.detail) parts.push(tooltipMarkdown(item.detail), '');
  if (check) {
    parts.push('**In the open policy:**', '');
    for (const setting of check.settings) {
      parts.push(`- ${markdownCode(setting.name)}: ${STATE_TEXT[setting.status]}`);
      for (const problem of setting.problems) parts.push(`  - ${markdownText(problem.code)}: ${markdownText(problem.message)}`);
    }
    parts.push('');
  }
  if (item.groupPolicies.length) parts.push(`Group Policy: ${item.groupPolicies.map((name) => `*${markdownText(name)}*`).join(', ')}`, '');
  const by = typeof done?.by === 'string' && done.by.trim() ? done.by : undefined;
  const at = typeof done?.at === 'string' && done.at.trim() ? done.at.slice(0, 10) : undefined;
  if (by || at) parts.push(`Done${by ? ` by ${markdownText(by)}` : ''}${at ? ` on ${markdownText(at)}` : ''}`, '');
  parts.push(`[Open the guide section](${item.href})`);
  return parts.join('\n');
}
