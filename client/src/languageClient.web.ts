/**
 * The language client in VS Code for the Web (vscode.dev, github.dev): the same language server,
 * built as one script (dist/web/server.js), runs in a web worker. The web build (scripts/build.mjs)
 * puts this module in place of languageClient.ts; both export the same names.
 *
 * Documents of every scheme are served: on the web a repository is a virtual file system
 * (vscode-vfs on github.dev, memfs, vscode-test-web), not files on disk. The worker has no file
 * system, so the repository configuration (.whfbrc.json) is not applied there.
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, RevealOutputChannelOn, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { levelledClientOutput } from './logChannel';
import { POLICY_LANGUAGES } from './policyLanguages';

export { POLICY_LANGUAGES, REPO_CONFIG_GLOB } from './policyLanguages';

/** Every scheme: virtual workspaces are the web's normal case. */
export function servesScheme(_scheme: string): boolean {
  return true;
}

export const DOCUMENT_SELECTOR = POLICY_LANGUAGES.map((language) => ({ language }));

/** The browser's Worker, typed here (what this module uses of it): the project compiles without the DOM library. */
interface BrowserWorker { terminate(): void }
declare const Worker: new (url: string, options?: { name?: string }) => BrowserWorker;

/**
 * The worker script's URL. A worker must come from the page's origin or a blob: an extension served
 * over http(s) (vscode.dev, @vscode/test-web) is started from its URL; one served by a VS Code
 * server (vscode-remote:, where "Creating workers from remote extensions is currently not
 * supported") is read through the file system API and started from a blob.
 */
async function workerUrl(context: vscode.ExtensionContext): Promise<string> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

/** The server in a worker, started anew (the previous one ended) whenever the client (re)starts it. */
class WorkerLanguageClient extends BaseLanguageClient {
  private worker: BrowserWorker | undefined;
  private url: Promise<string> | undefined;

  constructor(clientOptions: LanguageClientOptions, private readonly context: vscode.ExtensionContext) {
    super('whfb', 'WHfB Policy Tools', clientOptions);
  }

  protected async createMessageTransports(_encoding: string): Promise<MessageTransports> {
    this.worker?.terminate();
    this.url ??= workerUrl(this.context);
    const worker = new Worker(await this.url, { name: 'WHfB language server' });
    this.worker = worker;
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.worker?.terminate();
      this.worker = undefined;
    }
  }
}

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): BaseLanguageClient {
  // As the Node client (languageClient.ts), without the file watcher: no repository configuration is read here.
  const output = levelledClientOutput(log) as vscode.OutputChannel;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'whfb' },
    outputChannel: output,
    traceOutputChannel: output,
    // l10nBundle: the translations VS Code loaded for this extension (undefined in English); the
    // server translates its diagnostics, hovers and quick-fix titles with them (server/messageBundle.ts).
    initializationOptions: { whfb: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('whfb'))) as unknown, l10nBundle: vscode.l10n.bundle },
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new WorkerLanguageClient(clientOptions, context);
}
