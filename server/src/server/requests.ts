/**
 * The editor features: each LSP request is handed to the language service for the snapshot of
 * the document it names. Unknown documents and failures answer empty; cancellation answers the
 * LSP cancellation error.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { CodeActionKind } from './lspRuntime';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentInput, WhfbLanguageService } from '../service/api';
import { runCancellable } from './cancellation';
import { toInput } from './documentInput';
import { guardRequest } from './guard';
import {
  CATALOG_ITEMS_REQUEST, CHECKLISTS_REQUEST, PLAN_INSERT_SETTING_REQUEST, POLICY_SUMMARY_REQUEST, POLICY_TEMPLATE_REQUEST, REFERENCE_AT_REQUEST,
  type DocumentText, type PlanInsertSettingParams, type PolicySummary, type PolicySummaryParams, type PolicyTemplateParams, type ReferenceAtParams,
} from './protocol';

export interface RequestHooks {
  /** The summary as the repository's configuration has it (its severities, its ignored files). */
  adjustSummary?: (summary: PolicySummary) => PolicySummary;
}

export function registerRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: WhfbLanguageService, hooks: RequestHooks = {}): void {
  const console = connection.console;
  /** The service's result types are LSP types (lsp/protocolTypes.ts): tsc checks each handler's answer. */
  const snapshot = (uri: string): TextDocumentInput | undefined => {
    const document = documents.get(uri);
    return document ? toInput(document) : undefined;
  };

  connection.onCompletion(guardRequest(console, 'completion', null, async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return null;
    return runCancellable(token, (signal) => service.complete(input, params.position, signal));
  }));

  connection.onHover(guardRequest(console, 'hover', null, async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return null;
    return runCancellable(token, (signal) => service.hover(input, params.position, signal));
  }));

  connection.onCodeAction(guardRequest(console, 'codeAction', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input || !wantsQuickFixes(params.context.only)) return [];
    const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === 'whfb');
    return runCancellable(token, (signal) => service.codeActions(input, params.range, ours, signal));
  }));

  connection.onDocumentSymbol(guardRequest(console, 'documentSymbol', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.documentSymbols(input));
  }));

  connection.onDocumentLinks(guardRequest(console, 'documentLink', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.documentLinks(input));
  }));

  connection.onFoldingRanges(guardRequest(console, 'foldingRange', [], async (params, token) => {
    const input = snapshot(params.textDocument.uri);
    if (!input) return [];
    return runCancellable(token, () => service.foldingRanges(input));
  }));

  connection.onRequest(POLICY_SUMMARY_REQUEST, guardRequest(console, POLICY_SUMMARY_REQUEST, null, async (params: PolicySummaryParams, token: CancellationToken) => {
    const input = typeof params?.uri === 'string' ? snapshot(params.uri) : undefined;
    if (!input) return null;
    return runCancellable(token, () => {
      const summary = service.policySummary(input);
      if (!summary) return null;
      return hooks.adjustSummary ? hooks.adjustSummary(summary) : summary;
    });
  }));

  // The commands' requests. Params come from another process: their shape is checked, never assumed.
  connection.onRequest(CATALOG_ITEMS_REQUEST, guardRequest(console, CATALOG_ITEMS_REQUEST, [], async () => service.catalogItems()));

  connection.onRequest(PLAN_INSERT_SETTING_REQUEST, guardRequest(console, PLAN_INSERT_SETTING_REQUEST, null, async (params: PlanInsertSettingParams) => {
    if (!isDocumentText(params?.document) || typeof params.offset !== 'number' || typeof params.path !== 'string') return null;
    return service.planInsertSetting(params);
  }));

  connection.onRequest(REFERENCE_AT_REQUEST, guardRequest(console, REFERENCE_AT_REQUEST, [], async (params: ReferenceAtParams) => {
    if (params && 'setting' in params && typeof params.setting?.written === 'string') {
      return service.referenceLinksForSetting({ written: params.setting.written, ...(typeof params.setting.path === 'string' ? { path: params.setting.path } : {}) });
    }
    if (!params || !('document' in params) || !isDocumentText(params.document) || typeof params.position?.line !== 'number' || typeof params.position.character !== 'number') return [];
    const { document, position } = params;
    try {
      return service.referenceLinksAt(document, position);
    } finally {
      // A document the server does not synchronise is not kept in the parse cache.
      if (!documents.get(document.uri)) service.forget(document.uri);
    }
  }));

  connection.onRequest(CHECKLISTS_REQUEST, guardRequest(console, CHECKLISTS_REQUEST, null, async () => service.checklists()));

  connection.onRequest(POLICY_TEMPLATE_REQUEST, guardRequest(console, POLICY_TEMPLATE_REQUEST, null, async (params: PolicyTemplateParams) => {
    return typeof params?.model === 'string' ? service.policyTemplate(params.model) ?? null : null;
  }));
}

function isDocumentText(value: unknown): value is DocumentText {
  const document = value as Partial<DocumentText> | undefined;
  return typeof document?.uri === 'string' && typeof document.languageId === 'string' && typeof document.version === 'number' && typeof document.text === 'string';
}

/** Quick fixes are the only actions offered; a client asking for other kinds gets none. */
function wantsQuickFixes(only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === '');
}
