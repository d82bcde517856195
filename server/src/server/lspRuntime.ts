/**
 * The values the server takes from vscode-languageserver/node, imported in this one module.
 * The package is CommonJS: the bundle gives every module that imports it a namespace copy of its
 * ~300 exports (esbuild's `__toESM`, about 1 ms each at start-up, on the way to `initialize`),
 * so the server's modules import its values from here and only its types from the package.
 */
export {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind, ErrorCodes, LSPErrorCodes, MessageType, ProposedFeatures, ResponseError,
  ShowMessageNotification, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
