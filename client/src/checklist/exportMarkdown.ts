/**
 * The checklist as a Markdown report, for a change ticket: every step (the things to do inside a
 * step nested under it, with its "done/total") with its state, who ticked it and when, the guide
 * link, and (when a policy is open) how the policy handles the settings.
 */
import type { ChecklistItem, DeploymentModelChecklist } from '../../../shared/protocol';
import type { PolicySummary } from '../../../shared/protocol';
import { markdownCode, markdownText } from '../../../shared/markdownText';
import type { ItemState } from './stateFile';
import { englishL10n, type L10n } from '../l10nText';
import { checkItemSettings, itemProgress, modelProgress, progressText, sectionProgress, type DocumentProblem } from './checklistView';

export interface ExportInput {
  checklist: DeploymentModelChecklist;
  items: Readonly<Record<string, ItemState>>;
  summary?: PolicySummary;
  /** The policy document's diagnostics, so that a setting a rule asks for shows as a problem. */
  documentProblems?: readonly DocumentProblem[];
  /** A name for the policy file in the report (workspace-relative path). */
  policyName?: string;
  exportedAt: Date;
}

/** Keeps text on one line and stops it from opening Markdown syntax of its own. */
function inline(text: unknown): string {
  return markdownText(String(text).replace(/\s+/g, ' ').trim());
}

export function checklistToMarkdown(input: ExportInput, l10n: L10n = englishL10n): string {
  const { checklist, items, summary } = input;
  const isDone = (id: string) => items[id]?.done === true;
  const lines: string[] = [];
  lines.push(`# ${l10n.t('WHfB deployment checklist: {0}', inline(checklist.title))}`, '');
  lines.push(`- ${l10n.t('Deployment model: {0}', markdownCode(checklist.id))}`);
  lines.push(`- ${l10n.t('Progress: {0} steps done', progressText(modelProgress(checklist, isDone)))}`);
  lines.push(`- ${l10n.t('Guide: {0}', `[${inline(checklist.title)}](${checklist.href})`)}`);
  if (input.policyName) lines.push(`- ${l10n.t('Policy file: {0}', markdownCode(input.policyName))}`);
  lines.push(`- ${l10n.t('Exported: {0}', input.exportedAt.toISOString().slice(0, 10))}`, '');

  const write = (item: ChecklistItem, depth: number, ancestorTicked: boolean): void => {
    const indent = '  '.repeat(depth);
    const state = items[item.id];
    const ticked = ancestorTicked || state?.done === true;
    const progress = item.children && item.children.length > 0 ? itemProgress(item, isDone, ancestorTicked) : undefined;
    const done = progress ? progress.done === progress.total : ticked;
    const who = state?.done ? [state.by && l10n.t('by {0}', inline(state.by)), state.at && l10n.t('on {0}', inline(String(state.at).slice(0, 10)))].filter(Boolean).join(' ') : '';
    const count = progress ? ` (${progressText(progress)})` : '';
    lines.push(`${indent}- [${done ? 'x' : ' '}] ${inline(item.title)}${count}${who ? ` (${l10n.t('done {0}', who)})` : ''} — [${l10n.t('guide')}](${item.href})`);
    const check = checkItemSettings(item, summary, input.documentProblems, l10n);
    if (check) lines.push(`${indent}  - ${l10n.t('Policy settings: {0}', inline(check.description))}`);
    for (const child of item.children ?? []) write(child, depth + 1, ticked);
  };
  for (const section of checklist.sections) {
    lines.push(`## ${inline(section.title)} (${progressText(sectionProgress(section.items, isDone))})`, '');
    for (const item of section.items) write(item, 0, false);
    lines.push('');
  }
  if (summary) lines.push(l10n.t('Policy settings: ✓ set without errors or warnings, ⚠ set with a problem or required by a finding; settings the policy does not set are not listed.'), '');
  return lines.join('\n');
}
