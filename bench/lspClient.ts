/**
 * A minimal LSP client over stdio, enough to time a language server the way an editor drives it.
 * Every request and every wait has a deadline, so a hung server fails the bench with a message
 * instead of hanging it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface ServerCommand {
  /** Label used in messages and in the results. */
  label: string;
  command: string;
  args: string[];
  cwd: string;
  /** Settings the client hands out through workspace/configuration and didChangeConfiguration. */
  settings: Record<string, unknown>;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
  /** performance.now() when the notification arrived. */
  at: number;
}

interface DiagnosticsWaiter {
  uri: string;
  /** Only diagnostics that arrived after this instant count (an older, in-flight publication is not the answer). */
  after: number;
  version?: number;
  resolve: (published: PublishedDiagnostics) => void;
}

export class BenchError extends Error {}

/** Every client still alive, so that an error or Ctrl-C anywhere kills them all. */
const liveClients = new Set<LspClient>();

/** Rejects with a message naming what timed out, so the bench's output says which step hung. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchError(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Looks a dotted section ("whfb", "yaml", "whfb.validation") up in a nested settings object. */
function settingsSection(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  let current: unknown = settings;
  for (const part of section.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters: DiagnosticsWaiter[] = [];
  private readonly stderrTail: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Settles when the server process ends, so a pending request fails at once instead of at its timeout. */
  private readonly exitPromise: Promise<never>;
  /** How often the server pulled settings; the bench lets the first pull settle before opening a file. */
  configurationRequests = 0;
  /** The server's capabilities from the initialize result. */
  capabilities: Record<string, unknown> = {};

  private constructor(readonly server: ServerCommand, readonly requestTimeoutMs: number) {
    this.process = spawn(server.command, server.args, { cwd: server.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.stderrTail.push(chunk);
      if (this.stderrTail.length > 20) this.stderrTail.shift();
    });
    this.exitPromise = new Promise<never>((_, reject) => {
      this.process.on('exit', (code, signal) => {
        this.exited = { code, signal };
        // Give stderr a moment to drain so the message can quote it.
        setTimeout(() => reject(new BenchError('the server exited')), 50);
      });
      this.process.on('error', (error) => {
        this.exited = { code: null, signal: null };
        reject(new BenchError(`cannot start the server: ${error.message}`));
      });
    });
    this.exitPromise.catch(() => undefined);
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onRequest('workspace/configuration', (params: { items?: { section?: string }[] }) => {
      this.configurationRequests++;
      return (params.items ?? []).map((item) => settingsSection(this.server.settings, item.section));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const published: PublishedDiagnostics = { ...params, at: performance.now() };
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i]!;
        if (waiter.uri !== published.uri || published.at < waiter.after) continue;
        // A server that reports versions must answer for the version we sent; one that does not
        // (yaml-language-server) answers with its next publication after our change.
        if (waiter.version !== undefined && published.version !== undefined && published.version !== waiter.version) continue;
        this.waiters.splice(i, 1);
        waiter.resolve(published);
      }
    });
    // Log traffic is not part of any measurement.
    this.connection.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /**
   * Spawns the server and returns the client together with the cold-start time to the initialize
   * result. With `pull`, the client declares pull diagnostics (`textDocument/diagnostic`), as VS
   * Code's language client does; otherwise it takes pushed ones only. `spawnedAt` is when the
   * process was spawned, for figures that run from spawn to a later answer.
   */
  static async start(server: ServerCommand, rootUri: string, requestTimeoutMs: number, options: { pull?: boolean } = {}): Promise<{ client: LspClient; startupMs: number; spawnedAt: number }> {
    const started = performance.now();
    const client = new LspClient(server, requestTimeoutMs);
    liveClients.add(client);
    const result = await client.request<{ capabilities?: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'whfb-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: false },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
      initializationOptions: {},
    });
    const startupMs = performance.now() - started;
    client.capabilities = result?.capabilities ?? {};
    void client.connection.sendNotification('initialized', {});
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
    return { client, startupMs, spawnedAt: started };
  }

  private describeFailure(): string {
    const exit = this.exited ? ` (server exited: code ${this.exited.code}, signal ${this.exited.signal})` : '';
    const stderr = this.stderrTail.join('').trim().split('\n').slice(-5).join('\n  ');
    return `${this.server.label}${exit}${stderr ? `\n  stderr: ${stderr}` : ''}`;
  }

  async request<T = unknown>(method: string, params: unknown): Promise<T> {
    if (this.exited) throw new BenchError(`${method}: ${this.describeFailure()}`);
    try {
      return await withTimeout(Promise.race([this.connection.sendRequest<T>(method, params), this.exitPromise]), this.requestTimeoutMs, `${method} on ${this.server.label}`);
    } catch (error) {
      // A broken pipe usually means the server just died: wait briefly so its exit status and stderr make the message.
      await Promise.race([this.exitPromise.catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
      if (error instanceof BenchError) throw new BenchError(`${error.message}: ${this.describeFailure()}`);
      throw new BenchError(`${method} failed: ${(error as Error).message}: ${this.describeFailure()}`);
    }
  }

  notify(method: string, params: unknown): void {
    if (this.exited) throw new BenchError(`${method}: ${this.describeFailure()}`);
    void this.connection.sendNotification(method, params);
  }

  /** Resolves with the first diagnostics for uri published from now on (for `version`, when the server reports versions). */
  expectDiagnostics(uri: string, version: number | undefined, timeoutMs: number): Promise<PublishedDiagnostics> {
    const promise = new Promise<PublishedDiagnostics>((resolve) => {
      this.waiters.push({ uri, version, after: performance.now(), resolve });
    });
    return withTimeout(Promise.race([promise, this.exitPromise]), timeoutMs, `diagnostics for ${uri} v${version ?? '?'} from ${this.server.label}`)
      .catch((error: Error) => { throw new BenchError(`${error.message}: ${this.describeFailure()}`); });
  }

  /** True when the server offers pull diagnostics (it does so only to a client that declared them). */
  get pullDiagnostics(): boolean {
    return this.capabilities.diagnosticProvider !== undefined;
  }

  /** Pulls a document's diagnostics: the full report's items, or undefined for "unchanged". */
  async pullDiagnosticsOf(uri: string, previousResultId?: string): Promise<{ resultId?: string; items?: unknown[] }> {
    const report = await this.request<{ kind: string; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    return { resultId: report?.resultId, items: report?.kind === 'full' ? report.items ?? [] : undefined };
  }

  /** True when the server takes ranged (incremental) didChange events. */
  get incrementalSync(): boolean {
    const sync = this.capabilities.textDocumentSync;
    const kind = typeof sync === 'number' ? sync : (sync as { change?: number } | undefined)?.change;
    return kind === 2;
  }

  /** Waits until the server has pulled its settings once (or quietly gives up: not every server pulls). */
  async settleConfiguration(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.configurationRequests === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
  }

  /** Peak resident set size of the server process so far (VmHWM), in MB. */
  peakRssMb(): number {
    const pid = this.process.pid;
    if (pid === undefined) return Number.NaN;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) / 1024 : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }

  /** Polite shutdown with a deadline, then a kill: the bench never leaves a server behind. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 2000, 'shutdown');
        void this.connection.sendNotification('exit');
        await withTimeout(new Promise<void>((resolve) => {
          if (this.exited) resolve();
          else this.process.once('exit', () => resolve());
        }), 2000, 'exit');
      } catch {
        // fall through to kill
      }
    }
    this.kill();
  }

  kill(): void {
    liveClients.delete(this);
    this.connection.dispose();
    if (!this.exited && this.process.pid !== undefined) this.process.kill('SIGKILL');
  }
}

export function killAllClients(): void {
  for (const client of liveClients) client.kill();
  liveClients.clear();
}
