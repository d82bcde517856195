/**
 * The language server: `node dist/server.js --stdio`. LSP transport only; everything the
 * server knows comes from the language service.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { getLanguageService } from './service/languageService';
import { describeError } from './server/guard';
import { startServer } from './server/startServer';

const connection = createConnection(ProposedFeatures.all);

// A bug in one handler must not end the session: log it and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`whfb: uncaught exception: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`whfb: unhandled rejection: ${describeError(reason)}`));

startServer(connection, getLanguageService(undefined, { log: (message) => connection.console.error(message) }));
