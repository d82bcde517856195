/** The QuickPick of the six deployment models, shared by "New policy" and "Choose deployment model". */
import * as vscode from 'vscode';
import type { Checklists, DeploymentModelChecklist, DeploymentModelId } from '../../../shared/protocol';

export interface ModelPick extends vscode.QuickPickItem {
  id: DeploymentModelId;
  checklist: DeploymentModelChecklist;
}

function firstSentence(markdown: string): string {
  const text = markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_>#]/g, '').replace(/\s+/g, ' ').trim();
  return /^(.{0,200}?[.!?])(\s|$)/.exec(text)?.[1] ?? text.slice(0, 200);
}

export function modelPicks(checklists: Checklists, current?: string): ModelPick[] {
  return checklists.models.map((checklist) => ({
    id: checklist.id,
    checklist,
    label: checklist.title,
    description: [
      `deployment.model: ${checklist.deployment.model}`,
      checklist.deployment.trust ? `trust: ${checklist.deployment.trust}` : '',
      checklist.id === current ? '(current)' : '',
    ].filter(Boolean).join(', '),
    detail: firstSentence(checklist.summary),
    picked: checklist.id === current,
  }));
}
