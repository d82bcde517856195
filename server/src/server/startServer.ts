/**
 * Wires the language service to an LSP connection: capabilities, documents (incremental sync),
 * settings, push or pull diagnostics, the feature requests and the custom summary messages.
 * Nothing here knows WHfB; it only moves data between the client and the service.
 */
import type { ClientCapabilities, Connection, InitializeResult } from 'vscode-languageserver/node';
import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind } from './lspRuntime';
import { version } from '../../../package.json';
import type { TextDocumentInput, WhfbLanguageService } from '../service/api';
import type { Diagnostic } from '../lsp/protocolTypes';
import { editableDocuments, type EditableDocument, type TextSplice } from './editableDocument';
import { describeError, guardNotification } from './guard';
import { markShutdownRequested } from './lifecycle';
import { POLICY_SUMMARY_CHANGED_NOTIFICATION, type PolicySummaryParams } from './protocol';
import { registerPullDiagnostics } from './pullDiagnostics';
import { PushDiagnostics, type ValidationHost } from './pushDiagnostics';
import { QuietPeriod } from './quietPeriod';
import { TypingGuard } from './typingGuard';
import { registerRequests } from './requests';
import { settingsFromInitializationOptions, toServerSettings, type ServerSettings } from './settings';
import { SettingsStore } from './settingsStore';
import { applyFileRules, applyFileRulesToSummary, CONFIG_FILE_NAMES, isIgnored, withoutProblems } from '../config/repoConfig';
import type { LoadedConfig } from '../config/findConfig';
import type { WorkspaceFiles } from './workspaceFiles';
import { WorkspaceSync } from './workspaceSync';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION, EFFECTIVE_CONFIGURATION_REQUEST } from '../../../shared/protocol';
import { messageBundleFromInitializationOptions, useMessageBundle } from './messageBundle';

export const COMPLETION_TRIGGER_CHARACTERS = ['/', ':', ' ', '"'];

interface ClientSupport {
  configuration: boolean;
  configurationChangeRegistration: boolean;
  pullDiagnostics: boolean;
  /** The client pulls workspace diagnostics too (workspace/diagnostic), as vscode-languageclient does. */
  workspacePull: boolean;
  diagnosticsRefresh: boolean;
  watchedFilesRegistration: boolean;
}

function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  return {
    configuration: capabilities.workspace?.configuration === true,
    configurationChangeRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    workspacePull: capabilities.textDocument?.diagnostic !== undefined && capabilities.workspace?.diagnostics !== undefined,
    diagnosticsRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}

/**
 * The repository configuration (.whfbrc.json) of documents: read from the file system by the Node
 * server (repoConfigs.ts). This module stays free of Node APIs: it is also the web worker's wiring
 * (web/workerServer.ts), which has no file system and passes none.
 */
export interface RepositoryConfigSource {
  setWorkspaceFolders(uris: readonly string[]): void;
  forDocument(uri: string): LoadedConfig | undefined;
  /** The document's path relative to the configuration's folder, as its `ignore` globs are written. */
  relativePath(loaded: LoadedConfig, uri: string): string;
  /** A configuration file changed: read them again. */
  changed(): void;
}

export interface ServerHooks {
  /** Runs when the client sends `initialized`, once the settings are asked for (server.ts starts loading the service). */
  initialized?: () => void;
  /** Absent: no repository configuration applies (the editor's settings alone). */
  repoConfigs?: (log: (message: string) => void) => RepositoryConfigSource;
  /** The file system the workspace index reads closed files from (the Node server); none: open documents only. */
  workspaceFiles?: WorkspaceFiles;
  /** How an open document's next text is built from a change (editableDocument.ts); absent: as a rope. */
  textSplice?: TextSplice;
}

