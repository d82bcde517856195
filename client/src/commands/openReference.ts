/**
 * WHfB: Open reference: the CSP reference and the guide sections for the setting under the
 * cursor (or the one selected in the settings view), resolved through the catalog; when the line
 * names nothing the catalog knows, the links of the server's hover. Opens in the user's browser.
 * Returns what happened, so a caller (the integration suite) can check it without a browser.
 */
import * as vscode from 'vscode';
import type { CatalogNode } from '../../../server/src/catalog/types';
import { catalogIndex } from '../data';
import type { SettingsNode } from '../settingsView/settingsTree';
import { linksInMarkdown, referenceAt, settingIdCandidates, type LineReference } from './lineReferences';
import { openInBrowser } from './services';

interface Link { title: string; href: string }

/** The link opened, or the message shown instead (nothing is open/known), or the pick was dismissed. */
export type OpenReferenceOutcome = { opened: string } | { message: string } | { cancelled: true };

function tell(message: string): OpenReferenceOutcome {
  void vscode.window.showInformationMessage(message);
  return { message };
}

function nodesForReference(reference: LineReference): CatalogNode[] {
  const catalog = catalogIndex();
  switch (reference.kind) {
    case 'omaUri': {
      const node = catalog.resolve(reference.text).node;
      return node ? [node] : [];
    }
    case 'settingDefinitionId':
      for (const candidate of settingIdCandidates(reference.text)) {
        const node = catalog.bySettingsCatalogId(candidate);
        if (node) return [node];
      }
      return [];
    case 'groupPolicy':
      // One Group Policy can back several nodes (device and user scope, its sub-options): offer them all.
      return catalog.byGroupPolicy(reference.text);
  }
}

function nodeLinks(nodes: readonly CatalogNode[]): Link[] {
  const links: Link[] = [];
  const add = (link: Link) => {
    if (!links.some((known) => known.href === link.href)) links.push(link);
  };
  for (const node of nodes) add({ title: `$(book) ${node.csp} CSP reference: ${node.scope === 'user' ? './User/…/' : ''}${node.name}`, href: node.referenceUrl });
  for (const guide of nodes.flatMap((node) => node.guideRefs)) add({ title: `$(checklist) Guide: ${guide.title}`, href: guide.href });
  return links;
}

async function hoverLinks(editor: vscode.TextEditor): Promise<Link[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.selection.active);
  const markdown = (hovers ?? []).flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')));
  return linksInMarkdown(markdown.join('\n')).filter((link) => link.href.startsWith('https://'));
}

export async function openReference(node?: SettingsNode): Promise<OpenReferenceOutcome> {
  let links: Link[] = [];
  if (node?.kind === 'setting') {
    const catalogNode = node.setting.path ? catalogIndex().byPath(node.setting.path) : catalogIndex().resolve(node.setting.written).node;
    if (catalogNode) links = nodeLinks([catalogNode]);
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return tell('WHfB: put the cursor on an OMA-URI, a Settings Catalog id or a Group Policy name to open its reference.');
    const position = editor.selection.active;
    const reference = referenceAt(editor.document.lineAt(position.line).text, position.character);
    const nodes = reference ? nodesForReference(reference) : [];
    links = nodes.length ? nodeLinks(nodes) : await hoverLinks(editor);
  }
  if (links.length === 0) return tell('WHfB: no CSP node or guide section is known for what is under the cursor.');
  const chosen = links.length === 1
    ? links[0]
    : await vscode.window.showQuickPick(links.map((link) => ({ label: link.title, detail: link.href, link })), { title: 'Open WHfB reference' }).then((pick) => pick?.link);
  if (!chosen) return { cancelled: true };
  return (await openInBrowser(chosen.href)) ? { opened: chosen.href } : { message: `WHfB: not opening "${chosen.href}": only https links are opened.` };
}
