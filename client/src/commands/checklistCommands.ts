/**
 * The checklist's commands: choose the model, reset (with confirmation, unless a caller passes
 * `{ skipConfirmation: true }`), export a Markdown report, open an item's guide section.
 */
import * as vscode from 'vscode';
import type { DeploymentModelId } from '../../../shared/protocol';
import type { ChecklistNode } from '../checklist/checklistTree';
import { checklistToMarkdown } from '../checklist/exportMarkdown';
import { modelPicks } from './modelPicks';
import { openInBrowser, type CommandServices } from './services';
import { openUntitledDocument } from './untitledDocument';

export async function chooseDeploymentModel({ controller, ready }: CommandServices): Promise<DeploymentModelId | undefined> {
  // The models come from the language server: wait for its answer.
  await ready;
  const chosen = controller.active?.source === 'chosen' ? controller.active.checklist.id : undefined;
  const pick = await vscode.window.showQuickPick(modelPicks(controller.checklists, chosen, vscode.l10n), {
    title: vscode.l10n.t('WHfB deployment model for the checklist'),
    placeHolder: vscode.l10n.t('The checklist shows the prerequisites and steps of this model'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  const status = await controller.chooseModel(pick.id);
  // Where an open policy selects another model, both show side by side: no notice overrides the choice.
  if (status.kind === 'corrupt') return undefined;
  return pick.id;
}

/** For programmatic use (tests, command links): the caller has already asked the user. */
export interface ResetChecklistOptions { skipConfirmation?: boolean }

function skipsConfirmation(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as ResetChecklistOptions).skipConfirmation === true;
}

export async function resetChecklist({ controller }: CommandServices, arg?: unknown): Promise<boolean> {
  const active = controller.active;
  const confirmed = skipsConfirmation(arg);
  if (controller.status.kind === 'corrupt') {
    const reset = vscode.l10n.t('Reset');
    const answer = confirmed ? reset : await vscode.window.showWarningMessage(
      vscode.l10n.t('Reset the checklist state file?'),
      { modal: true, detail: vscode.l10n.t('{0} cannot be read. Reset keeps it as a .corrupt-<time> backup next to it and starts a new, empty file.', controller.stateFilePath ?? '') },
      reset,
    );
    if (answer !== reset) return false;
    const result = await controller.reset(active?.checklist);
    if (result.backupPath) void vscode.window.showInformationMessage(vscode.l10n.t('WHfB: the old state file was kept as {0}.', vscode.workspace.asRelativePath(result.backupPath)));
    return result.status.kind === 'ok';
  }
  const reset = vscode.l10n.t('Reset');
  const detail = active
    ? controller.stateFilePath
      ? vscode.l10n.t('This unticks every step of "{0}" in {1}.', active.checklist.title, vscode.workspace.asRelativePath(controller.stateFilePath))
      : vscode.l10n.t('This unticks every step of "{0}".', active.checklist.title)
    : controller.stateFilePath
      ? vscode.l10n.t('This unticks every step in {0}.', vscode.workspace.asRelativePath(controller.stateFilePath))
      : vscode.l10n.t('This unticks every step.');
  const answer = confirmed ? reset : await vscode.window.showWarningMessage(vscode.l10n.t('Reset the deployment checklist?'), { modal: true, detail }, reset);
  if (answer !== reset) return false;
  return (await controller.reset(active?.checklist)).status.kind === 'ok';
}

export async function exportChecklist({ controller, policy }: CommandServices): Promise<vscode.TextDocument | undefined> {
  const active = controller.active;
  if (!active) {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: choose a deployment model first (WHfB: Choose deployment model), or open a policy file with a deployment block.'));
    return undefined;
  }
  const document = policy.currentDocument;
  const content = checklistToMarkdown({
    checklist: active.checklist,
    items: controller.items,
    summary: policy.current,
    documentProblems: controller.documentProblems(),
    policyName: document ? (document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri)) : undefined,
    exportedAt: new Date(),
  }, vscode.l10n);
  const report = await openUntitledDocument('markdown', content);
  await vscode.window.showTextDocument(report, { preview: false });
  return report;
}

/** Returns the link opened, undefined when there was none to open. */
export async function openGuide({ controller }: CommandServices, node?: ChecklistNode): Promise<string | undefined> {
  const href = node?.kind === 'item' ? node.item.href : node?.kind === 'model' ? node.model.checklist.href : controller.active?.checklist.href;
  if (!href) {
    void vscode.window.showInformationMessage(vscode.l10n.t('WHfB: choose a deployment model first to open its guide.'));
    return undefined;
  }
  return (await openInBrowser(href)) ? href : undefined;
}
