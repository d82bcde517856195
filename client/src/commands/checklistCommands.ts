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

export async function chooseDeploymentModel({ controller, policy, ready }: CommandServices): Promise<DeploymentModelId | undefined> {
  // The models come from the language server: wait for its answer.
  await ready;
  const chosen = controller.active?.source === 'chosen' ? controller.active.checklist.id : undefined;
  const pick = await vscode.window.showQuickPick(modelPicks(controller.checklists, chosen), {
    title: 'WHfB deployment model for the checklist',
    placeHolder: 'The checklist shows the prerequisites and steps of this model',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  const status = await controller.chooseModel(pick.id);
  if (status.kind === 'corrupt') return undefined;
  const fromPolicy = policy.current?.deploymentModel;
  if (fromPolicy && fromPolicy !== pick.id) {
    void vscode.window.showInformationMessage(
      `WHfB: the open policy's deployment block selects ${controller.active?.checklist.title ?? fromPolicy}; the checklist shows that model while the policy is open, and ${pick.label} otherwise.`,
    );
  }
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
    const answer = confirmed ? 'Reset' : await vscode.window.showWarningMessage(
      'Reset the checklist state file?',
      { modal: true, detail: `${controller.stateFilePath} cannot be read. Reset keeps it as a .corrupt-<time> backup next to it and starts a new, empty file.` },
      'Reset',
    );
    if (answer !== 'Reset') return false;
    const result = await controller.reset(active?.checklist);
    if (result.backupPath) void vscode.window.showInformationMessage(`WHfB: the old state file was kept as ${vscode.workspace.asRelativePath(result.backupPath)}.`);
    return result.status.kind === 'ok';
  }
  const scope = active ? `every step of "${active.checklist.title}"` : 'every step';
  const answer = confirmed ? 'Reset' : await vscode.window.showWarningMessage(
    'Reset the deployment checklist?',
    { modal: true, detail: `This unticks ${scope}${controller.stateFilePath ? ` in ${vscode.workspace.asRelativePath(controller.stateFilePath)}` : ''}.` },
    'Reset',
  );
  if (answer !== 'Reset') return false;
  return (await controller.reset(active?.checklist)).status.kind === 'ok';
}

export async function exportChecklist({ controller, policy }: CommandServices): Promise<vscode.TextDocument | undefined> {
  const active = controller.active;
  if (!active) {
    void vscode.window.showErrorMessage('WHfB: choose a deployment model first (WHfB: Choose deployment model), or open a policy file with a deployment block.');
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
  });
  const report = await openUntitledDocument('markdown', content);
  await vscode.window.showTextDocument(report, { preview: false });
  return report;
}

/** Returns the link opened, undefined when there was none to open. */
export async function openGuide({ controller }: CommandServices, node?: ChecklistNode): Promise<string | undefined> {
  const href = node?.kind === 'item' ? node.item.href : controller.active?.checklist.href;
  if (!href) {
    void vscode.window.showInformationMessage('WHfB: choose a deployment model first to open its guide.');
    return undefined;
  }
  return (await openInBrowser(href)) ? href : undefined;
}
