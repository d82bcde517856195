/** WHfB: Reveal setting: selects a setting of the active policy in its editor. */
import * as vscode from 'vscode';
import type { Range } from '../../../shared/protocol';
import type { CommandServices } from './services';

function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export async function revealSetting({ policy }: CommandServices, uri?: string, range?: Range): Promise<void> {
  if (!uri || !range) {
    // From the palette: pick one of the active policy's settings.
    const summary = policy.current;
    if (!summary || summary.settings.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('WHfB: open a policy file with settings first.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(
      summary.settings.map((setting) => ({ label: setting.label, description: setting.value, detail: setting.written, setting })),
      { title: vscode.l10n.t('Reveal WHfB setting'), matchOnDetail: true },
    );
    if (!pick) return;
    uri = summary.uri;
    range = pick.setting.range;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const selection = toRange(range);
  await vscode.window.showTextDocument(document, { selection, preserveFocus: false });
  vscode.window.activeTextEditor?.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
