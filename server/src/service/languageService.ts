/**
 * The facade: detect -> adapter -> model (one parse per document version, shared by every request)
 * -> rules -> diagnostics, and the editor features on the same model. Every entry point catches
 * what goes wrong inside and answers "nothing" rather than crash the server or the CLI.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { getCatalog } from '../catalog/catalog';
import { codeActionsFor } from '../features/codeActions';
import { completionsAt } from '../features/completion';
import { documentLinksFor } from '../features/documentLinks';
import { documentSymbolsFor } from '../features/documentSymbols';
import { foldingRangesFor } from '../features/foldingRanges';
import { hoverAt } from '../features/hover';
import { summarizePolicy } from '../features/policySummary';
import { allChecklists } from '../features/checklistInfo';
import { catalogItems, planInsertSetting } from '../features/insertSettingPlan';
import { linksInMarkdown } from '../features/lineReferences';
import { policyTemplate } from '../features/policyTemplates';
import { referenceLinksForSetting, referenceLinksInLine } from '../features/referenceLinks';
import type { FormatAdapter } from '../formats/adapter';
import { describeFailure, detectFormat, type Detected } from '../formats/detect';
import { renderFixes } from '../formats/fixRendering';
import { finding } from '../model/findings';
import { RuleMemo, runRules } from '../rules/runRules';
import type { Finding, Fix, PolicyModel } from '../model/types';
import {
  DEFAULT_SETTINGS,
  type CancellationSignal,
  type LanguageServiceSettings,
  type PolicySummary,
  type TextDocumentInput,
  type WhfbLanguageService,
} from './api';
import { DocumentCache } from './documentCache';
import { lazyLines, type ParsedDocument } from '../formats/parsedDocument';
import { guardInput } from './inputGuards';
import type { ClientDiagnostic, CodeAction, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range } from '../lsp/protocolTypes';
import { toDiagnostic } from './toProtocol';
import type { LineIndex } from '../model/lineIndex';
import { lineStartsOf } from '../model/lineStarts';
import { ListMemo } from './listMemo';
import { WorkspaceIndex } from './workspaceIndex';
import { effectiveConfiguration } from '../rules/crossFile/effectiveConfiguration';
import { lastSegment } from '../rules/crossFile/crossFileState';
import { fileFacts, portableFacts, positionsOf, type LocalFileFacts } from '../rules/crossFile/facts';
import { settingGroup } from '../features/policySummary';
import type { EffectiveConfiguration } from '../../../shared/protocol';

export interface LanguageServiceOptions {
  /** Where unexpected failures are reported (the server's output channel, the CLI's stderr). */
  log?: (message: string) => void;
  /** A catalog other than the generated one (tests). */
  catalog?: CatalogIndex;
  /** Format adapters other than the registered ones (tests inject a failing detector). */
  adapters?: readonly FormatAdapter[];
  /** How cross-file messages name a file (the CLI: its path as given; default: the uri's last segment). */
  fileName?: (uri: string) => string;
}

/**
 * A failure inside the tool is an internal error for that file: logged, and a diagnostic at the top
 * of the file says it was not checked, so the editor never shows a clean file and the CLI counts an error.
 */
function internalErrorFinding(what: string, error: unknown) {
  return {
    ...finding('WHFB003', { start: 0, end: 0 },
      l10n.t('WHfB Policy Tools could not check this file: {0} failed with an internal error ({1}). Nothing in the file was checked; the details are in the WHfB output log. Please report this.', what, describeFailure(error))),
    severity: 'error' as const,
  };
}

const EMPTY_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

/**
 * Fixes that stand on their own setting's text: the same finding (the same setting object, which
 * the incremental parse keeps only while its entry's text is unchanged) renders the same edit.
 * Fixes that read the whole model (add a setting, set the tenant id) are rendered every time.
 */
const SETTING_LOCAL_FIXES: ReadonlySet<string> = new Set(['set-value', 'set-type', 'correct-path', 'use-successor', 'use-tenant-placeholder', 'set-group-policy-state', 'rename-group-policy']);

/** A version's line layout: the same object while the line starts (and the text's length) stay the same. */
interface LineLayout { starts: Uint32Array; length: number }

