/**
 * The workspace index: every policy file of a deployment (open or not), parsed once per version
 * through the service's own parse path, with the cross-file findings (WHFB300+) of the whole set
 * kept up to date file by file (rules/crossFile/crossFileState.ts). Pure: the transports read the
 * files (the server from disk and its open documents, the CLI from its arguments) and hand them in.
 *
 * Bounded: at most `maxFiles` files (a file beyond it is refused, and the caller says so once),
 * and files over the size limit are parsed to nothing (inputGuards) so they hold no memory.
 * Cancellable: a bulk update stops between files when its signal is set; what was indexed stays.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { PolicyModel } from '../model/types';
import { CrossFileState, lastSegment } from '../rules/crossFile/crossFileState';
import type { CancellationSignal, IndexBatch, TextDocumentInput } from './api';
import { lazyLines } from '../formats/parsedDocument';
import type { LineIndex } from '../model/lineIndex';
import type { Diagnostic, SeverityName } from '../lsp/protocolTypes';
import { toDiagnostic } from './toProtocol';

export const DEFAULT_MAX_INDEXED_FILES = 5_000;

export interface IndexedFile {
  uri: string;
  version: number;
  model: PolicyModel;
  lines: () => LineIndex;
}

export interface WorkspaceUpdate {
  /** Files whose diagnostics may have changed (their own, or cross-file ones). */
  changed: string[];
  /** Files not indexed because the index is full. */
  refused: string[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private state: CrossFileState;
  /**
   * Files of a bulk run (`moreToCome`) not yet given to the cross-file rules, by uri (undefined:
   * left the index). A topic shared by 1,000 files, judged after each batch of 50, was judged
   * twenty times over a growing set while the workspace was read; it is judged once, at the end.
   */
  private readonly unjudged = new Map<string, PolicyModel | undefined>();
  /** Files whose cross-file findings an early judgement (a read in the middle of a run) changed, not yet reported. */
  private readonly unreported = new Set<string>();

  constructor(
    private readonly catalog: () => CatalogIndex,
    /** The service's parse: the model of a document version, or undefined when it is no policy. */
    private readonly parse: (doc: TextDocumentInput) => PolicyModel | undefined,
    private readonly options: { maxFiles: number; nameOf?: (uri: string) => string },
  ) {
    this.state = this.newState();
  }

  private newState(): CrossFileState {
    return new CrossFileState(this.catalog(), { nameOf: this.options.nameOf ?? lastSegment });
  }

  get size(): number {
    return this.files.size;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  file(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  setMaxFiles(maxFiles: number): void {
    this.options.maxFiles = maxFiles;
  }

  /**
   * Indexes new versions of files (documents that are no policy leave the index). With
   * `moreToCome`, the cross-file rules wait for the call without it (see WhfbLanguageService.indexFiles).
   */
  update(docs: readonly TextDocumentInput[], signal?: CancellationSignal, batch?: IndexBatch): WorkspaceUpdate {
    const refused: string[] = [];
    const entries: { uri: string; model: PolicyModel | undefined }[] = [];
    for (const doc of docs) {
      if (signal?.isCancellationRequested) break;
      const known = this.files.get(doc.uri);
      if (known && known.version === doc.version && known.model.text === doc.text) continue;
      if (!known && this.files.size >= this.options.maxFiles) {
        refused.push(doc.uri);
        continue;
      }
      const model = this.parse(doc);
      if (model) this.files.set(doc.uri, { uri: doc.uri, version: doc.version, model, lines: lazyLines(model.text) });
      else this.files.delete(doc.uri);
      if (model || known) entries.push({ uri: doc.uri, model });
    }
    if (batch?.moreToCome) {
      for (const { uri, model } of entries) this.unjudged.set(uri, model);
      return { changed: entries.map((entry) => entry.uri), refused };
    }
    this.judge();
    const changed = entries.length > 0 ? this.state.updateMany(entries) : new Set<string>();
    for (const uri of this.unreported) changed.add(uri);
    this.unreported.clear();
    return { changed: [...changed], refused };
  }

  /** Gives the files a bulk run left waiting to the cross-file rules; what that changed is reported by the next update. */
  private judge(): void {
    if (this.unjudged.size === 0) return;
    const entries = [...this.unjudged].map(([uri, model]) => ({ uri, model }));
    this.unjudged.clear();
    for (const uri of this.state.updateMany(entries)) this.unreported.add(uri);
  }

  /** Drops files (deleted, excluded, or outside the workspace now). */
  remove(uris: readonly string[]): string[] {
    this.judge();
    const gone = uris.filter((uri) => this.files.delete(uri));
    const changed = gone.length > 0 ? this.state.updateMany(gone.map((uri) => ({ uri, model: undefined }))) : new Set<string>();
    for (const uri of this.unreported) changed.add(uri);
    this.unreported.clear();
    return [...changed];
  }

  clear(): void {
    this.files.clear();
    this.unjudged.clear();
    this.unreported.clear();
    this.state = this.newState();
  }

  /** The cross-file diagnostics standing in one file; related locations in other files point there. */
  crossFileDiagnostics(uri: string, ruleSeverity: Record<string, SeverityName | 'off'>): Diagnostic[] {
    const file = this.files.get(uri);
    if (!file) return [];
    this.judge();
    const linesOf = (other: string): LineIndex | undefined => this.files.get(other)?.lines();
    return this.state.findingsFor(uri, ruleSeverity).map((item) => toDiagnostic(item, uri, file.lines(), linesOf));
  }

  /** The facts of every file, for the effective configuration. */
  crossFileState(): CrossFileState {
    this.judge();
    return this.state;
  }
}
