/**
 * What the server needs from a file system to index the workspace: the policy candidates under
 * the workspace folders, and a file's text. The Node server passes nodeWorkspaceFiles.ts; an
 * entry without a file system (the browser) passes none and the server checks open documents only.
 */
export interface WorkspaceFiles {
  /**
   * Files under the folders (file: uris) whose names a policy may have (.json, .yaml, .yml, .xml),
   * skipping node_modules and .git and what `isExcluded` says (relative path with forward slashes,
   * for files and folders). At most `limit`; `truncated` says there were more.
   */
  list(folders: readonly string[], isExcluded: (folder: string, relativePath: string) => boolean, limit: number, signal: { readonly cancelled: boolean }): Promise<{ uris: string[]; truncated: boolean }>;
  /** The file's text as the editor would show it, or undefined when it cannot be read or is over `maxBytes`. */
  read(uri: string, maxBytes: number): Promise<string | undefined>;
}
