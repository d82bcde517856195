/**
 * Result types of the language service: the LSP types themselves (vscode-languageserver-types),
 * narrowed where the service promises more (every diagnostic has a string code and source "whfb",
 * hovers are Markdown, code actions carry their edit). tsc checks that each is an LSP type, so the
 * server hands them over unchanged and unconverted.
 *
 * Only types are imported: the service takes text and returns data, and bundles no LSP runtime
 * (the CLI bundle has none). The few numeric enums the service writes are spelled below and
 * checked against the LSP namespaces with `satisfies`, so a wrong number fails the build.
 * Positions are zero-based, characters counted in UTF-16 code units, as in LSP.
 */
import type * as lsp from 'vscode-languageserver-types';

export type Position = lsp.Position;
export type Range = lsp.Range;
export type TextEdit = lsp.TextEdit;
export type MarkupContent = lsp.MarkupContent;
export type DiagnosticRelatedInformation = lsp.DiagnosticRelatedInformation;
export type DocumentSymbol = lsp.DocumentSymbol;
export type FoldingRange = lsp.FoldingRange;

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const satisfies typeof lsp.DiagnosticSeverity;
export type DiagnosticSeverity = lsp.DiagnosticSeverity;

export type { SeverityName } from '../../../shared/protocol';

/** A diagnostic of ours. */
export interface Diagnostic extends lsp.Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable rule code, "WHFB" + number. */
  code: string;
  source: 'whfb';
}

/** A diagnostic as the client sends it back with a code action request: anyone's, in LSP's general shape. */
export type ClientDiagnostic = lsp.Diagnostic;

export const CompletionItemKind = {
  Text: 1, Method: 2, Function: 3, Constructor: 4, Field: 5, Variable: 6, Class: 7, Interface: 8, Module: 9,
  Property: 10, Unit: 11, Value: 12, Enum: 13, Keyword: 14, Snippet: 15, Color: 16, File: 17, Reference: 18,
  Folder: 19, EnumMember: 20, Constant: 21, Struct: 22, Event: 23, Operator: 24, TypeParameter: 25,
} as const satisfies typeof lsp.CompletionItemKind;
export type CompletionItemKind = lsp.CompletionItemKind;

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const satisfies typeof lsp.InsertTextFormat;
export type InsertTextFormat = lsp.InsertTextFormat;

export interface CompletionItem extends lsp.CompletionItem {
  documentation?: MarkupContent;
  /** Always a plain TextEdit (never an insert/replace pair). */
  textEdit?: TextEdit;
}

export interface CompletionList extends lsp.CompletionList {
  items: CompletionItem[];
}

export interface Hover extends lsp.Hover {
  contents: MarkupContent;
}

export interface WorkspaceEdit extends lsp.WorkspaceEdit {
  changes: { [uri: string]: TextEdit[] };
}

export interface CodeAction extends lsp.CodeAction {
  kind: 'quickfix' | 'refactor' | 'source';
  edit: WorkspaceEdit;
}

export const SymbolKind = {
  File: 1, Module: 2, Namespace: 3, Package: 4, Class: 5, Method: 6, Property: 7, Field: 8, Constructor: 9,
  Enum: 10, Interface: 11, Function: 12, Variable: 13, Constant: 14, String: 15, Number: 16, Boolean: 17,
  Array: 18, Object: 19, Key: 20, Null: 21, EnumMember: 22, Struct: 23, Event: 24, Operator: 25, TypeParameter: 26,
} as const satisfies typeof lsp.SymbolKind;
export type SymbolKind = lsp.SymbolKind;

export interface DocumentLink extends lsp.DocumentLink {
  target: string;
}
