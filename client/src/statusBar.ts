/**
 * Status bar: the deployment model the checklist shows and the active policy's error count.
 * Click: the Problems panel when there are errors, else the checklist.
 */
import * as vscode from 'vscode';
import type { ActivePolicyTracker } from './activePolicy';
import type { ChecklistController } from './checklist/checklistController';
import { modelProgress, progressText } from './checklist/checklistView';
import { markdownText } from '../../shared/markdownText';

export class PolicyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('whfb.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private serverProblem: string | undefined;

  constructor(private readonly controller: ChecklistController, private readonly policy: ActivePolicyTracker) {
    this.item.name = vscode.l10n.t('WHfB policy');
    this.disposables.push(
      controller.onDidChange(() => this.update()),
      policy.onDidChange(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const document = this.policy.currentDocument;
        if (document && event.uris.some((uri) => uri.toString() === document.uri.toString())) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** Shown when the language server could not start, so the missing diagnostics are explained. */
  setServerProblem(message: string | undefined): void {
    this.serverProblem = message;
    this.update();
  }

  private update(): void {
    const active = this.controller.active;
    const document = this.policy.currentDocument;
    const errors = document
      ? vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'whfb' && d.severity === vscode.DiagnosticSeverity.Error).length
      : 0;
    if (this.serverProblem) {
      this.item.text = '$(warning) WHfB';
      this.item.tooltip = this.serverProblem;
      this.item.command = 'whfb.showOutput';
      this.item.show();
      return;
    }
    if (!active && !document) {
      this.item.hide();
      return;
    }
    const parts = [`$(shield) ${active ? active.checklist.title.replace(/ deployment guide$/i, '') : vscode.l10n.t('WHfB: no model')}`];
    if (document) parts.push(errors ? `$(error) ${errors}` : '$(check)');
    this.item.text = parts.join('  ');
    // The file name is the workspace's, not ours: escaped, and the tooltip renders no HTML.
    const tooltip = new vscode.MarkdownString();
    tooltip.supportHtml = false;
    tooltip.isTrusted = false;
    if (active) {
      const progress = progressText(modelProgress(active.checklist, (id) => this.controller.isDone(id)));
      tooltip.appendMarkdown(`${vscode.l10n.t('Deployment model: **{0}** ({1} checklist steps done)', markdownText(active.checklist.title), progress)}\n\n`);
    } else {
      tooltip.appendMarkdown(`${vscode.l10n.t('No deployment model: run **WHfB: Choose deployment model**.')}\n\n`);
    }
    if (document) {
      const name = markdownText(vscode.workspace.asRelativePath(document.uri));
      tooltip.appendMarkdown(errors === 1 ? vscode.l10n.t('{0}: 1 WHfB error', name) : vscode.l10n.t('{0}: {1} WHfB errors', name, errors));
    }
    this.item.tooltip = tooltip;
    this.item.command = errors
      ? { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show problems') }
      : active ? { command: 'whfb.checklist.focus', title: vscode.l10n.t('Show deployment checklist') } : { command: 'whfb.chooseDeploymentModel', title: vscode.l10n.t('Choose deployment model') };
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
