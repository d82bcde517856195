/**
 * WHfB: Open reference: the CSP reference and the guide sections for the setting under the
 * cursor (or the one selected in the settings view), resolved by the language server through the
 * catalog (whfb/referenceAt); when the line names nothing the catalog knows, the links of the
 * server's hover there. Opens in the user's browser. Returns what happened, so a caller (the
 * integration suite) can check it without a browser.
 */
import * as vscode from 'vscode';
import type { ReferenceLink } from '../../../shared/protocol';
import { documentText, type ServerRequests } from '../serverRequests';
import type { SettingsNode } from '../settingsView/settingsTree';
import { openInBrowser } from './services';

/** The link opened, or the message shown instead (nothing is open/known), or the pick was dismissed. */
export type OpenReferenceOutcome = { opened: string } | { message: string } | { cancelled: true };

function tell(message: string): OpenReferenceOutcome {
  void vscode.window.showInformationMessage(message);
  return { message };
}

function linkTitle(link: ReferenceLink): string {
  switch (link.kind) {
    case 'csp': return `$(book) ${link.title}`;
    case 'guide': return `$(checklist) ${vscode.l10n.t('Guide: {0}', link.title)}`;
    case 'hover': return link.title;
  }
}

export async function openReference(server: ServerRequests, node?: SettingsNode): Promise<OpenReferenceOutcome> {
  let links: ReferenceLink[];
  if (node?.kind === 'setting') {
    links = await server.referenceAt({ setting: { written: node.setting.written, ...(node.setting.path ? { path: node.setting.path } : {}) } });
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return tell(vscode.l10n.t('WHfB: put the cursor on an OMA-URI, a Settings Catalog id or a Group Policy name to open its reference.'));
    const { line, character } = editor.selection.active;
    links = await server.referenceAt({ document: documentText(editor.document), position: { line, character } });
  }
  if (links.length === 0) return tell(vscode.l10n.t('WHfB: no CSP node or guide section is known for what is under the cursor.'));
  const chosen = links.length === 1
    ? links[0]
    : await vscode.window.showQuickPick(links.map((link) => ({ label: linkTitle(link), detail: link.href, link })), { title: vscode.l10n.t('Open WHfB reference') }).then((pick) => pick?.link);
  if (!chosen) return { cancelled: true };
  return (await openInBrowser(chosen.href)) ? { opened: chosen.href } : { message: vscode.l10n.t('WHfB: not opening "{0}": only https links are opened.', chosen.href) };
}
