/**
 * Which policy document the views describe, and its summary from the server
 * (`whfb/policySummary`). The server announces new results with `whfb/policySummaryChanged`;
 * the client never computes a summary itself.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PolicySummary } from '../../shared/protocol';
import { POLICY_SUMMARY_CHANGED_NOTIFICATION, POLICY_SUMMARY_REQUEST, type PolicySummaryParams } from '../../shared/protocol';
import { POLICY_LANGUAGES, servesScheme } from './languageClient';

function isCandidate(document: vscode.TextDocument): boolean {
  return servesScheme(document.uri.scheme) && (POLICY_LANGUAGES as readonly string[]).includes(document.languageId);
}

function isOpenInTab(uri: vscode.Uri): boolean {
  const target = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) return input.uri.toString() === target;
      if (input instanceof vscode.TabInputTextDiff) return input.modified.toString() === target || input.original.toString() === target;
      return false;
    }));
}

export class ActivePolicyTracker implements vscode.Disposable {
  private summary: PolicySummary | undefined;
  private document: vscode.TextDocument | undefined;
  private sequence = 0;
  private readonly emitter = new vscode.EventEmitter<PolicySummary | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: LanguageClient, private readonly ready: Promise<void>) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isCandidate(editor.document)) void this.refresh(editor.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.set(undefined, undefined);
      }),
      // A closed editor's document stays loaded for a while; the views follow the tabs instead.
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (this.document && !isOpenInTab(this.document.uri)) this.set(undefined, undefined);
      }),
      client.onNotification(POLICY_SUMMARY_CHANGED_NOTIFICATION, (params: PolicySummaryParams) => {
        const active = vscode.window.activeTextEditor?.document;
        const target = active && active.uri.toString() === params.uri ? active : this.document?.uri.toString() === params.uri ? this.document : undefined;
        if (target) void this.refresh(target);
      }),
    );
    const active = vscode.window.activeTextEditor?.document;
    if (active && isCandidate(active)) void this.refresh(active);
  }

  get current(): PolicySummary | undefined {
    return this.summary;
  }

  get currentDocument(): vscode.TextDocument | undefined {
    return this.document;
  }

  /** Asks the server for the summary of `document` (default: the active editor's). */
  async refresh(document = vscode.window.activeTextEditor?.document): Promise<PolicySummary | undefined> {
    if (!document || !isCandidate(document)) return this.summary;
    const sequence = ++this.sequence;
    let summary: PolicySummary | undefined;
    try {
      await this.ready;
      const params: PolicySummaryParams = { uri: this.client.code2ProtocolConverter.asUri(document.uri) };
      summary = (await this.client.sendRequest<PolicySummary | null>(POLICY_SUMMARY_REQUEST, params)) ?? undefined;
    } catch {
      // The server is not running or restarting: the views keep what they show, the status bar says why.
      return this.summary;
    }
    // A newer request (another editor, a newer version) has the last word.
    if (sequence !== this.sequence) return this.summary;
    if (summary) this.set(document, summary);
    else if (document === this.document) this.set(undefined, undefined);
    return this.summary;
  }

  private set(document: vscode.TextDocument | undefined, summary: PolicySummary | undefined): void {
    this.document = document;
    this.summary = summary;
    void vscode.commands.executeCommand('setContext', 'whfb.hasPolicy', summary !== undefined);
    this.emitter.fire(summary);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
