/**
 * The workspace's effective WHfB configuration, from the server's workspace index
 * (`whfb/effectiveConfiguration`): per setting, the value each policy file sets and which applies.
 * Asked again when the server says it changed; the client computes none of it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EffectiveConfiguration } from '../../shared/protocol';
import { EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION, EFFECTIVE_CONFIGURATION_REQUEST } from '../../shared/protocol';

export class WorkspaceConfigurationTracker implements vscode.Disposable {
  private configuration: EffectiveConfiguration | undefined;
  private sequence = 0;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<void>) {
    this.disposables.push(client.onNotification(EFFECTIVE_CONFIGURATION_CHANGED_NOTIFICATION, () => void this.refresh()));
    void this.refresh();
  }

  /** The last answer; undefined until the server has answered (or when it cannot). */
  get current(): EffectiveConfiguration | undefined {
    return this.configuration;
  }

  async refresh(): Promise<EffectiveConfiguration | undefined> {
    const sequence = ++this.sequence;
    try {
      await this.ready;
      const answer = await this.client.sendRequest<EffectiveConfiguration | null>(EFFECTIVE_CONFIGURATION_REQUEST);
      // A newer request has the last word.
      if (sequence !== this.sequence) return this.configuration;
      this.configuration = answer ?? undefined;
      this.emitter.fire();
    } catch {
      // The server is not running or restarting: keep what was shown.
    }
    return this.configuration;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
