/**
 * What the commands need from the extension, passed in rather than imported, and the wrapper that
 * turns any failure of a command into an error message instead of a throw.
 */
import * as vscode from 'vscode';
import type { ActivePolicyTracker } from '../activePolicy';
import type { ChecklistController } from '../checklist/checklistController';

export interface CommandServices {
  controller: ChecklistController;
  policy: ActivePolicyTracker;
  output: vscode.OutputChannel;
}

export function registerSafeCommand(id: string, output: vscode.OutputChannel, handler: (...args: any[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      output.appendLine(`[${new Date().toISOString()}] ${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      void vscode.window.showErrorMessage(`WHfB: the command failed: ${message}. Details are in the "WHfB Policy Tools" output.`);
      return undefined;
    }
  });
}

/** Opens a learn.microsoft.com (or other https) page in the user's browser; nothing is fetched by the extension. */
export async function openInBrowser(href: string): Promise<void> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme !== 'https') {
    void vscode.window.showErrorMessage(`WHfB: not opening "${href}": only https links are opened.`);
    return;
  }
  await vscode.env.openExternal(uri);
}
