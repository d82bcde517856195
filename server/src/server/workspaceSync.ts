/**
 * Keeps the service's workspace index in step with the workspace: every policy file of the
 * workspace folders is read at start (bounded by whfb.validation.maxWorkspaceFiles, honouring
 * files.exclude and whfb.validation.exclude), files changed on disk are re-read
 * (workspace/didChangeWatchedFiles), open documents are indexed with the editor's text, and a
 * closed file goes back to its disk version. Diagnostics of closed files are pulled by a client
 * that asks for workspace diagnostics (workspaceDiagnostics.ts: `closedFilesChanged` tells it what
 * moved) and pushed to any other (textDocument/publishDiagnostics), so the Problems panel shows a
 * repository's problems without opening a file; open documents keep their own push or pull path,
 * which adds the cross-file findings (startServer.ts).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { GlobMatcher } from '../config/glob';
import type { TextDocumentInput, WhfbLanguageService } from '../service/api';
import type { Diagnostic } from '../lsp/protocolTypes';
import { describeError } from './guard';
import type { WorkspaceFiles } from './workspaceFiles';

/** Files read per turn of the event loop, so requests are answered while a large workspace is indexed. */
const BATCH = 50;

function matches(pattern: string, relativePath: string): boolean {
  const matcher = new GlobMatcher(pattern.replace(/^\.\//, ''));
  const base = matcher.base === '.' ? '' : matcher.base;
  if (base && relativePath !== base && !relativePath.startsWith(`${base}/`)) return false;
  let state = matcher.start();
  const rest = base ? relativePath.slice(base.length).replace(/^\//, '') : relativePath;
  if (rest === '') return matcher.matches(state);
  for (const segment of rest.split('/')) {
    state = matcher.step(state, segment);
    if (state.length === 0) return false;
  }
  return matcher.matches(state);
}

export interface WorkspaceSyncHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: WhfbLanguageService;
  files: WorkspaceFiles;
  /** Diagnostics of a closed, indexed file, with the repository's configuration applied. */
  closedFileDiagnostics(uri: string): Diagnostic[];
  /** An open document's diagnostics may have changed (a partner file changed): check it again. */
  revalidateOpen(uri: string): void;
  /**
   * Set when the client pulls the closed files' diagnostics (workspace/diagnostic): these closed
   * files' diagnostics may have changed, or they left the index. Unset: they are pushed.
   */
  closedFilesChanged?(uris: readonly string[]): void;
  /** The effective configuration may have changed. */
  indexChanged(): void;
  /** A whole-workspace indexing run ended (or was cancelled). */
  indexingEnded?(): void;
}

export class WorkspaceSync {
  private folders: string[] = [];
  private exclude: string[] = [];
  private enabled = true;
  private maxFileSizeBytes = 5 * 1024 * 1024;
  private maxFiles = 5_000;
  private run = { cancelled: false };
  private runs = 0;
  /**
   * Files whose diagnostics changed while the workspace was being indexed. Each batch of new files
   * can change the cross-file findings of every file indexed before it, so publishing per batch
   * would check the first files again and again (quadratic at 1,000 files); they are checked once,
   * when the run ends.
   */
  private readonly deferred = new Set<string>();
  /** Closed files we published diagnostics for, so they can be cleared. */
  private readonly published = new Set<string>();
  /** Batches were indexed with `moreToCome`: the cross-file rules judge them when the last run ends. */
  private unjudged = false;

  constructor(private readonly host: WorkspaceSyncHost) {}

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  configure(options: { enabled: boolean; exclude: readonly string[]; filesExclude: readonly string[]; maxFileSizeBytes: number; maxFiles: number }): void {
    this.enabled = options.enabled;
    this.exclude = [...options.exclude, ...options.filesExclude];
    this.maxFileSizeBytes = options.maxFileSizeBytes;
    this.maxFiles = options.maxFiles;
  }

  private isExcluded = (_folder: string, relativePath: string): boolean => this.exclude.some((pattern) => matches(pattern, relativePath));

  private isExcludedUri(uri: string): boolean {
    const folder = this.folders.find((item) => uri.startsWith(item.endsWith('/') ? item : `${item}/`));
    if (!folder) return true;
    const relativePath = decodeURIComponent(uri.slice(folder.replace(/\/$/, '').length + 1));
    return relativePath.split('/').some((segment) => segment === 'node_modules' || segment === '.git') || this.isExcluded(folder, relativePath);
  }

  /** Whether a whole-workspace indexing run is under way. */
  get indexing(): boolean {
    return this.runs > 0;
  }

  /** (Re)indexes the whole workspace; a run started later cancels this one. */
  async indexAll(): Promise<void> {
    this.runs++;
    try {
      await this.indexAllOnce();
    } finally {
      this.runs--;
      if (this.runs === 0) {
        if (this.unjudged) {
          this.unjudged = false;
          for (const uri of this.host.service.indexFiles([]).changed) this.deferred.add(uri);
        }
        const deferred = [...this.deferred];
        this.deferred.clear();
        this.publish(deferred);
        this.host.indexingEnded?.();
      }
    }
  }

  private async indexAllOnce(): Promise<void> {
    this.run.cancelled = true;
    const run = { cancelled: false };
    this.run = run;
    const before = new Set(this.host.service.indexedFiles());
    if (!this.enabled || this.folders.length === 0) {
      this.publish(this.host.service.unindexFiles([...before]));
      return;
    }
    const { uris, truncated } = await this.host.files.list(this.folders, this.isExcluded, this.maxFiles, run);
    if (run.cancelled) return;
    if (truncated) {
      this.host.connection.console.warn(`whfb: the workspace holds more than ${this.maxFiles} candidate policy files; only the first ${this.maxFiles} are checked without being opened (whfb.validation.maxWorkspaceFiles).`);
    }
    const found = new Set(uris);
    this.publish(this.host.service.unindexFiles([...before].filter((uri) => !found.has(uri) && !this.host.documents.get(uri))));
    for (let start = 0; start < uris.length; start += BATCH) {
      // A batch's reads run together: the disk (or the OS cache) answers while the previous batch's
      // results are handed on, instead of one await per file.
      const batch = uris.slice(start, start + BATCH).filter((uri) => !this.host.documents.get(uri));
      const texts = await Promise.all(batch.map((uri) => this.host.files.read(uri, this.maxFileSizeBytes * 2 + 4)));
      if (run.cancelled) return;
      const docs: TextDocumentInput[] = [];
      texts.forEach((text, index) => {
        const uri = batch[index];
        // Opened while it was read: the editor's text is indexed instead.
        if (text !== undefined && !this.host.documents.get(uri)) docs.push(diskInput(uri, text));
      });
      // The cross-file rules judge the whole workspace once, when the run ends (indexAll).
      this.unjudged = true;
      const { changed } = this.host.service.indexFiles(docs, { get isCancellationRequested() { return run.cancelled; } }, { moreToCome: true });
      this.publish(changed);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Files created, changed or deleted on disk. */
  async filesChanged(changes: readonly { uri: string; type: number }[]): Promise<void> {
    if (!this.enabled) return;
    const removed: string[] = [];
    const docs: TextDocumentInput[] = [];
    for (const change of changes) {
      if (!/\.(json|ya?ml|xml)$/i.test(change.uri) || this.host.documents.get(change.uri)) continue;
      // FileChangeType.Deleted = 3
      if (change.type === 3 || this.isExcludedUri(change.uri)) {
        removed.push(change.uri);
        continue;
      }
      const text = await this.host.files.read(change.uri, this.maxFileSizeBytes * 2 + 4);
      if (text === undefined) removed.push(change.uri);
      else docs.push(diskInput(change.uri, text));
    }
    const changed = [...this.host.service.unindexFiles(removed), ...this.host.service.indexFiles(docs).changed];
    for (const uri of removed) this.clear(uri);
    this.publish(changed);
  }

  /** An open document's new text: indexed so its partners' cross-file findings follow the editor. */
  opened(input: TextDocumentInput): void {
    // An untitled document, or one outside the workspace folders or excluded, is no file of the
    // tenant the workspace holds: it is judged alone.
    if (!this.enabled || this.isExcludedUri(input.uri)) return;
    const { changed } = this.host.service.indexFiles([input]);
    if (this.published.delete(input.uri)) void this.host.connection.sendDiagnostics({ uri: input.uri, diagnostics: [] });
    this.publish(changed.filter((uri) => uri !== input.uri));
  }

  /** A closed document goes back to what is on disk (or leaves the index). */
  async closed(uri: string): Promise<void> {
    if (!this.enabled || !this.host.service.indexedFiles().includes(uri)) return;
    const text = this.isExcludedUri(uri) ? undefined : await this.host.files.read(uri, this.maxFileSizeBytes * 2 + 4);
    const changed = text === undefined ? this.host.service.unindexFiles([uri]) : this.host.service.indexFiles([diskInput(uri, text)]).changed;
    this.publish(changed.includes(uri) ? changed : [...changed, uri]);
  }

  cancel(): void {
    this.run.cancelled = true;
  }

  private clear(uri: string): void {
    this.host.closedFilesChanged?.([uri]);
    if (this.published.delete(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uris: readonly string[]): void {
    if (uris.length === 0) return;
    if (this.runs > 0) {
      for (const uri of uris) this.deferred.add(uri);
      return;
    }
    const indexed = new Set(this.host.service.indexedFiles());
    const pulled: string[] = [];
    for (const uri of new Set(uris)) {
      if (this.host.documents.get(uri)) {
        this.host.revalidateOpen(uri);
        continue;
      }
      if (this.host.closedFilesChanged) {
        pulled.push(uri);
        continue;
      }
      if (!indexed.has(uri)) {
        this.clear(uri);
        continue;
      }
      try {
        const diagnostics = this.host.closedFileDiagnostics(uri);
        if (diagnostics.length === 0 && !this.published.has(uri)) continue;
        if (diagnostics.length > 0) this.published.add(uri);
        else this.published.delete(uri);
        void this.host.connection.sendDiagnostics({ uri, diagnostics });
      } catch (error) {
        this.host.connection.console.error(`whfb: checking ${uri} failed: ${describeError(error)}`);
      }
    }
    if (pulled.length > 0) this.host.closedFilesChanged?.(pulled);
    this.host.indexChanged();
  }
}

/** A file as read from disk: version 0, so the editor's first version (1) is a new one. */
function diskInput(uri: string, text: string): TextDocumentInput {
  return { uri, version: 0, text, languageId: languageIdOf(uri) };
}

function languageIdOf(uri: string): string {
  const lower = uri.toLowerCase();
  if (/\.whfb\.ya?ml$/.test(lower)) return 'whfb-yaml';
  if (lower.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  return 'xml';
}
