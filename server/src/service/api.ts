/**
 * The language service's public face: plain text in, plain results out. The LSP server and the
 * whfb-lint CLI are thin wrappers around an object of this interface.
 */
import type { SourceFormat } from '../model/types';
import type { LocalFileFacts, PortableFileFacts } from '../rules/crossFile/facts';
import type {
  ClientDiagnostic, CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range, SeverityName,
} from '../lsp/protocolTypes';

export interface TextDocumentInput {
  uri: string;
  /** The editor's language id ("whfb-yaml", "json", "yaml", "xml", "markdown", "powershell", "plaintext"). */
  languageId?: string;
  /** Parse results are cached per (uri, version): the same version is never parsed twice. */
  version: number;
  text: string;
}

export interface CancellationSignal { readonly isCancellationRequested: boolean }

export interface IndexBatch { readonly moreToCome?: boolean }

export interface LanguageServiceSettings {
  /** Turns every diagnostic off (completion and hover stay). */
  enable: boolean;
  /** Per-rule severity override: { "WHFB190": "off", "WHFB160": "error" }. */
  ruleSeverity: Record<string, SeverityName | 'off'>;
  /** Files larger than this are not parsed: one WHFB003 finding says so. */
  maxFileSizeBytes: number;
  /** The workspace index holds at most this many files (cross-file rules, closed-file diagnostics). */
  maxIndexedFiles: number;
}

export const DEFAULT_SETTINGS: LanguageServiceSettings = {
  enable: true,
  ruleSeverity: {},
  maxFileSizeBytes: 5 * 1024 * 1024,
  maxIndexedFiles: 5_000,
};

/** The summary the client's views show travels over the protocol: its shape is defined there. */
export type { PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import type { EffectiveConfiguration, CatalogItem, Checklists, PlanInsertSettingParams, PlanInsertSettingResult, PolicySummary, ReferenceLink } from '../../../shared/protocol';

export interface WhfbLanguageService {
  configure(settings: Partial<LanguageServiceSettings>): void;
  /** Which format the document is, or undefined when it is not a policy at all (no diagnostics then). */
  detectFormat(doc: TextDocumentInput): SourceFormat | undefined;
  validate(doc: TextDocumentInput, signal?: CancellationSignal): Diagnostic[];
  complete(doc: TextDocumentInput, position: Position, signal?: CancellationSignal): CompletionList;
  hover(doc: TextDocumentInput, position: Position, signal?: CancellationSignal): Hover | null;
  codeActions(doc: TextDocumentInput, range: Range, diagnostics: readonly ClientDiagnostic[], signal?: CancellationSignal): CodeAction[];
  documentSymbols(doc: TextDocumentInput): DocumentSymbol[];
  documentLinks(doc: TextDocumentInput): DocumentLink[];
  foldingRanges(doc: TextDocumentInput): FoldingRange[];
  policySummary(doc: TextDocumentInput): PolicySummary | undefined;
  /** Insert setting's pick list: every settable catalog node. */
  catalogItems(): CatalogItem[];
  /** The snippet Insert setting writes for a node, and where, in the text given. */
  planInsertSetting(params: PlanInsertSettingParams): PlanInsertSettingResult;
  /** Open reference: the links for what is at the position (the catalog's, else the hover's). */
  referenceLinksAt(doc: TextDocumentInput, position: Position): ReferenceLink[];
  /** Open reference from the settings view: the links of a summarized setting. */
  referenceLinksForSetting(setting: { path?: string; written: string }): ReferenceLink[];
  /** The deployment checklist of every model. */
  checklists(): Checklists;
  /** The policy skeleton of a deployment model (New policy), undefined when there is none. */
  policyTemplate(model: string): string | undefined;
  /** Drop cached parses of a closed document. */
  forget(uri: string): void;

  // --- The workspace index (service/workspaceIndex.ts): every policy file of the deployment ---
  /**
   * Indexes these versions of files (open documents or files read from disk), each parsed once;
   * a document that is no policy leaves the index. Answers the files whose diagnostics may have
   * changed (their own or cross-file ones) and those refused because the index is full.
   * `batch.moreToCome`: more files of the same run follow (a workspace read in batches), so the
   * cross-file rules wait and judge the whole set once, at the next call without it (an empty one
   * will do); until then `changed` lists only the files given.
   */
  indexFiles(docs: readonly TextDocumentInput[], signal?: CancellationSignal, batch?: IndexBatch): { changed: string[]; refused: string[] };
  /** Drops files from the index; answers the files whose cross-file diagnostics may have changed. */
  unindexFiles(uris: readonly string[]): string[];
  /** Every indexed file. */
  indexedFiles(): string[];
  /** The diagnostics of an indexed file as indexed (its own findings and the cross-file ones); [] when not indexed. */
  indexedDiagnostics(uri: string): Diagnostic[];
  /** The cross-file diagnostics (WHFB300+) standing in an indexed file. */
  crossFileDiagnostics(uri: string): Diagnostic[];
  /**
   * What a document gives the cross-file rules, as plain data (from the parse `validate` made of
   * the same version); undefined when it is no policy. whfb-lint's workers hand it back.
   */
  crossFileFacts(doc: TextDocumentInput): PortableFileFacts | undefined;
  /**
   * The same for use on this thread: the facts as the rules read them, with the positions of their
   * offsets. whfb-lint's main thread keeps its own files' facts so (no portable form to build and read back).
   */
  localCrossFileFacts(doc: TextDocumentInput): LocalFileFacts | undefined;
  /** Per setting, the value each indexed file sets and which applies; `nameOf` names a file for the view. */
  effectiveConfiguration(nameOf?: (uri: string) => string): EffectiveConfiguration;
}
