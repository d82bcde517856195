import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, openInEditor, waitFor } from '../helpers';

const BACKUP = '{9F2B4C83-1E5D-4A6B-B7C8-0D3E5F7A9B22}';

test('a Group Policy backup report (gpreport.xml, UTF-16) shows the GPO\'s problems: a 2-character minimum PIN and cloud trust beside certificate trust', async () => {
  const editor = await openInEditor('gpo-backup', BACKUP, 'gpreport.xml');
  const uri = editor.document.uri;
  await waitFor('WHFB103 and WHFB133 on gpreport.xml', () => {
    const found = vscode.languages.getDiagnostics(uri).map(codeOf);
    return found.includes('WHFB103') && found.includes('WHFB133');
  });
  const diagnostics = vscode.languages.getDiagnostics(uri);
  const pin = diagnostics.find((d) => codeOf(d) === 'WHFB103')!;
  assert.equal(editor.document.getText(pin.range), '2', 'the error stands on the PIN length the GPO sets');
  const trust = diagnostics.find((d) => codeOf(d) === 'WHFB133')!;
  assert.equal(editor.document.getText(trust.range), 'Use cloud trust for on-premises authentication', 'the warning stands on the Group Policy name');
});
