/**
 * stateLocation.ts for VS Code for the Web: the state file is in the first workspace folder of any
 * scheme (github.dev's vscode-vfs, memfs, ...), read and written through vscode.workspace.fs
 * (workspaceStateFs.ts). Paths are the URI's POSIX paths. A browser knows no OS user, so ticks
 * record no author.
 */
import * as vscode from 'vscode';
import type { StateFs } from './stateFs';
import { WorkspaceStateFs } from './workspaceStateFs';

export function checklistFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

export function folderPath(folder: vscode.WorkspaceFolder): string {
  return folder.uri.path;
}

export function fileUri(folder: vscode.WorkspaceFolder, path: string): vscode.Uri {
  return folder.uri.with({ path });
}

export function stateFsFor(folder: vscode.WorkspaceFolder): StateFs {
  return new WorkspaceStateFs(folder.uri);
}

export function userName(): string | undefined {
  return undefined;
}
