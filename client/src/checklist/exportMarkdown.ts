/**
 * The checklist as a Markdown report, for a change ticket: every step with its state, who ticked
 * it and when, the guide link, and (when a policy is open) how the policy handles the settings.
 */
import type { DeploymentModelChecklist } from '../../../server/src/checklists/types';
import type { PolicySummary } from '../../../server/src/service/api';
import { markdownCode, markdownText } from '../../../server/src/features/markdownText';
import type { ItemState } from './stateFile';
import { checkItemSettings, modelProgress, progressText, sectionProgress, type DocumentProblem } from './checklistView';

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

export function checklistToMarkdown(input: ExportInput): string {
  const { checklist, items, summary } = input;
  const isDone = (id: string) => items[id]?.done === true;
  const lines: string[] = [];
  lines.push(`# WHfB deployment checklist: ${inline(checklist.title)}`, '');
  lines.push(`- Deployment model: ${markdownCode(checklist.id)}`);
  lines.push(`- Progress: ${progressText(modelProgress(checklist, isDone))} steps done`);
  lines.push(`- Guide: [${inline(checklist.title)}](${checklist.href})`);
  if (input.policyName) lines.push(`- Policy file: ${markdownCode(input.policyName)}`);
  lines.push(`- Exported: ${input.exportedAt.toISOString().slice(0, 10)}`, '');

  for (const section of checklist.sections) {
    lines.push(`## ${inline(section.title)} (${progressText(sectionProgress(section.items, isDone))})`, '');
    for (const item of section.items) {
      const state = items[item.id];
      const who = state?.done ? [state.by && `by ${inline(state.by)}`, state.at && `on ${inline(String(state.at).slice(0, 10))}`].filter(Boolean).join(' ') : '';
      lines.push(`- [${state?.done ? 'x' : ' '}] ${inline(item.title)}${who ? ` (done ${who})` : ''} — [guide](${item.href})`);
      const check = checkItemSettings(item, summary, input.documentProblems);
      if (check) lines.push(`  - Policy settings: ${inline(check.description)}`);
    }
    lines.push('');
  }
  if (summary) lines.push('Policy settings: ✓ set without errors or warnings, ⚠ set with a problem or required by a finding; settings the policy does not set are not listed.', '');
  return lines.join('\n');
}
