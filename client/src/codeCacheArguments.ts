/**
 * The server keeps a V8 code cache of its language service in the extension's own global storage
 * (server/src/server/codeCache.ts reads `--code-cache-dir=`), so a later start compiles less.
 * Only a directory on disk; without one the server loads the service as it is and writes nothing.
 * Node only: the web worker gets no command line (languageClient.web.ts).
 */
export function codeCacheArguments(globalStorage: { scheme: string; fsPath: string }): string[] {
  return globalStorage.scheme === 'file' ? [`--code-cache-dir=${globalStorage.fsPath}`] : [];
}
