/**
 * WHfB: Insert setting: a searchable list of the catalog's settable nodes, grouped by relevance to
 * the policy's deployment model (the settings its guide configures first), each with its type and
 * default; inserts a correct entry (type from the node's format, default value, tab stop on the
 * value) where it belongs in a policy file or custom profile, or the bare OMA-URI in any other
 * document. The list and the entry come from the language server (whfb/catalogItems,
 * whfb/planInsertSetting); this only shows and inserts.
 */
import * as vscode from 'vscode';
import type { CatalogItem } from '../../../shared/protocol';
import { documentText } from '../serverRequests';
import type { CommandServices } from './services';
import { groupSettingPicks, settingPickDescription } from './settingPickGroups';

interface NodePick extends vscode.QuickPickItem { item?: CatalogItem }

async function nodePicks({ server, controller }: CommandServices): Promise<NodePick[]> {
  const items = await server.catalogItems();
  // The model of the open policy (or the one chosen for the checklist) decides what comes first.
  const groups = groupSettingPicks(items, controller.active?.checklist, vscode.l10n);
  return groups.flatMap((group): NodePick[] => [
    ...(group.label ? [{ label: group.label, kind: vscode.QuickPickItemKind.Separator }] : []),
    ...group.items.map((item) => ({
      item,
      label: item.deprecated ? `$(warning) ${item.name}` : item.name,
      description: [settingPickDescription(item, vscode.l10n), item.path].filter(Boolean).join(' · '),
      detail: item.detail,
    })),
  ]);
}

export async function insertSetting(services: CommandServices): Promise<boolean> {
  const { server } = services;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: open a policy file (*.whfb.yaml) or an Intune custom profile (JSON) to insert a setting into.'));
    return false;
  }
  const pick = await vscode.window.showQuickPick(nodePicks(services), {
    title: vscode.l10n.t('Insert WHfB setting'),
    placeHolder: vscode.l10n.t('Search by name, OMA-URI or description (UsePassportForWork, PINComplexity, Kerberos…)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick?.item) return false;
  // The editor may have changed while the list was open.
  const target = vscode.window.activeTextEditor ?? editor;
  const { document } = target;
  const sent = documentText(document);
  const planned = await server.planInsertSetting({ document: sent, offset: document.offsetAt(target.selection.active), path: pick.item.path });
  if (!planned || 'error' in planned) {
    void vscode.window.showErrorMessage(planned?.error ?? vscode.l10n.t('WHfB: the language server could not place the setting; the "WHfB Policy Tools" output says why.'));
    return false;
  }
  if (document.version !== sent.version) {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: the document changed while the setting was placed; insert it again.'));
    return false;
  }
  const range = new vscode.Range(document.positionAt(planned.start), document.positionAt(planned.end));
  const inserted = await target.insertSnippet(new vscode.SnippetString(planned.snippet), range, { undoStopBefore: true, undoStopAfter: true });
  if (!inserted) void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: the setting could not be inserted (the document is read-only or changed meanwhile).'));
  return inserted;
}
