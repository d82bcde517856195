/**
 * The language server in a web worker (VS Code for the Web: vscode.dev, github.dev), the entry of
 * dist/web/server.js. The same wiring as the Node server (startServer.ts) and the same language
 * service, over the worker's message port instead of IPC. What needs a file system is absent:
 * the repository configuration (.whfbrc.json) is not read, so the editor's `whfb.*` settings
 * alone decide severities. The build (scripts/build.mjs) fails if a Node API reaches this bundle.
 */
import './workerTimers';
import * as l10n from '@vscode/l10n';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, MessageType, ShowMessageNotification } from 'vscode-languageserver/browser';
import { getLanguageService } from '../service/languageService';
import { DeferredLanguageService } from './deferredService';
import { describeError } from './guard';
import { startServer } from './startServer';

/** The worker's global scope; typed loosely here, the project compiles without the DOM library. */
interface WorkerErrorEvent { error?: unknown; reason?: unknown; message?: string; preventDefault(): void }
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];
const scope = self as { addEventListener(type: 'error' | 'unhandledrejection', listener: (event: WorkerErrorEvent) => void): void };

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const log = (message: string): void => connection.console.error(message);

// The worker's counterpart of processGuards.ts: a bug in one handler is logged and the worker keeps
// serving. There is no process to end; the client terminates the worker when it stops.
scope.addEventListener('error', (event) => {
  log(`whfb: uncaught exception: ${describeError(event.error ?? event.message)}`);
  event.preventDefault();
});
scope.addEventListener('unhandledrejection', (event) => {
  log(`whfb: unhandled rejection: ${describeError(event.reason)}`);
  event.preventDefault();
});

// One script: the service is bundled in (a worker cannot require a second file the way dist/server.js does).
const service = new DeferredLanguageService(() => getLanguageService(undefined, { log }), (error) => {
  log(`whfb: the language service could not be loaded: ${describeError(error)}`);
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Error,
    message: l10n.t('WHfB Policy Tools: the language server could not load its checks, so policies are not validated. Reload the window; the "WHfB Policy Tools" output has the details.'),
  });
});

startServer(connection, service, { initialized: () => service.warmUp() });