export function startServer(connection: Connection, service: WhfbLanguageService, hooks: ServerHooks = {}): void {
  const typing = new TypingGuard();
  // The update hook sees each change's range, which onDidChangeContent does not: the keystroke's place.
  const editable = editableDocuments(hooks.textSplice);
  const documents = new TextDocuments<EditableDocument>({
    create: editable.create,
    update: (document, changes, nextVersion) => {
      typing.changing(document, changes, nextVersion);
      return editable.update(document, changes, nextVersion);
    },
  });
  const settings = new SettingsStore(service);
  const repoConfigs = hooks.repoConfigs?.((message) => connection.console.warn(message));
  let support: ClientSupport = { configuration: false, configurationChangeRegistration: false, pullDiagnostics: false, workspacePull: false, diagnosticsRefresh: false, watchedFilesRegistration: false };
  let sync: WorkspaceSync | undefined;
  // Set at initialize when the client pulls workspace diagnostics and the server indexes the workspace.
  let workspaceDiagnostics: WorkspaceDiagnostics | undefined;
  let folders: string[] = [];
  const ignoredByRepo = (uri: string): boolean => {
    const repo = repoConfigs?.forDocument(uri);
    return !!repo && repo.config.ignore.length > 0 && isIgnored(repo.config, repoConfigs!.relativePath(repo, uri));
  };
  const withRepoRules = (uri: string, diagnostics: Diagnostic[]): Diagnostic[] => {
    const repo = repoConfigs?.forDocument(uri);
    return repo ? applyFileRules(diagnostics, repo.config.rules, settings.inForce.service.ruleSeverity) : diagnostics;
  };

  const host: ValidationHost = {
    connection,
    documents,
    settings,
    validate(input: TextDocumentInput): Diagnostic[] {
      if (service.detectFormat(input) === undefined) return [];
      // The repository's .whfbrc.json: ignored files have no diagnostics; its severities apply
      // under the editor's whfb.rules (which the service already applied).
      if (ignoredByRepo(input.uri)) return [];
      // The open document's text takes its place in the workspace index; cross-file findings follow it.
      sync?.opened(input);
      const diagnostics = [...service.validate(input), ...(sync ? service.crossFileDiagnostics(input.uri) : [])];
      return withRepoRules(input.uri, diagnostics);
    },
    validated(uri: string): void {
      const params: PolicySummaryParams = { uri };
      void connection.sendNotification(POLICY_SUMMARY_CHANGED_NOTIFICATION, params);
    },
  };
  const push = new PushDiagnostics(host, typing);
  const quiet = new QuietPeriod();
  let refreshPending = false;
  /** workspace/diagnostic/refresh, once per turn however many files changed. */
  const refreshSoon = (): void => {
    if (!support.diagnosticsRefresh || refreshPending) return;
    refreshPending = true;
    setImmediate(() => {
      refreshPending = false;
      void connection.languages.diagnostics.refresh();
    });
  };
  const closedFileDiagnostics = (uri: string): Diagnostic[] => (ignoredByRepo(uri) ? [] : withRepoRules(uri, service.indexedDiagnostics(uri)));
  if (hooks.workspaceFiles) {
    sync = new WorkspaceSync({
      connection, documents, service, files: hooks.workspaceFiles, closedFileDiagnostics,
      revalidateOpen: (uri) => {
        workspaceDiagnostics?.filesChanged([uri]);
        if (!support.pullDiagnostics) void push.schedule(uri);
        else refreshSoon();
      },
      get closedFilesChanged() {
        return workspaceDiagnostics && ((uris: readonly string[]) => {
          workspaceDiagnostics?.filesChanged(uris);
          // A client that answered requests and waits for news re-pulls on refresh; one with a
          // request open hears of the change through it.
          if (!workspaceDiagnostics?.waiting) refreshSoon();
        });
      },
      indexChanged: () => void connection.sendNotification(EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION),
      indexingEnded: () => workspaceDiagnostics?.wake(),
    });
  }
  const fileName = (uri: string): string => {
    const folder = folders.find((item) => uri.startsWith(`${item.replace(/\/$/, '')}/`));
    const name = folder ? uri.slice(folder.replace(/\/$/, '').length + 1) : uri.slice(uri.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  };
  /** Applies the workspace settings and (re)indexes the workspace. */
  const indexWorkspace = async (): Promise<void> => {
    if (!sync) return;
    const inForce = settings.inForce;
    let filesExclude: string[] = [];
    if (support.configuration) {
      try {
        const raw = await connection.workspace.getConfiguration('files.exclude') as unknown;
        if (raw && typeof raw === 'object') filesExclude = Object.entries(raw as Record<string, unknown>).filter(([, on]) => on === true).map(([glob]) => glob);
      } catch {
        // No files.exclude from this client: nothing more is excluded.
      }
    }
    sync.configure({ enabled: inForce.workspace, exclude: inForce.exclude, filesExclude, maxFileSizeBytes: inForce.service.maxFileSizeBytes, maxFiles: inForce.service.maxIndexedFiles });
    await sync.indexAll();
  };

  const fetchSettings = async (): Promise<ServerSettings> => toServerSettings(await connection.workspace.getConfiguration('whfb'));
  const logSettingsError = (error: unknown) => connection.console.error(`whfb: reading settings failed: ${describeError(error)}`);

  const revalidateOpenDocuments = (): void => {
    // Settings or a repository configuration changed: every closed file's result id moved with the generation.
    workspaceDiagnostics?.wake();
    if (!support.pullDiagnostics) push.scheduleAllOpen();
    else if (support.diagnosticsRefresh) connection.languages.diagnostics.refresh();
  };

  connection.onInitialize((params): InitializeResult => {
    useMessageBundle(messageBundleFromInitializationOptions(params.initializationOptions));
    support = clientSupport(params.capabilities);
    folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    repoConfigs?.setWorkspaceFolders(folders);
    sync?.setFolders(folders);
    void settings.update(Promise.resolve(settingsFromInitializationOptions(params.initializationOptions)), logSettingsError);
    if (sync && support.workspacePull) {
      workspaceDiagnostics = new WorkspaceDiagnostics({
        connection, settings, closedFileDiagnostics,
        isOpen: (uri) => documents.get(uri) !== undefined,
        indexedFiles: () => service.indexedFiles(),
        indexing: () => sync?.indexing ?? false,
      });
      workspaceDiagnostics.register();
    }
    if (support.pullDiagnostics) {
      registerPullDiagnostics(host, quiet, typing, () => { if (support.diagnosticsRefresh) connection.languages.diagnostics.refresh(); }, {
        generationOf: (uri) => workspaceDiagnostics?.generationOf(uri) ?? 0,
        closedFileDiagnostics: (uri) => (sync && service.indexedFiles().includes(uri) ? closedFileDiagnostics(uri) : undefined),
      });
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        // interFileDependencies stays false: the server sends workspace/diagnostic/refresh when a partner file changes.
        ...(support.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: workspaceDiagnostics !== undefined } } : {}),
      },
      serverInfo: { name: 'whfb-language-server', version },
    };
  });

  connection.onInitialized(guardNotification(connection.console, 'initialized', async () => {
    // Ask for the settings first: requests arriving meanwhile wait for them (SettingsStore.ready).
    const updated = support.configuration ? settings.update(fetchSettings(), logSettingsError) : Promise.resolve(false);
    hooks.initialized?.();
    if (support.configurationChangeRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'whfb' });
    }
    if (sync && support.watchedFilesRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,yaml,yml,xml}' }] });
    }
    if (await updated) revalidateOpenDocuments();
    await settings.ready();
    await indexWorkspace();
  }));

  connection.onDidChangeConfiguration(guardNotification(connection.console, 'didChangeConfiguration', async (params) => {
    let pending: Promise<ServerSettings>;
    if (support.configuration) {
      pending = fetchSettings();
    } else {
      // Without workspace/configuration the payload is all we get; one without our section changes nothing.
      const section = (params.settings as { whfb?: unknown } | null | undefined)?.whfb;
      if (section === undefined) return;
      pending = Promise.resolve(toServerSettings(section));
    }
    if (await settings.update(pending, logSettingsError)) {
      revalidateOpenDocuments();
      await indexWorkspace();
    }
  }));

  // The client watches .whfbrc.json / whfb.config.json (client/src/languageClient.ts).
  connection.onDidChangeWatchedFiles(guardNotification(connection.console, 'didChangeWatchedFiles', async (params) => {
    // Configuration first and at once: a diagnostic request right after this notification must see it.
    if (repoConfigs && params.changes.some((change) => isConfigFile(change.uri))) {
      repoConfigs.changed();
      settings.invalidate();
      revalidateOpenDocuments();
    }
    await sync?.filesChanged(params.changes);
  }));

  documents.onDidOpen(guardNotification(connection.console, 'didOpen', (event) => quiet.opened(event.document.uri)));
  // TextDocuments reports an open as a content change too: one schedule covers both.
  documents.onDidChangeContent(guardNotification(connection.console, 'didChange', (event) => {
    quiet.changed(event.document.uri);
    if (!support.pullDiagnostics) void push.schedule(event.document.uri);
  }));
  documents.onDidClose(guardNotification(connection.console, 'didClose', (event) => {
    if (!support.pullDiagnostics) push.clear(event.document.uri);
    quiet.closed(event.document.uri);
    typing.closed(event.document.uri);
    service.forget(event.document.uri);
    void sync?.closed(event.document.uri);
  }));

  // The settings view's workspace mode: per setting, the value each indexed file sets and which applies.
  connection.onRequest(EFFECTIVE_CONFIGURATION_REQUEST, () => service.effectiveConfiguration(fileName));

  // Requests after this one are refused (guardRequest); a second shutdown is one of them.
  connection.onShutdown(() => {
    sync?.cancel();
    workspaceDiagnostics?.dispose();
    markShutdownRequested();
  });

  registerRequests(connection, documents, service, {
    adjustSummary: (summary) => {
      if (ignoredByRepo(summary.uri)) return withoutProblems(summary);
      const repo = repoConfigs?.forDocument(summary.uri);
      return repo ? applyFileRulesToSummary(summary, repo.config.rules, settings.inForce.service.ruleSeverity) : summary;
    },
  });
  documents.listen(connection);
  connection.listen();
}

/** Whether a watched-file event concerns a configuration file. */
function isConfigFile(uri: string): boolean {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}
