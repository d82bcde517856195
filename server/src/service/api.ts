/**
 * The language service's public face: plain text in, plain results out. The LSP server and the
 * whfb-lint CLI are thin wrappers around an object of this interface.
 */
import type { SourceFormat } from '../model/types';
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

export interface LanguageServiceSettings {
  /** Turns every diagnostic off (completion and hover stay). */
  enable: boolean;
  /** Per-rule severity override: { "WHFB190": "off", "WHFB160": "error" }. */
  ruleSeverity: Record<string, SeverityName | 'off'>;
  /** Files larger than this are not parsed: one WHFB003 finding says so. */
  maxFileSizeBytes: number;
}

export const DEFAULT_SETTINGS: LanguageServiceSettings = {
  enable: true,
  ruleSeverity: {},
  maxFileSizeBytes: 5 * 1024 * 1024,
};

/** The summary the client's views show travels over the protocol: its shape is defined there. */
export type { PolicySettingSummary, PolicySummary } from '../../../shared/protocol';
import type { CatalogItem, Checklists, PlanInsertSettingParams, PlanInsertSettingResult, PolicySummary, ReferenceLink } from '../../../shared/protocol';

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
}
