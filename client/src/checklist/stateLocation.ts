/**
 * Where the checklist state file is and how it is read and written, on the desktop: a file on disk
 * in the first workspace folder of the `file` scheme, through Node's file system (stateFs.ts), with
 * the OS user as the author of ticks. The web build puts stateLocation.web.ts in place of this module.
 */
import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import { nodeStateFs, type StateFs } from './stateFs';

/** The folder whose state file is used; none: progress is kept in memory only. */
export function checklistFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file');
}

/** The folder as a path the store and stateFilePath.ts work with. */
export function folderPath(folder: vscode.WorkspaceFolder): string {
  return folder.uri.fsPath;
}

/** The URI of a path under the folder (to open the file, to watch it). */
export function fileUri(_folder: vscode.WorkspaceFolder, path: string): vscode.Uri {
  return vscode.Uri.file(path);
}

export function stateFsFor(_folder: vscode.WorkspaceFolder): StateFs {
  return nodeStateFs;
}

/** The OS account name, recorded as who ticked an item. */
export function userName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}