function sameStarts(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Work per finding, reused for the same finding object: the rules hand back the same findings for
 * the settings an edit did not touch (rules/runRules.ts), so a 10,000-setting file with thousands
 * of findings converts only what changed (issue 16). One per open document, holding only what its
 * last version used (service/listMemo.ts: the last list and what was made for it; weak maps keyed
 * by short-lived findings kept every edit's garbage alive until a full collection).
 */
const MAX_DOCUMENT_MEMOS = 8;

class DocumentMemo {
  readonly rules = new RuleMemo();
  private fixes = new ListMemo<Finding, Finding>();
  private layout: LineLayout | undefined;
  private diagnostics = new ListMemo<Finding, Diagnostic>();

  renderFixes(list: readonly Finding[], render: (item: Finding) => Finding): Finding[] {
    return this.fixes.map(list, (item) => (item.fix ? render(item) : item), (item) => !item.fix || SETTING_LOCAL_FIXES.has(item.fix.kind));
  }

  diagnosticsOf(findings: readonly Finding[], uri: string, lines: () => LineIndex, text: string): Diagnostic[] {
    const starts = lineStartsOf(text).starts;
    const same = this.layout !== undefined && this.layout.length === text.length && sameStarts(this.layout.starts, starts);
    this.layout = { starts, length: text.length };
    return this.diagnostics.map(findings, (item) => toDiagnostic(item, uri, lines()), () => true, same);
  }
}

export function getLanguageService(settings?: Partial<LanguageServiceSettings>, options: LanguageServiceOptions = {}): WhfbLanguageService {
  let current: LanguageServiceSettings = { ...DEFAULT_SETTINGS, ...settings, ruleSeverity: { ...(settings?.ruleSeverity ?? {}) } };
  let generation = 0;
  const cache = new DocumentCache();
  const memos = new Map<string, DocumentMemo>();
  // The documents validated last (the ones being edited), not every indexed file: memory stays bounded.
  const memoOf = (uri: string): DocumentMemo => {
    let memo = memos.get(uri);
    if (memo) memos.delete(uri);
    else memo = new DocumentMemo();
    memos.set(uri, memo);
    if (memos.size > MAX_DOCUMENT_MEMOS) memos.delete(memos.keys().next().value as string);
    return memo;
  };
  const log = options.log ?? (() => undefined);
  let catalog: CatalogIndex | undefined = options.catalog;
  const getCatalogOnce = (): CatalogIndex => (catalog ??= getCatalog());
  /**
   * The last detection: the server asks detectFormat before it validates, whfb-lint before it
   * checks, and the workspace index before it parses, and each then parses the same text, which
   * detects again (4-8 ms for a 5 MB export: detectors search the whole text).
   */
  let lastDetection: { uri: string; languageId: string | undefined; text: string; detected: Detected | undefined } | undefined;
  const detect = (doc: TextDocumentInput): Detected | undefined => {
    const last = lastDetection;
    if (last && last.uri === doc.uri && last.languageId === doc.languageId && last.text === doc.text) return last.detected;
    const detected = detectFormat({ uri: doc.uri, languageId: doc.languageId, text: doc.text }, options.adapters);
    lastDetection = { uri: doc.uri, languageId: doc.languageId, text: doc.text, detected };
    if (detected?.failure !== undefined) {
      const error = detected.failure;
      log(`whfb: detecting the format of ${doc.uri} failed (${detected.format} detector): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    return detected;
  };

  function safely<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      log(`whfb: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  /** A policy's cross-file facts from its parse, with the positions of the offsets they name; undefined when it is no policy. */
  function localFactsOf(doc: TextDocumentInput): LocalFileFacts | undefined {
    const entry = parsed(doc);
    if (!entry.model) return undefined;
    const lines = entry.lines();
    const facts = fileFacts(doc.uri, entry.model, getCatalogOnce());
    return { facts, positions: positionsOf(facts, (offset) => lines.positionAt(offset)) };
  }

  /** The parsed document for this version: from the cache, or parsed now (incrementally when possible). */
  function parsed(doc: TextDocumentInput): ParsedDocument {
    const cached = cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.text === doc.text) return cached;
    const entry: ParsedDocument = { uri: doc.uri, version: doc.version, text: doc.text, lines: lazyLines(doc.text) };
    const detected = detect(doc);
    if (detected?.failure !== undefined) {
      entry.format = detected.format;
      entry.model = { format: detected.format, text: doc.text, settings: [], groupPolicy: [], findings: [internalErrorFinding(`detecting its format (the ${detected.format} detector)`, detected.failure)] };
    } else if (detected) {
      entry.adapter = detected.adapter;
      entry.format = detected.format;
      const refused = guardInput(doc.text, detected.format, current.maxFileSizeBytes);
      if (refused) {
        entry.model = { format: detected.format, text: doc.text, settings: [], groupPolicy: [], findings: [refused] };
      } else {
        const previous = cached?.format === detected.format && cached.adapter ? cached.model : undefined;
        try {
          entry.model = detected.adapter.parse(doc.text, detected.format, getCatalogOnce(), previous);
        } catch (error) {
          log(`whfb: parsing ${doc.uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          entry.model = { format: detected.format, text: doc.text, settings: [], groupPolicy: [], findings: [internalErrorFinding(`reading it as ${detected.format}`, error)] };
        }
      }
    }
    cache.set(entry);
    return entry;
  }

  function findingsOf(entry: ParsedDocument, signal?: CancellationSignal): Finding[] | undefined {
    if (!entry.model) return [];
    if (entry.findings?.generation === generation) return entry.findings.list;
    const memo = memoOf(entry.uri);
    const list = runRules(entry.model, getCatalogOnce(), {
      ruleSeverity: current.ruleSeverity,
      log,
      isCancelled: () => signal?.isCancellationRequested === true,
      memo: memo.rules,
    });
    if (!list) return undefined;
    // Rules say what would fix a finding; the document's own format writes it (or cannot).
    const adapter = entry.adapter;
    const model = entry.model;
    const renderer = adapter ? (on: PolicyModel, fix: Fix) => adapter.renderFix(on, fix) : undefined;
    const rendered = memo.renderFixes(list, (item) => renderFixes([item], model, renderer, log)[0]);
    entry.findings = { generation, list: rendered };
    return rendered;
  }

  // Closed files are parsed through the same cache as open ones: a file indexed from disk and then
  // validated (or opened with the same text) is parsed once.
  const workspace = new WorkspaceIndex(getCatalogOnce, (doc) => (detect(doc) ? parsed(doc).model : undefined), { maxFiles: current.maxIndexedFiles, nameOf: options.fileName ?? lastSegment });

  const service: WhfbLanguageService = {
    configure(next) {
      const before = current;
      current = { ...current, ...next, ruleSeverity: { ...(next.ruleSeverity ?? current.ruleSeverity) } };
      generation += 1;
      cache.clearFindings();
      if (before.maxIndexedFiles !== current.maxIndexedFiles) workspace.setMaxFiles(current.maxIndexedFiles);
    },

    detectFormat(doc) {
      return safely('detectFormat', undefined, () => detect(doc)?.format);
    },

    validate(doc, signal): Diagnostic[] {
      return safely('validate', [], () => {
        if (!current.enable) return [];
        const entry = parsed(doc);
        if (signal?.isCancellationRequested) return [];
        const findings = findingsOf(entry, signal);
        if (!findings || signal?.isCancellationRequested) return [];
        return memoOf(doc.uri).diagnosticsOf(findings, doc.uri, entry.lines, entry.text);
      });
    },

    complete(doc, position: Position, signal): CompletionList {
      return safely('complete', EMPTY_COMPLETIONS, () => {
        const entry = parsed(doc);
        if (!entry.format || signal?.isCancellationRequested) return EMPTY_COMPLETIONS;
        return completionsAt({ entry, catalog: getCatalogOnce() }, position);
      });
    },

    hover(doc, position: Position, signal): Hover | null {
      return safely('hover', null, () => {
        const entry = parsed(doc);
        if (!entry.format || signal?.isCancellationRequested) return null;
        return hoverAt({ entry, catalog: getCatalogOnce() }, position);
      });
    },

    codeActions(doc, range: Range, diagnostics: readonly ClientDiagnostic[], signal): CodeAction[] {
      return safely('codeActions', [], () => {
        const entry = parsed(doc);
        if (!entry.model || signal?.isCancellationRequested) return [];
        const findings = findingsOf(entry, signal) ?? [];
        return codeActionsFor({ entry, catalog: getCatalogOnce() }, range, diagnostics, findings);
      });
    },

    documentSymbols(doc): DocumentSymbol[] {
      return safely('documentSymbols', [], () => {
        const entry = parsed(doc);
        return entry.model ? documentSymbolsFor(entry.model, entry.lines()) : [];
      });
    },

    documentLinks(doc): DocumentLink[] {
      return safely('documentLinks', [], () => {
        const entry = parsed(doc);
        return entry.model ? documentLinksFor(entry.model, entry.lines(), getCatalogOnce()) : [];
      });
    },

    foldingRanges(doc): FoldingRange[] {
      return safely('foldingRanges', [], () => {
        const entry = parsed(doc);
        return entry.model ? foldingRangesFor(entry.model, entry.lines()) : [];
      });
    },

    policySummary(doc): PolicySummary | undefined {
      return safely('policySummary', undefined, () => {
        const entry = parsed(doc);
        if (!entry.model) return undefined;
        const findings = current.enable ? findingsOf(entry) ?? [] : [];
        return summarizePolicy(doc.uri, entry.model, entry.lines(), findings);
      });
    },

    catalogItems() {
      return safely('catalogItems', [], () => catalogItems(getCatalogOnce()));
    },

    planInsertSetting(params) {
      return safely('planInsertSetting', { error: l10n.t('WHfB: the setting could not be placed (an internal error; the details are in the WHfB output log).') }, () => planInsertSetting(getCatalogOnce(), params));
    },

    referenceLinksAt(doc, position) {
      return safely('referenceLinksAt', [], () => {
        const line = doc.text.split(/\r?\n|\r/)[position.line] ?? '';
        const links = referenceLinksInLine(getCatalogOnce(), line, position.character);
        if (links.length > 0) return links;
        // The line names nothing the catalog knows: the links the hover there shows (a deployment value's guide, say).
        const markdown = service.hover(doc, position)?.contents.value ?? '';
        return linksInMarkdown(markdown).map((link) => ({ kind: 'hover' as const, ...link }));
      });
    },

    referenceLinksForSetting(setting) {
      return safely('referenceLinksForSetting', [], () => referenceLinksForSetting(getCatalogOnce(), setting));
    },

    checklists() {
      return allChecklists();
    },

    policyTemplate(model) {
      return safely('policyTemplate', undefined, () => policyTemplate(model));
    },

    forget(uri) {
      memos.delete(uri);
      // An indexed file keeps its parse (the index needs it for cross-file findings and closed-file diagnostics).
      if (!workspace.has(uri)) cache.delete(uri);
    },

    indexFiles(docs, signal, batch) {
      return safely('indexFiles', { changed: [], refused: [] }, () => workspace.update(docs, signal, batch));
    },

    unindexFiles(uris) {
      return safely('unindexFiles', [], () => {
        const changed = workspace.remove(uris);
        for (const uri of uris) {
          cache.delete(uri);
          memos.delete(uri);
        }
        return changed;
      });
    },

    indexedFiles() {
      return workspace.uris();
    },

    indexedDiagnostics(uri) {
      return safely('indexedDiagnostics', [], () => {
        const file = workspace.file(uri);
        if (!file || !current.enable) return [];
        const own = service.validate({ uri, version: file.version, text: file.model.text });
        return [...own, ...workspace.crossFileDiagnostics(uri, current.ruleSeverity)];
      });
    },

    crossFileDiagnostics(uri) {
      return safely('crossFileDiagnostics', [], () => (current.enable ? workspace.crossFileDiagnostics(uri, current.ruleSeverity) : []));
    },

    crossFileFacts(doc) {
      return safely('crossFileFacts', undefined, () => {
        const local = localFactsOf(doc);
        return local && portableFacts(local, getCatalogOnce());
      });
    },

    localCrossFileFacts(doc) {
      return safely('localCrossFileFacts', undefined, () => localFactsOf(doc));
    },

    effectiveConfiguration(nameOf = options.fileName ?? lastSegment): EffectiveConfiguration {
      return safely('effectiveConfiguration', { files: workspace.size, settings: [] }, () => {
        const entries = effectiveConfiguration(workspace.crossFileState().allFacts(), { catalog: getCatalogOnce(), nameOf });
        return {
          files: workspace.size,
          settings: entries.map((entry) => ({
            path: entry.node.path,
            label: entry.node.name,
            group: settingGroup(entry.node),
            scope: entry.node.scope,
            outcome: entry.outcome,
            ...(entry.winner !== undefined ? { winner: entry.winner } : {}),
            sources: entry.sources.map((source) => ({
              uri: source.uri, file: nameOf(source.uri), channel: source.channel, value: source.value, tenantWide: source.tenantWide,
              range: workspace.file(source.uri)?.lines().range(source.range) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            })),
          })),
        };
      });
    },
  };
  return service;
}
