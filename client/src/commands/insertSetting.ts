/**
 * WHfB: Insert setting: a searchable list of the catalog's settable nodes; inserts a correct
 * entry (type from the node's format, default value, tab stop on the value) where it belongs in a
 * policy file or custom profile, or the bare OMA-URI in any other document.
 */
import * as vscode from 'vscode';
import type { CatalogNode } from '../../../server/src/catalog/types';
import { catalogIndex } from '../data';
import { indentRelativeToLine, planJsonOmaSettingInsertion, planYamlSettingInsertion, type Insertion } from './insertionPoint';
import { isSettable, jsonOmaSettingSnippet, nodeDetail, snippetLiteral, tenantGuidInText, yamlFlowSettingSnippet, yamlSettingSnippet } from './settingEntry';

interface NodePick extends vscode.QuickPickItem { node: CatalogNode }

function nodePicks(): NodePick[] {
  return catalogIndex().nodes
    .filter(isSettable)
    .slice()
    .sort((a, b) => Number(Boolean(a.deprecated)) - Number(Boolean(b.deprecated)) || a.path.localeCompare(b.path))
    .map((node) => ({
      node,
      label: node.deprecated ? `$(warning) ${node.name}` : node.name,
      description: node.path,
      detail: nodeDetail(node),
    }));
}

/** Undefined when the policy file's `settings:` is no list an entry can join. */
function snippetFor(document: vscode.TextDocument, offset: number, node: CatalogNode): { insertion: Insertion; body: string } | undefined {
  const text = document.getText();
  if (document.languageId === 'whfb-yaml') {
    const insertion = planYamlSettingInsertion(text, offset);
    if (!insertion) return undefined;
    return { insertion, body: insertion.flow ? yamlFlowSettingSnippet(node) : yamlSettingSnippet(node, insertion.indent) };
  }
  if (document.languageId === 'json' || document.languageId === 'jsonc') {
    const insertion = planJsonOmaSettingInsertion(text, offset);
    return { insertion, body: jsonOmaSettingSnippet(node, insertion.indent, tenantGuidInText(text)) };
  }
  return { insertion: { start: offset, end: offset, indent: '', before: '', after: '' }, body: snippetLiteral(node.path) };
}

export async function insertSetting(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('WHfB: open a policy file (*.whfb.yaml) or an Intune custom profile (JSON) to insert a setting into.');
    return false;
  }
  const pick = await vscode.window.showQuickPick(nodePicks(), {
    title: 'Insert WHfB setting',
    placeHolder: 'Search by name, OMA-URI or description (UsePassportForWork, PINComplexity, Kerberos…)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return false;
  // The editor may have changed while the list was open.
  const target = vscode.window.activeTextEditor ?? editor;
  const { document } = target;
  const planned = snippetFor(document, document.offsetAt(target.selection.active), pick.node);
  if (!planned) {
    void vscode.window.showErrorMessage('WHfB: "settings:" in this policy file is not a list, so no entry can be added to it. Make it a list of omaUri/type/value entries (see the problems it reports), then insert again.');
    return false;
  }
  const { insertion, body } = planned;
  const range = new vscode.Range(document.positionAt(insertion.start), document.positionAt(insertion.end));
  const linePrefix = document.lineAt(range.start.line).text.slice(0, range.start.character);
  const text = indentRelativeToLine(`${snippetLiteral(insertion.before)}${body}${snippetLiteral(insertion.after)}`, linePrefix);
  const inserted = await target.insertSnippet(new vscode.SnippetString(text), range, { undoStopBefore: true, undoStopAfter: true });
  if (!inserted) void vscode.window.showErrorMessage('WHfB: the setting could not be inserted (the document is read-only or changed meanwhile).');
  return inserted;
}
