/**
 * The workspace as one tenant (issue 13, done-when): two policy files of one tenant, certificate
 * trust in one and cloud Kerberos trust in the other, never opened: the Problems panel shows the
 * cross-file trust contradiction (WHFB301) with its related location in the other file.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from '../harness';
import { codeOf, waitFor, workspaceUri } from '../helpers';

test('workspace: a cross-file trust contradiction between two closed files shows in Problems with the other file as related location', async () => {
  const certificate = workspaceUri('crossfile', 'certificate-trust.json');
  const kerberos = workspaceUri('crossfile', 'cloud-kerberos-trust.json');
  const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
  const finding = await waitFor('WHFB301 on the certificate trust file, not opened', () =>
    vscode.languages.getDiagnostics(certificate).find((diagnostic) => codeOf(diagnostic) === 'WHFB301'));
  assert.ok(!isOpen(certificate) && !isOpen(kerberos), 'neither file was opened');
  assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
  assert.match(finding.message, /cloud-kerberos-trust\.json/, 'the message names the other file');
  const related = finding.relatedInformation ?? [];
  assert.ok(related.some((info) => info.location.uri.toString() === kerberos.toString()), JSON.stringify(related.map((info) => info.location.uri.toString())));
  const other = related.find((info) => info.location.uri.toString() === kerberos.toString())!;
  // The related location is the value of the other file's UseCloudTrustForOnPremAuth entry.
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(kerberos)).split(/\r?\n/);
  const line = other.location.range.start.line;
  assert.match(text[line] ?? '', /"value": true/);
  assert.match(text[line - 1] ?? '', /PassportForWork\/b1e2c3d4-5f60-4a7b-8c9d-0e1f2a3b4c5d\/Policies\/UseCloudTrustForOnPremAuth/);
});
