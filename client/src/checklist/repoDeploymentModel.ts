/**
 * The default deployment model of the repository configuration (`deploymentModel` in the
 * workspace folder's .whfbrc.json or whfb.config.json): what the checklist shows when no policy
 * file selects a model, nothing was chosen and the whfb.deploymentModel setting is empty (the
 * setting wins). Read as JSON data through vscode.workspace.fs, again whenever a file changes.
 */
import * as vscode from 'vscode';
import type { DeploymentModelId } from '../../../shared/checklists';
import { CONFIG_FILE_NAMES, deploymentModelInConfig } from '../../../shared/repoConfigFile';
import { REPO_CONFIG_GLOB } from '../languageClient';

export class RepoDeploymentModel implements vscode.Disposable {
  private current: DeploymentModelId | undefined;
  private reading = 0;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly onDidChange = this.emitter.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(REPO_CONFIG_GLOB);
    const reload = () => void this.reload();
    this.disposables.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload));
    void this.reload();
  }

  get model(): DeploymentModelId | undefined {
    return this.current;
  }

  /** The first workspace folder whose configuration names a model decides. */
  private async reload(): Promise<void> {
    const request = ++this.reading;
    let found: DeploymentModelId | undefined;
    search: for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const name of CONFIG_FILE_NAMES) {
        let text: string;
        try {
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name)));
        } catch {
          continue; // no such file: the next name or folder
        }
        found = deploymentModelInConfig(text);
        if (found) break search;
        break; // the folder's first file is its configuration, with or without a model
      }
    }
    if (request !== this.reading || found === this.current) return;
    this.current = found;
    this.emitter.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
