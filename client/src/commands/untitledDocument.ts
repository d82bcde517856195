/** Untitled documents the commands create (a new policy, the exported checklist). */
import * as vscode from 'vscode';

/** How long to wait for VS Code to hand over a new untitled document before saying so. */
const UNTITLED_HANDOVER_MS = 30_000;

/**
 * A new untitled document of `language` holding `content`. VS Code reuses untitled names, and on a
 * loaded machine the name's previous document is not gone yet: openTextDocument then hands back
 * the closed document (the extension host has not heard of the close), or the new document with
 * the previous one's text (VS Code restores the hot-exit backup it has not yet discarded instead
 * of our text). Seen in the integration suite as 'the tenant id is filled in' failing and as a
 * New policy with the previous model's text. The new document is the one under that name once
 * it holds our text; a restored backup is replaced by it.
 */
export async function openUntitledDocument(language: string, content: string): Promise<vscode.TextDocument> {
  const expected = withLf(content);
  const holdsContent = (doc: vscode.TextDocument) => !doc.isClosed && withLf(doc.getText()) === expected;
  const opened = await vscode.workspace.openTextDocument({ language, content });
  if (holdsContent(opened)) return opened;
  const uri = opened.uri.toString();
  const current = () => vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri && holdsContent(doc));
  const already = current();
  if (already) return already;
  if (!opened.isClosed) {
    // The name's previous document left a backup that VS Code restored into the new one instead
    // of our text: put our text in (the edit goes to the document now under that name).
    const edit = new vscode.WorkspaceEdit();
    edit.replace(opened.uri, opened.validateRange(new vscode.Range(0, 0, opened.lineCount, 0)), content);
    await vscode.workspace.applyEdit(edit);
    const replaced = current();
    if (replaced) return replaced;
  }
  return new Promise<vscode.TextDocument>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (result: vscode.TextDocument | Error) => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const check = () => { const found = current(); if (found) finish(found); };
    // The host announces the new document by opening it, or (when it already had it under that
    // name) by closing the old one and opening the new one, or by changing it to the new text.
    subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.workspace.onDidCloseTextDocument(check),
      vscode.workspace.onDidChangeTextDocument((event) => { if (event.document.uri.toString() === uri) check(); }),
    );
    const timer = setTimeout(() => finish(new Error(vscode.l10n.t('VS Code did not hand over the new untitled document: {0} still holds other text.', uri.toString()))), UNTITLED_HANDOVER_MS);
    check();
  });
}

/** The editor may keep the text with the platform's line ends. */
function withLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
