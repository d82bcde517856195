/**
 * The language service's public face: plain text in, plain results out. The LSP server and the
 * whfb-lint CLI are thin wrappers around an object of this interface.
 */
import type { DeploymentModelId } from '../checklists/types';
import type { SourceFormat } from '../model/types';
import type {
  ClientDiagnostic, CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range, SeverityName,
} from './protocolTypes';

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

/** What the client's views need to know about a policy document. */
export interface PolicySummary {
  uri: string;
  format: SourceFormat;
  /** The checklist model the document's deployment block (or its settings) selects, if any. */
  deploymentModel?: DeploymentModelId;
  deployment?: { model?: string; trust?: string; authentication?: string; management?: string; range?: Range };
  tenantId?: string;
  settings: PolicySettingSummary[];
}

export interface PolicySettingSummary {
  index: number;
  /** Display label: the node name, or what was written when it resolves to nothing. */
  label: string;
  /** OMA-URI or settingDefinitionId as written. */
  written: string;
  /** Canonical catalog path when it resolves. */
  path?: string;
  csp?: string;
  /** Grouping key for the view: "PassportForWork/Policies", "PassportForWork/PINComplexity", "Policy/Kerberos", "Unknown". */
  group: string;
  scope?: 'device' | 'user';
  value?: string;
  range: Range;
  /** Codes of the diagnostics on this setting. */
  problems: { code: string; severity: SeverityName; message: string }[];
}

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
  /** Drop cached parses of a closed document. */
  forget(uri: string): void;
}
