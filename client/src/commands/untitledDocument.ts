/** Untitled documents the commands create (a new policy, the exported checklist). */
import * as vscode from 'vscode';

/** How long to wait for VS Code to hand over a new untitled document before saying so. */
const UNTITLED_HANDOVER_MS = 30_000;

/**
 * A new untitled document of `language` holding `content`. VS Code reuses untitled names: when an
 * "Untitled-1" was closed a moment ago and the extension host has not yet heard of it (a loaded
 * machine), openTextDocument hands back that closed document (other text) under the new one's
 * name, or the new document before its text has arrived. Then the new document is the one
 * under that name once it holds the text.
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
    // The host announces the new document by opening it, or (when it already had it under that
    // name) by closing the old one and opening the new one, or by changing it to the new text.
    subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.workspace.onDidCloseTextDocument(check),
      vscode.workspace.onDidChangeTextDocument((event) => { if (event.document.uri.toString() === uri) check(); }),
    );
    const timer = setTimeout(() => finish(new Error(`VS Code did not hand over the new untitled document: ${uri} still holds other text.`)), UNTITLED_HANDOVER_MS);
    check();
  });
}

/** The editor may keep the text with the platform's line ends. */
function withLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
