/**
 * The floor for cold start: a vscode-languageserver server that does nothing but answer
 * initialize. The bench bundles it with esbuild like dist/server.js, so both pay the same
 * module-loading cost, and "cold start <= 1.2x bare server" compares like with like.
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: {}, hoverProvider: true },
}));
connection.listen();
