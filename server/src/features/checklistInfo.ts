/** What the guides say a deployment model needs (from the generated checklists), for hover. */
import * as l10n from '@vscode/l10n';
import type { Checklists, DeploymentModelChecklist } from '../checklists/types';

let loaded: Checklists | undefined;

/**
 * The generated checklists (300 KB) are read on first use: only hovers and the checklist view
 * need them, and the server and the CLI load this module at every start, before their first
 * diagnostics. The build embeds data required this way as a JSON string (scripts/build.mjs).
 */
function checklists(): Checklists {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= require('../../../data/generated/checklists.json') as Checklists;
  return loaded;
}

/** Every model's checklist, as the client's checklist view shows it. */
export function allChecklists(): Checklists {
  return checklists();
}

/** The checklists whose deployment block matches model (and trust, when given). */
export function checklistsFor(model?: string, trust?: string): DeploymentModelChecklist[] {
  return checklists().models.filter((item) => (!model || item.deployment.model === model) && (!trust || item.deployment.trust === trust));
}

export function checklistMarkdown(item: DeploymentModelChecklist): string {
  const prerequisites = item.sections.find((section) => section.id === 'prerequisites')?.items ?? [];
  const steps = item.sections.find((section) => section.id === 'deployment-steps')?.items ?? [];
  const lines = [`**${item.title}**`, '', item.summary.trim(), ''];
  if (prerequisites.length > 0) lines.push(l10n.t('**Prerequisites**'), '', ...prerequisites.map((entry) => `- [${entry.title}](${entry.href})`), '');
  if (steps.length > 0) lines.push(l10n.t('**Deployment steps**'), '', ...steps.map((entry) => `- [${entry.title}](${entry.href})`), '');
  lines.push(l10n.t('[Open the guide]({0})', item.href));
  return lines.join('\n');
}
