/**
 * The editor features: each LSP request is handed to the language service for the snapshot of
 * the document it names. Unknown documents and failures answer empty; cancellation answers the
 * LSP cancellation error.
 */
import { CodeActionKind, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentInput, WhfbLanguageService } from '../service/api';
import type { Diagnostic } from '../service/protocolTypes';
import { runCancellable } from './cancellation';
import { toInput } from './documentInput';
import { guardRequest } from './guard';
import { POLICY_SUMMARY_REQUEST, type PolicySummaryParams } from './protocol';

export function registerRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: WhfbLanguageService): void {
  const console = connection.console;
  /** The service's result types are structurally the LSP ones; `never` lets them through unchanged. */
  const snapshot = (uri: string): TextDocumentInput | undefined => {
    const document = documents.get(uri);
    return document ? toInput(document) : undefined;
  };

  connection.onCompletion(guardRequest(console, 'completion', null, async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return null;
    return runCancellable(token, (signal) => service.complete(input, params.position, signal) as never);
  }));

  connection.onHover(guardRequest(console, 'hover', null, async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return null;
    return runCancellable(token, (signal) => service.hover(input, params.position, signal) as never);
  }));

  connection.onCodeAction(guardRequest(console, 'codeAction', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input || !wantsQuickFixes(params.context.only)) return [];
    const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === 'whfb') as unknown as Diagnostic[];
    return runCancellable(token, (signal) => service.codeActions(input, params.range, ours, signal) as never);
  }));

  connection.onDocumentSymbol(guardRequest(console, 'documentSymbol', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.documentSymbols(input) as never);
  }));

  connection.onDocumentLinks(guardRequest(console, 'documentLink', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.documentLinks(input) as never);
  }));

  connection.onFoldingRanges(guardRequest(console, 'foldingRange', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.foldingRanges(input) as never);
  }));

  connection.onRequest(POLICY_SUMMARY_REQUEST, guardRequest(console, POLICY_SUMMARY_REQUEST, null, async (params: PolicySummaryParams, token: CancellationToken) => {
    const input = typeof params?.uri === 'string' ? snapshot(params.uri) : undefined;
    if (!input) return null;
    return runCancellable(token, () => service.policySummary(input) ?? null);
  }));
}

/** Quick fixes are the only actions offered; a client asking for other kinds gets none. */
function wantsQuickFixes(only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === '');
}
