/**
 * The "Policy settings" view as its tree data provider renders it now, for the integration tests
 * (WhfbExtensionApi.testing.settingsView): what a user reads in the view, row by row, without
 * driving the workbench's tree widget.
 */
import type * as vscode from 'vscode';
import type { SettingsViewRow, SettingsViewSnapshot } from '../api';
import type { SettingsNode, SettingsTreeProvider } from './settingsTree';

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : label?.label ?? '';
}

function describe(provider: SettingsTreeProvider, node: SettingsNode | undefined): SettingsViewRow[] {
  return provider.getChildren(node).map((child) => {
    const item = provider.getTreeItem(child);
    return {
      label: labelOf(item),
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
      ...(item.contextValue ? { contextValue: item.contextValue } : {}),
      children: describe(provider, child),
    };
  });
}

export function snapshotSettingsView(provider: SettingsTreeProvider): SettingsViewSnapshot {
  return {
    mode: provider.currentMode,
    ...(provider.view.description ? { description: provider.view.description } : {}),
    rows: describe(provider, undefined),
  };
}
