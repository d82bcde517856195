/**
 * WHfB: New policy: pick a deployment model, give the tenant id (or leave the zero GUID), get
 * the model's generated skeleton as an untitled or saved `*.whfb.yaml` file. The skeletons come
 * from the guides (data/generated/policy-templates.json) and validate without errors or warnings.
 * An optional `{ model, tenantId, untitled }` argument answers those prompts for programmatic use.
 */
import * as vscode from 'vscode';
import { modelPicks, type ModelPick } from './modelPicks';
import type { CommandServices } from './services';
import { openUntitledDocument } from './untitledDocument';
import { parseNewPolicyOptions } from './newPolicyOptions';
import { applyTenantId, normalizeTenantId, policyFileName, validateTenantIdInput, ZERO_GUID } from './newPolicyText';
import { servesScheme } from '../languageClient';

export async function newPolicy(services: CommandServices, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  // The models and templates come from the language server: wait for it.
  await services.ready;
  const picks = modelPicks(services.controller.checklists, services.controller.active?.checklist.id, vscode.l10n);
  const parsed = parseNewPolicyOptions(arg, picks.map((pick) => pick.id), vscode.l10n);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: New policy: {0}', parsed.message));
    return undefined;
  }
  const { options } = parsed;
  const model: ModelPick | undefined = options.model
    ? picks.find((pick) => pick.id === options.model)
    : await vscode.window.showQuickPick(picks, {
      title: vscode.l10n.t('New WHfB policy (1/3): deployment model'),
      placeHolder: vscode.l10n.t('Which deployment model does this rollout follow? Cloud Kerberos trust is the guides\' recommendation for hybrid.'),
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
  if (!model) return undefined;
  const template = await services.server.policyTemplate(model.id);
  if (!template) {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: there is no policy template for "{0}" in this build of the extension.', model.id));
    return undefined;
  }

  const tenant = options.tenantId ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('New WHfB policy (2/3): Entra tenant id'),
    prompt: vscode.l10n.t('The tenant id (a GUID, Entra admin center > Overview). Leave empty to fill it in later.'),
    placeHolder: ZERO_GUID,
    validateInput: (input) => validateTenantIdInput(input, vscode.l10n),
    ignoreFocusOut: true,
  });
  if (tenant === undefined) return undefined;
  const content = applyTenantId(template, normalizeTenantId(tenant));

  // On disk (Node), or a virtual folder too (web: github.dev's vscode-vfs); languageClient(.web).ts decides.
  const folder = vscode.workspace.workspaceFolders?.find((f) => servesScheme(f.uri.scheme));
  let target: vscode.Uri | undefined;
  if (folder && options.untitled !== true) {
    const where = options.untitled === false ? { save: true } : await vscode.window.showQuickPick(
      [
        { label: `$(new-file) ${vscode.l10n.t('Untitled editor')}`, description: vscode.l10n.t('save it later'), save: false },
        { label: `$(save-as) ${vscode.l10n.t('Save as file…')}`, description: vscode.l10n.t('in the workspace'), save: true },
      ],
      { title: vscode.l10n.t('New WHfB policy (3/3): where'), ignoreFocusOut: true },
    );
    if (!where) return undefined;
    if (where.save) {
      const chosen = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder.uri, `${model.id}.whfb.yaml`),
        filters: { [vscode.l10n.t('WHfB policy YAML')]: ['yaml', 'yml'] },
        saveLabel: vscode.l10n.t('Create policy'),
        title: vscode.l10n.t('Save the WHfB policy'),
      });
      if (!chosen) return undefined;
      target = chosen.with({ path: chosen.path.replace(/[^/]+$/, (name) => policyFileName(name)) });
    }
  }

  let document: vscode.TextDocument;
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    document = await vscode.workspace.openTextDocument(target);
  } else {
    document = await openUntitledDocument('whfb-yaml', content);
  }
  const editor = await vscode.window.showTextDocument(document);
  if (normalizeTenantId(tenant) === ZERO_GUID) {
    void vscode.window.showInformationMessage(vscode.l10n.t('WHfB: the policy uses the zero GUID as tenant id. Replace it with your Entra tenant id before you deploy.'));
  }
  return editor;
}
