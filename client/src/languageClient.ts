/**
 * The language client: starts dist/server.js in a Node child process over IPC (no shell, no
 * stdout parsing to break) for every document kind the server understands.
 */
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { levelledClientOutput } from './logChannel';
import { POLICY_LANGUAGES, REPO_CONFIG_GLOB } from './policyLanguages';

// The web build replaces this module with languageClient.web.ts (a web worker, documents of every scheme).
export { POLICY_LANGUAGES, REPO_CONFIG_GLOB } from './policyLanguages';

/** Documents on disk and untitled ones: the Node server reads the repository configuration next to them. */
export function servesScheme(scheme: string): boolean {
  return scheme === 'file' || scheme === 'untitled';
}

export const DOCUMENT_SELECTOR = POLICY_LANGUAGES.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  // One channel for the client's messages, the server's window/logMessage and the protocol trace.
  const output = levelledClientOutput(log) as vscode.OutputChannel;
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // The server pulls `workspace/configuration` for the `whfb` section; this makes it hear about changes.
    // ...and watching the repository configuration makes it re-read .whfbrc.json / whfb.config.json.
    synchronize: { configurationSection: 'whfb', fileEvents: vscode.workspace.createFileSystemWatcher(REPO_CONFIG_GLOB) },
    outputChannel: output,
    // `whfb.trace.server` (off | messages | verbose) is read by the client itself (id "whfb"): the
    // standard LSP trace setting, written to the same channel so a bug report is one copy.
    traceOutputChannel: output,
    // l10nBundle: the translations VS Code loaded for this extension (undefined in English); the
    // server translates its diagnostics, hovers and quick-fix titles with them (server/messageBundle.ts).
    initializationOptions: { whfb: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('whfb'))) as unknown, l10nBundle: vscode.l10n.bundle },
    // A crash is reported in the output channel; the client restarts the server a few times itself.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new LanguageClient('whfb', 'WHfB Policy Tools', serverOptions, clientOptions);
}
