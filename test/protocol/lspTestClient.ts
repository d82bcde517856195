/**
 * A minimal LSP client for tests: starts `node dist/server.js --stdio`, speaks JSON-RPC over
 * its stdio, answers the server's requests (configuration, registration, refresh) and keeps
 * what the server published, so tests can wait for it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter,
  type DataCallback, type Message, type MessageConnection, type MessageReader,
} from 'vscode-jsonrpc/node';
import { ensureBuilt, SERVER_BUNDLE } from './ensureBuilt';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    codeDescription?: { href: string };
    source?: string;
    message: string;
    data?: unknown;
  }[];
}

export interface StartOptions {
  capabilities: Record<string, unknown>;
  initializationOptions?: unknown;
  /** What workspace/configuration answers for the `whfb` section (read on every request). */
  settings?: () => unknown;
  /** Another server bundle than dist/server.js (a copy without dist/service.js, for example). */
  serverBundle?: string;
  /** Workspace folder URIs sent with initialize (none by default). */
  workspaceFolders?: string[];
}

type Waiter = { accept: (message: Message) => boolean; resolve: (message: Message) => void };

export class LspTestClient {
  readonly published: PublishedDiagnostics[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly serverRequests: string[] = [];
  readonly logs: string[] = [];
  stderr = '';
  private readonly waiters = new Set<Waiter>();
  private readonly messages: Message[] = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {}

  static async start(options: StartOptions): Promise<{ client: LspTestClient; initializeResult: any }> {
    ensureBuilt();
    const child = spawn(process.execPath, [options.serverBundle ?? SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' });
    const reader = new StreamMessageReader(child.stdout);
    // eslint-disable-next-line prefer-const -- teeReader's closure reads it and is built before the client
    let client: LspTestClient | undefined;
    // Tee every incoming message so tests can see raw responses too (for requests written by hand).
    const teeReader: MessageReader = {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      listen: (callback: DataCallback) => reader.listen((message) => {
        client?.record(message);
        callback(message);
      }),
      dispose: () => reader.dispose(),
    };
    const connection = createMessageConnection(teeReader, new StreamMessageWriter(child.stdin));
    client = new LspTestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => { client!.stderr += chunk.toString(); });
    const self = client;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => { self.published.push(params); });
    connection.onNotification('window/logMessage', (params: { message: string }) => { self.logs.push(params.message); });
    connection.onNotification((method: string, params: unknown) => { self.notifications.push({ method, params }); });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      self.serverRequests.push('workspace/configuration');
      return params.items.map((item) => (item.section === 'whfb' ? options.settings?.() ?? null : null));
    });
    connection.onRequest((method: string) => {
      self.serverRequests.push(method);
      return null;
    });
    connection.listen();
    const initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })) } : {}),
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return { client, initializeResult };
  }

  private record(message: Message): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.accept(message)) {
        this.waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  /** The first message (past or future) the predicate accepts. Tests bound the wait with their timeout. */
  waitForMessage(accept: (message: any) => boolean, from = 0): Promise<any> {
    const earlier = this.messages.slice(from).find(accept);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve) => this.waiters.add({ accept, resolve }));
  }

  /** The next publishDiagnostics for `uri` that satisfies `accept`, including one already received. */
  async waitForDiagnostics(uri: string, accept: (published: PublishedDiagnostics) => boolean = () => true, from = 0): Promise<PublishedDiagnostics> {
    const message = await this.waitForMessage((m) =>
      m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && accept(m.params), from);
    return message.params as PublishedDiagnostics;
  }

  waitForNotification(method: string, accept: (params: any) => boolean = () => true): Promise<any> {
    return this.waitForMessage((m) => m.method === method && m.id === undefined && accept(m.params)).then((m) => m.params);
  }

  /** The messages received since a mark. */
  messagesSince(from: number): readonly any[] {
    return this.messages.slice(from);
  }

  /** Position in the message log: pass it as `from` to wait only for what comes later. */
  mark(): number {
    return this.messages.length;
  }

  /** Writes messages in one chunk, bypassing the connection (for cancel-before-dispatch). */
  writeRaw(messages: object[]): void {
    const frames = messages.map((message) => {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin.write(Buffer.concat(frames));
  }

  open(uri: string, languageId: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone: the exit code tells.
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/** Applies LSP TextEdits to text (edits do not overlap; applied back to front). */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const offsetOf = (position: { line: number; character: number }): number => {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
      const next = text.indexOf('\n', offset);
      if (next < 0) return text.length;
      offset = next + 1;
    }
    return offset + position.character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

export const PUSH_CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    documentLink: {},
    foldingRange: {},
  },
};

export const PULL_CAPABILITIES = {
  ...PUSH_CAPABILITIES,
  workspace: { ...PUSH_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};
