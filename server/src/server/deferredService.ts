/**
 * The language service, loaded on first use. Compiling it (yaml, the catalog, the validators)
 * is most of the server's start-up cost, so the server answers `initialize` first and loads it
 * right after `initialized` (warmUp) or at the first document or request that needs it,
 * whichever comes first. Loading is synchronous: a handler that needs the service simply has it.
 */
import type { CancellationSignal, IndexBatch, LanguageServiceSettings, TextDocumentInput, WhfbLanguageService } from '../service/api';
import type { PlanInsertSettingParams } from '../../../shared/protocol';
import type { Position, Range, Diagnostic } from '../lsp/protocolTypes';

export class DeferredLanguageService implements WhfbLanguageService {
  private loaded: WhfbLanguageService | undefined;
  private failure: { error: unknown } | undefined;
  /** Settings given before the load, applied to the service the moment it exists. */
  private pendingSettings: Partial<LanguageServiceSettings> | undefined;

  /** `onLoadFailure` is told once; every later use fails with the same error (guarded handlers answer empty). */
  constructor(private readonly load: () => WhfbLanguageService, private readonly onLoadFailure: (error: unknown) => void) {}

  get isLoaded(): boolean { return this.loaded !== undefined; }

  /** Loads on a later turn of the event loop, so messages already queued (configuration, didOpen) are read first. */
  warmUp(): void {
    setImmediate(() => {
      try {
        this.service();
      } catch {
        // Reported through onLoadFailure; the handlers that need the service answer empty.
      }
    });
  }

  private service(): WhfbLanguageService {
    if (this.loaded) return this.loaded;
    if (this.failure) throw this.failure.error;
    let service: WhfbLanguageService;
    try {
      service = this.load();
    } catch (error) {
      this.failure = { error };
      this.onLoadFailure(error);
      throw error;
    }
    if (this.pendingSettings) service.configure(this.pendingSettings);
    this.pendingSettings = undefined;
    this.loaded = service;
    return service;
  }

  configure(settings: Partial<LanguageServiceSettings>): void {
    if (this.loaded) this.loaded.configure(settings);
    else this.pendingSettings = { ...this.pendingSettings, ...settings };
  }

  /** Nothing is cached before the load, so closing a document never triggers it. */
  forget(uri: string): void {
    this.loaded?.forget(uri);
  }

  detectFormat(doc: TextDocumentInput) { return this.service().detectFormat(doc); }
  validate(doc: TextDocumentInput, signal?: CancellationSignal) { return this.service().validate(doc, signal); }
  complete(doc: TextDocumentInput, position: Position, signal?: CancellationSignal) { return this.service().complete(doc, position, signal); }
  hover(doc: TextDocumentInput, position: Position, signal?: CancellationSignal) { return this.service().hover(doc, position, signal); }
  codeActions(doc: TextDocumentInput, range: Range, diagnostics: Diagnostic[], signal?: CancellationSignal) {
    return this.service().codeActions(doc, range, diagnostics, signal);
  }
  documentSymbols(doc: TextDocumentInput) { return this.service().documentSymbols(doc); }
  documentLinks(doc: TextDocumentInput) { return this.service().documentLinks(doc); }
  foldingRanges(doc: TextDocumentInput) { return this.service().foldingRanges(doc); }
  policySummary(doc: TextDocumentInput) { return this.service().policySummary(doc); }
  catalogItems() { return this.service().catalogItems(); }
  planInsertSetting(params: PlanInsertSettingParams) { return this.service().planInsertSetting(params); }
  referenceLinksAt(doc: TextDocumentInput, position: Position) { return this.service().referenceLinksAt(doc, position); }
  referenceLinksForSetting(setting: { path?: string; written: string }) { return this.service().referenceLinksForSetting(setting); }
  checklists() { return this.service().checklists(); }
  policyTemplate(model: string) { return this.service().policyTemplate(model); }
  indexFiles(docs: readonly TextDocumentInput[], signal?: CancellationSignal, batch?: IndexBatch) { return this.service().indexFiles(docs, signal, batch); }
  unindexFiles(uris: readonly string[]) { return this.loaded ? this.loaded.unindexFiles(uris) : []; }
  indexedFiles() { return this.loaded ? this.loaded.indexedFiles() : []; }
  indexedDiagnostics(uri: string) { return this.service().indexedDiagnostics(uri); }
  crossFileDiagnostics(uri: string) { return this.service().crossFileDiagnostics(uri); }
  crossFileFacts(doc: TextDocumentInput) { return this.service().crossFileFacts(doc); }
  localCrossFileFacts(doc: TextDocumentInput) { return this.service().localCrossFileFacts(doc); }
  effectiveConfiguration(nameOf?: (uri: string) => string) { return this.service().effectiveConfiguration(nameOf); }
}
