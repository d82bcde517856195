import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, hrefOf, openInEditor, recordDiagnosticChanges, waitFor } from '../helpers';
import { screenshot } from '../screenshots';

const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

test('a broken policy shows its problems, each with a rule code and a link to the guide', async () => {
  const editor = await openInEditor('policies', 'pilot-broken.whfb.yaml');
  const uri = editor.document.uri;
  await waitFor('WHFB101 and WHFB120 on the broken policy', () => {
    const found = codes(uri);
    return found.includes('WHFB101') && found.includes('WHFB120');
  });
  const diagnostics = vscode.languages.getDiagnostics(uri);
  for (const diagnostic of diagnostics) {
    assert.match(codeOf(diagnostic) ?? '', /^WHFB\d{3}$/, `a rule code on "${diagnostic.message}"`);
    assert.match(hrefOf(diagnostic) ?? '', /^https:\/\/learn\.microsoft\.com\//, `a guide link on ${codeOf(diagnostic)}`);
    assert.ok(diagnostic.message.length > 10, 'a message that says what to do');
  }
  const unknownNode = diagnostics.find((d) => codeOf(d) === 'WHFB101')!;
  assert.equal(unknownNode.severity, vscode.DiagnosticSeverity.Error);
  assert.match(editor.document.getText(unknownNode.range), /UseCloudTrustForOnPremAuthh/, 'the error points at the misspelt node');
  const pinOrder = diagnostics.find((d) => codeOf(d) === 'WHFB120')!;
  assert.equal(pinOrder.severity, vscode.DiagnosticSeverity.Error);

  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await screenshot('problems-panel', '.markers-panel .monaco-list-row');
});

test('a clean policy that follows the cloud Kerberos trust guide has no errors or warnings', async () => {
  // First opened here: the server publishes its diagnostics (an empty set when clean) once it
  // has validated it, whatever it does with other files meanwhile.
  const changes = recordDiagnosticChanges();
  const editor = await openInEditor('policies', 'pilot-clean.whfb.yaml');
  try {
    await waitFor('the server to publish diagnostics for the clean policy', () => changes.seen(editor.document.uri));
  } finally {
    changes.dispose();
  }
  const problems = vscode.languages.getDiagnostics(editor.document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
  assert.deepEqual(problems.map((d) => `${codeOf(d)} ${d.message}`), []);
});

test('an Intune Settings Catalog export (JSON) gets the same rules: minimum PIN above maximum', async () => {
  const editor = await openInEditor('intune', 'settings-catalog-pin.json');
  await waitFor('WHFB120 on the Settings Catalog JSON', () => codes(editor.document.uri).includes('WHFB120'));
});

test('an Intune custom profile (JSON) with a misspelt OMA-URI gets WHFB101', async () => {
  const editor = await openInEditor('intune', 'custom-profile.json');
  await waitFor('WHFB101 on the custom profile', () => codes(editor.document.uri).includes('WHFB101'));
  const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'WHFB101')!;
  assert.match(editor.document.getText(diagnostic.range), /MinimumPINLenght/);
});

test('an ordinary package.json gets no diagnostics from the extension', async () => {
  const editor = await openInEditor('package.json');
  // Something opened after it and known to get findings: once those are in, package.json has
  // been seen by the server too.
  const probe = await openInEditor('intune', 'custom-profile.json');
  await waitFor('findings on a later policy file', () => vscode.languages.getDiagnostics(probe.document.uri).length > 0);
  const ours = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => /^WHFB/.test(codeOf(d) ?? ''));
  assert.deepEqual(ours.map((d) => d.message), []);
});
