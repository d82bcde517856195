/**
 * Activation: the language client, the checklist and settings views, the commands and the status
 * bar. Everything a user sees is registered here; the work is in the modules it wires.
 * No telemetry, no network access, no workspace code is ever run.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WhfbExtensionApi } from './api';
import { ActivePolicyTracker } from './activePolicy';
import { ChecklistController } from './checklist/checklistController';
import { ChecklistTreeProvider } from './checklist/checklistTree';
import { WorkspaceConfigurationTracker } from './workspaceConfiguration';
import { chooseDeploymentModel, exportChecklist, openGuide, resetChecklist } from './commands/checklistCommands';
import { insertSetting } from './commands/insertSetting';
import { newPolicy } from './commands/newPolicy';
import { openReference } from './commands/openReference';
import { revealSetting } from './commands/revealSetting';
import { interceptOpenExternal, registerSafeCommand, type CommandServices } from './commands/services';
import { createLanguageClient } from './languageClient';
import { ServerRequests } from './serverRequests';
import { SettingsTreeProvider } from './settingsView/settingsTree';
import { snapshotSettingsView } from './settingsView/settingsViewSnapshot';
import { PolicyStatusBar } from './statusBar';
import { startActivationTiming } from './activationTiming';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): WhfbExtensionApi {
  // The vscode-free modules (checklist state file, its path) translate with @vscode/l10n: the same bundle.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const timing = startActivationTiming();
  // A log channel: timestamps and levels, filtered by the Output view's "Set Log Level".
  const output = vscode.window.createOutputChannel('WHfB Policy Tools', { log: true });
  context.subscriptions.push(output);
  output.info(`WHfB Policy Tools ${String(context.extension.packageJSON.version)} activated; no telemetry is collected.`);

  client = createLanguageClient(context, output);
  const started = client.start().then(() => output.info('The WHfB language server is running.'));
  const server = new ServerRequests(client, started);
  const policy = new ActivePolicyTracker(client, started);
  const workspaceConfiguration = new WorkspaceConfigurationTracker(client, started);
  const controller = new ChecklistController(policy, workspaceConfiguration);
  // The checklists are the guides' data, kept by the server: the client bundle holds none.
  const ready = server.checklists().then((checklists) => {
    if (!checklists) throw new Error('the server sent no deployment checklists (its log in the "WHfB Policy Tools" output says why)');
    controller.setChecklists(checklists);
  });
  const checklistTree = new ChecklistTreeProvider(controller);
  const settingsTree = new SettingsTreeProvider(policy, workspaceConfiguration);
  const statusBar = new PolicyStatusBar(controller, policy);
  context.subscriptions.push(policy, workspaceConfiguration, controller, checklistTree, settingsTree, statusBar);
  // The rejection is reported once here; `ready` still rejects for whoever awaits it.
  ready.catch((error: unknown) => {
    const message = vscode.l10n.t('The WHfB language server could not start: {0}. Policy files are not checked.', error instanceof Error ? error.message : String(error));
    output.error(message);
    statusBar.setServerProblem(message);
    void vscode.window.showErrorMessage(message, vscode.l10n.t('Show output')).then((choice) => choice && output.show());
  });

  const services: CommandServices = { controller, policy, output, server, ready };
  const commands: [string, (...args: any[]) => unknown][] = [
    ['whfb.newPolicy', (options?) => newPolicy(services, options)],
    ['whfb.insertSetting', () => insertSetting(services)],
    ['whfb.openReference', (node?) => openReference(server, node)],
    ['whfb.chooseDeploymentModel', () => chooseDeploymentModel(services)],
    ['whfb.resetChecklist', (options?) => resetChecklist(services, options)],
    ['whfb.exportChecklist', () => exportChecklist(services)],
    ['whfb.checklist.openGuide', (node?) => openGuide(services, node)],
    ['whfb.revealSetting', (uri?: string, range?) => revealSetting(services, uri, range)],
    ['whfb.showOutput', () => output.show()],
    ['whfb.settingsView.showWorkspace', () => settingsTree.setMode('workspace')],
    ['whfb.settingsView.showActiveFile', () => settingsTree.setMode('activeFile')],
  ];
  for (const [id, handler] of commands) context.subscriptions.push(registerSafeCommand(id, output, handler));

  timing.activated(ready, output);
  return {
    ready,
    activation: () => timing.figures,
    checklist: controller.api(),
    activePolicy: () => policy.current,
    refreshActivePolicy: () => policy.refresh(),
    testing: { interceptOpenExternal, settingsView: () => snapshotSettingsView(settingsTree) },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop().catch(() => undefined);
  client = undefined;
}
