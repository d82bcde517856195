/**
 * The QuickPick of the six deployment models, shared by "New policy" and "Choose deployment
 * model": a short model name, the guides' one line on when to choose it, and cloud Kerberos trust
 * marked as the guides' recommendation for hybrid deployments. Without vscode (types only), so
 * it is unit-tested; the commands pass vscode.l10n.
 */
import type { QuickPickItem } from 'vscode';
import type { Checklists, DeploymentModelChecklist, DeploymentModelId } from '../../../shared/protocol';
import { englishL10n, type L10n } from '../l10nText';

export interface ModelPick extends QuickPickItem {
  id: DeploymentModelId;
  checklist: DeploymentModelChecklist;
}

function firstSentence(markdown: string): string {
  const text = markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_>#]/g, '').replace(/\s+/g, ' ').trim();
  return /^(.{0,200}?[.!?])(\s|$)/.exec(text)?.[1] ?? text.slice(0, 200);
}

/** "Cloud Kerberos trust deployment guide" -> "Cloud Kerberos trust (hybrid)"; "Hybrid key trust deployment guide" -> "Hybrid key trust". */
export function shortModelName(checklist: DeploymentModelChecklist): string {
  const short = checklist.title.replace(/^Windows Hello for Business\s+/i, '').replace(/\s+(deployment\s+)?guide$/i, '').replace(/\s+deployment$/i, '');
  return checklist.deployment.model === 'hybrid' && !/hybrid/i.test(short) ? `${short} (hybrid)` : short;
}

export function modelPicks(checklists: Checklists, current?: string, l10n: L10n = englishL10n): ModelPick[] {
  return checklists.models.map((checklist) => ({
    id: checklist.id,
    checklist,
    label: checklist.recommended ? `$(star-full) ${shortModelName(checklist)}` : shortModelName(checklist),
    description: [
      checklist.recommended ? l10n.t('the guides\' recommendation for hybrid') : '',
      checklist.id === current ? l10n.t('current') : '',
    ].filter(Boolean).join(' · '),
    detail: checklist.choose ?? firstSentence(checklist.summary),
    picked: checklist.id === current,
  }));
}
