/** Untitled documents the commands create (a new policy, the exported checklist). */
import * as vscode from 'vscode';

/** How long to wait for VS Code to hand over a new untitled document before saying so. */
const UNTITLED_HANDOVER_MS = 30_000;

/**
 * A new untitled document of `language` holding `content`. VS Code reuses untitled names: when an
 * "Untitled-1" was closed a moment ago and the extension host has not yet heard of it (a loaded
 * machine), openTextDocument hands back that closed document (other text) under the new one's
 * name. Then the new document is the one the host announces next under that name.
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
  return new Promise<vscode.TextDocument>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (result: vscode.TextDocument | Error) => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      if (result instanceof Error) reject(result); else resolve(result);
    };
    const check = () => { const found = current(); if (found) finish(found); };
    subscriptions.push(vscode.workspace.onDidOpenTextDocument(check), vscode.workspace.onDidCloseTextDocument(check));
    const timer = setTimeout(() => finish(new Error('VS Code did not open the new untitled document.')), UNTITLED_HANDOVER_MS);
    check();
  });
}

/** The editor may keep the text with the platform's line ends. */
function withLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
