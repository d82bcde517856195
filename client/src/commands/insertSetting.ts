/**
 * WHfB: Insert setting: a searchable list of the catalog's settable nodes; inserts a correct
 * entry (type from the node's format, default value, tab stop on the value) where it belongs in a
 * policy file or custom profile, or the bare OMA-URI in any other document. The list and the entry
 * come from the language server (whfb/catalogItems, whfb/planInsertSetting); this only shows and inserts.
 */
import * as vscode from 'vscode';
import type { CatalogItem } from '../../../shared/protocol';
import { documentText, type ServerRequests } from '../serverRequests';

interface NodePick extends vscode.QuickPickItem { item: CatalogItem }

async function nodePicks(server: ServerRequests): Promise<NodePick[]> {
  return (await server.catalogItems()).map((item) => ({
    item,
    label: item.deprecated ? `$(warning) ${item.name}` : item.name,
    description: item.path,
    detail: item.detail,
  }));
}

export async function insertSetting(server: ServerRequests): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('WHfB: open a policy file (*.whfb.yaml) or an Intune custom profile (JSON) to insert a setting into.');
    return false;
  }
  const pick = await vscode.window.showQuickPick(nodePicks(server), {
    title: 'Insert WHfB setting',
    placeHolder: 'Search by name, OMA-URI or description (UsePassportForWork, PINComplexity, Kerberos…)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return false;
  // The editor may have changed while the list was open.
  const target = vscode.window.activeTextEditor ?? editor;
  const { document } = target;
  const sent = documentText(document);
  const planned = await server.planInsertSetting({ document: sent, offset: document.offsetAt(target.selection.active), path: pick.item.path });
  if (!planned || 'error' in planned) {
    void vscode.window.showErrorMessage(planned?.error ?? 'WHfB: the language server could not place the setting; the "WHfB Policy Tools" output says why.');
    return false;
  }
  if (document.version !== sent.version) {
    void vscode.window.showErrorMessage('WHfB: the document changed while the setting was placed; insert it again.');
    return false;
  }
  const range = new vscode.Range(document.positionAt(planned.start), document.positionAt(planned.end));
  const inserted = await target.insertSnippet(new vscode.SnippetString(planned.snippet), range, { undoStopBefore: true, undoStopAfter: true });
  if (!inserted) void vscode.window.showErrorMessage('WHfB: the setting could not be inserted (the document is read-only or changed meanwhile).');
  return inserted;
}
