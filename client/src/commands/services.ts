/**
 * What the commands need from the extension, passed in rather than imported, and the wrapper that
 * turns any failure of a command into an error message instead of a throw.
 */
import * as vscode from 'vscode';
import type { ActivePolicyTracker } from '../activePolicy';
import type { ChecklistController } from '../checklist/checklistController';
import type { ServerRequests } from '../serverRequests';

export interface CommandServices {
  controller: ChecklistController;
  policy: ActivePolicyTracker;
  output: vscode.OutputChannel;
  server: ServerRequests;
  /** Settles when the server has started and the checklists have arrived. */
  ready: Promise<void>;
}

export function registerSafeCommand(id: string, output: vscode.OutputChannel, handler: (...args: any[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      output.appendLine(`[${new Date().toISOString()}] ${id} failed: ${error instanceof Error && error.stack ? error.stack : message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: the command failed: {0}. Details are in the "WHfB Policy Tools" output.', message));
      return undefined;
    }
  });
}

/** What opens a link outside the editor; `vscode.env.openExternal` unless a test replaced it. */
export type ExternalOpener = (href: string) => unknown;

const openWithSystem: ExternalOpener = (href) => vscode.env.openExternal(vscode.Uri.parse(href, true));
let openExternal: ExternalOpener = openWithSystem;

/**
 * TEST ONLY (exposed as `api.testing.interceptOpenExternal`): the integration suite cannot look at
 * a browser, so it replaces the opener to see which link a command opens. `undefined` restores it.
 */
export function interceptOpenExternal(opener: ExternalOpener | undefined): void {
  openExternal = opener ?? openWithSystem;
}

/**
 * Opens a learn.microsoft.com (or other https) page in the user's browser; nothing is fetched by
 * the extension. Every command that opens a link goes through here. Returns whether it opened.
 */
export async function openInBrowser(href: string): Promise<boolean> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme !== 'https') {
    void vscode.window.showErrorMessage(vscode.l10n.t('WHfB: not opening "{0}": only https links are opened.', href));
    return false;
  }
  await openExternal(href);
  return true;
}
