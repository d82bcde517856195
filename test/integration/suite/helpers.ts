/** What the in-host tests share: the extension under test, the workspace, and waiting on conditions. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import manifest from '../../../package.json';
import type { WhfbExtensionApi } from '../../../client/src/api';

export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return found;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...segments));
}

/**
 * How long a wait may take before it counts as a failure. Waits end as soon as their condition
 * holds, so this only bounds a failing run; it is generous because CI machines are loaded (the
 * suite must pass beside two busy loops) and speed is the benchmark's business, not the suite's.
 */
export const WAIT_MS = 60_000;

/**
 * Polls until `probe` returns something other than undefined/false, or fails with `what` after
 * `timeoutMs`. Every wait in the suite goes through here or `untilEvent`: no fixed sleeps.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Resolves with the first event that `accept` takes (or at once when `already` holds), fails with
 * `what` after `timeoutMs`.
 */
export function untilEvent<E>(what: string, event: vscode.Event<E>, accept: (value: E) => boolean, already = false, timeoutMs = WAIT_MS): Promise<void> {
  if (already) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { subscription.dispose(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/**
 * Reverts and closes `document`'s editor and waits until the extension host has seen it close.
 * VS Code reuses untitled names: a test that creates the next "Untitled-1" before the host has
 * dropped this one would be handed this one.
 */
export async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  // Subscribed before closing, so the event cannot slip by. Untitled documents are dropped on
  // close; a file's document may stay loaded for minutes, so only untitled ones are waited for.
  const closed = document.uri.scheme === 'untitled'
    ? untilEvent(`${document.uri.toString()} to close`, vscode.workspace.onDidCloseTextDocument, (doc) => doc === document || document.isClosed)
    : Promise.resolve();
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await closed;
}

/** Closes every editor and waits until the extension host knows no editor is left. */
export async function closeAllEditorsAndWait(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The command returns when the workbench is done; the extension host hears of it a moment later.
  await waitFor('every editor to close', () => vscode.window.visibleTextEditors.length === 0 && vscode.window.activeTextEditor === undefined);
}

export async function openInEditor(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Diagnostics of a document once the server has published some (or `expectNone` settles). */
export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri);
}

/**
 * Records which documents got diagnostics published from now on, even an empty set: "no
 * problems" then means the server has answered for that document, not that it has not yet.
 */
export function recordDiagnosticChanges(): { seen(uri: vscode.Uri): boolean; dispose(): void } {
  const seen = new Set<string>();
  const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    for (const uri of event.uris) seen.add(uri.toString());
  });
  return { seen: (uri) => seen.has(uri.toString()), dispose: () => subscription.dispose() };
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function hrefOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.target.toString() : undefined;
}

/** Offset of the first occurrence of `needle` (plus `delta`) as a position in `document`. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found in ${document.uri.fsPath}`);
  return document.positionAt(offset + delta);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The API `activate()` returns (client/src/api.ts), once the language client is up. */
export async function extensionApi(): Promise<WhfbExtensionApi> {
  const api = (await extension().activate()) as WhfbExtensionApi;
  assertApi(api);
  await api.ready;
  return api;
}

function assertApi(api: WhfbExtensionApi | undefined): asserts api is WhfbExtensionApi {
  if (!api || typeof api.checklist?.getItems !== 'function') throw new Error('activate() did not return the WHfB extension API (client/src/api.ts)');
}

/**
 * Answers the quick picks and input boxes a command shows by accepting what is selected, as a
 * user pressing Enter would, until the command returns. Accepting while nothing is shown does
 * nothing, so polling is safe, and it goes on until the command settles: on a loaded machine a
 * prompt can take longer to appear than any fixed number of attempts would allow.
 * `acceptPrompts: false` accepts nothing (for a command that must not ask). A command that keeps
 * asking fails at `timeoutMs`.
 */
export async function runAcceptingPrompts<T>(command: string, acceptPrompts: boolean, timeoutMs = WAIT_MS, ...args: unknown[]): Promise<T> {
  let settled = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => { settled = true; });
  let accepts = 0;
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 250))]);
    if (settled) break;
    if (acceptPrompts) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      accepts++;
    }
  }
  if (!settled) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    throw new Error(`${command} did not finish within ${timeoutMs} ms after ${accepts} accepts`);
  }
  return result;
}
