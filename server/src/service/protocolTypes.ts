/**
 * Plain result types of the language service. They are structurally identical to the LSP types
 * (vscode-languageserver-types), so the server passes them through unchanged, but the service
 * itself imports nothing from LSP or vscode: it takes text and returns data.
 * Positions are zero-based, characters counted in UTF-16 code units, as in LSP.
 */

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export type { SeverityName } from '../../../shared/protocol';

export interface DiagnosticRelatedInformation {
  location: { uri: string; range: Range };
  message: string;
}

export interface Diagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /** Stable rule code, "WHFB" + number. */
  code: string;
  codeDescription?: { href: string };
  source: 'whfb';
  message: string;
  relatedInformation?: DiagnosticRelatedInformation[];
  /** Opaque data the quick fixes read back (never shown). */
  data?: unknown;
}

export const CompletionItemKind = {
  Text: 1, Method: 2, Function: 3, Constructor: 4, Field: 5, Variable: 6, Class: 7, Interface: 8, Module: 9,
  Property: 10, Unit: 11, Value: 12, Enum: 13, Keyword: 14, Snippet: 15, Color: 16, File: 17, Reference: 18,
  Folder: 19, EnumMember: 20, Constant: 21, Struct: 22, Event: 23, Operator: 24, TypeParameter: 25,
} as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export type InsertTextFormat = (typeof InsertTextFormat)[keyof typeof InsertTextFormat];

export interface MarkupContent { kind: 'markdown' | 'plaintext'; value: string }

export interface TextEdit { range: Range; newText: string }

export interface CompletionItem {
  label: string;
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  insertTextFormat?: InsertTextFormat;
  textEdit?: TextEdit;
  additionalTextEdits?: TextEdit[];
  deprecated?: boolean;
  tags?: 1[];
  /** Re-trigger completion after insertion (for segment-by-segment OMA-URI completion). */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface CompletionList { isIncomplete: boolean; items: CompletionItem[] }

export interface Hover { contents: MarkupContent; range?: Range }

export interface WorkspaceEdit { changes: { [uri: string]: TextEdit[] } }

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit: WorkspaceEdit;
}

export const SymbolKind = {
  File: 1, Module: 2, Namespace: 3, Package: 4, Class: 5, Method: 6, Property: 7, Field: 8, Constructor: 9,
  Enum: 10, Interface: 11, Function: 12, Variable: 13, Constant: 14, String: 15, Number: 16, Boolean: 17,
  Array: 18, Object: 19, Key: 20, Null: 21, EnumMember: 22, Struct: 23, Event: 24, Operator: 25, TypeParameter: 26,
} as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface DocumentLink { range: Range; target: string; tooltip?: string }

export interface FoldingRange { startLine: number; endLine: number; kind?: 'comment' | 'imports' | 'region' }
