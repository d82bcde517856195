/**
 * What a user of VS Code for the Web gets: the extension runs in the web worker extension host,
 * its language server in a web worker, on documents of a virtual file system.
 */
import * as vscode from 'vscode';
import { test } from '../../integration/suite/harness';
import { screenshot } from '../../integration/suite/screenshots';
import { assert, codeOf, extensionApi, positionOf, waitFor, workspaceFolder, workspaceUri } from './webHelpers';

const scope = globalThis as { process?: unknown; importScripts?: unknown; document?: unknown; Worker?: unknown };

async function open(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(document, { preview: false });
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : 'value' in part ? part.value : String(part)))).join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

test('the extension runs in the web worker extension host (no Node process) and activates', async () => {
  assert(scope.process === undefined, 'no `process`: this is not the Node extension host');
  assert(typeof scope.importScripts === 'function' && scope.document === undefined, 'a web worker (importScripts, no document)');
  assert(typeof scope.Worker === 'function', 'workers can be started from here (the language server runs in one)');
  const api = await extensionApi();
  assert(api.checklist.getItems !== undefined, 'the API is returned');
});

test('the language server in its worker publishes diagnostics for a policy of the virtual workspace', async () => {
  const editor = await open('policies', 'pilot-broken.whfb.yaml');
  assert(editor.document.uri.scheme !== 'file', `the document is not a local file (${editor.document.uri.scheme}:)`);
  const diagnostics = await waitFor('WHFB101 on the broken policy', () => {
    const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'whfb');
    return found.some((d) => codeOf(d) === 'WHFB101') ? found : undefined;
  });
  assert(diagnostics.some((d) => codeOf(d) === 'WHFB101' && /UseCloudTrustForOnPremAuthh/.test(editor.document.getText(d.range))), 'WHFB101 marks the misspelt node');
});

test('completion after an OMA-URI prefix offers the CSP nodes', async () => {
  const editor = await open('policies', 'scratch.whfb.yaml');
  const position = positionOf(editor.document, 'Policies/', 'Policies/'.length);
  const list = await waitFor('completion items at the OMA-URI', async () => {
    const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    return result.items.some((item) => /UsePassportForWork/.test(labelOf(item))) ? result : undefined;
  });
  const names = list.items.map(labelOf).join('\n');
  for (const node of ['UsePassportForWork', 'RequireSecurityDevice', 'UseCloudTrustForOnPremAuth']) assert(names.includes(node), `${node} is offered`);
});

test('hover on an OMA-URI explains the CSP node', async () => {
  const editor = await open('policies', 'pilot-clean.whfb.yaml');
  const position = positionOf(editor.document, 'RequireSecurityDevice', 3);
  const hovers = await waitFor('a hover on RequireSecurityDevice', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    return result.length > 0 && hoverText(result).length > 0 ? result : undefined;
  });
  const text = hoverText(hovers);
  assert(/RequireSecurityDevice/.test(text) && text.length > 60, `the hover explains the node, got: ${text}`);
});

test('the quick fix for a misspelt node replaces it and the problem goes away', async () => {
  const editor = await open('policies', 'pilot-broken.whfb.yaml');
  const uri = editor.document.uri;
  const diagnostic = await waitFor('WHFB101 on the broken policy', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'WHFB101'));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.edit && /UseCloudTrustForOnPremAuth\b/.test(action.title));
  assert(fix?.edit, `a quick fix to UseCloudTrustForOnPremAuth; got: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
  assert(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
  assert(/Policies\/UseCloudTrustForOnPremAuth\n/.test(editor.document.getText()), 'the node is corrected');
  await waitFor('WHFB101 to go away', () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'WHFB101'));
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('ticking a checklist item saves it through the workspace file system', async () => {
  const api = await extensionApi();
  const folder = workspaceFolder();
  assert((await api.checklist.setModel('cloud-only')).kind === 'ok', 'the model is chosen');
  const item = await waitFor('the cloud-only checklist items', () => api.checklist.getItems().find((entry) => !entry.done && entry.parent === undefined));
  const status = await api.checklist.toggle(item.id, true);
  assert(status.kind === 'ok', `the tick is saved (status ${JSON.stringify(status)})`);
  const stateFile = api.checklist.stateFilePath();
  assert(stateFile !== undefined, 'progress is kept in a file of the workspace, not in memory');
  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(folder.uri.with({ path: stateFile })));
  assert(saved.includes(`"${item.id}"`), `the state file names ${item.id}: ${saved.slice(0, 300)}`);
  assert(api.checklist.getItems().find((entry) => entry.id === item.id)?.done === true, 'the item shows as done');
});

test('a policy on another file system (memfs:) is checked too', async () => {
  // A stable mtime: one that moves on every stat would make VS Code reload the document again and again.
  const files = new Map<string, { data: Uint8Array; mtime: number }>();
  const changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  const provider: vscode.FileSystemProvider = {
    onDidChangeFile: changed.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => {
      if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
      const file = files.get(uri.path);
      if (!file) throw vscode.FileSystemError.FileNotFound(uri);
      return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.data.byteLength };
    },
    readDirectory: () => [...files.keys()].map((path) => [path.slice(1), vscode.FileType.File]),
    createDirectory: () => undefined,
    readFile: (uri) => {
      const file = files.get(uri.path);
      if (!file) throw vscode.FileSystemError.FileNotFound(uri);
      return file.data;
    },
    writeFile: (uri, content) => { files.set(uri.path, { data: content, mtime: Date.now() }); },
    delete: (uri) => { files.delete(uri.path); },
    rename: (from, to) => { const data = files.get(from.path); if (data) { files.delete(from.path); files.set(to.path, data); } },
  };
  const registration = vscode.workspace.registerFileSystemProvider('memfs', provider, { isCaseSensitive: true });
  try {
    const source = await vscode.workspace.fs.readFile(workspaceUri('policies', 'pilot-broken.whfb.yaml'));
    const uri = vscode.Uri.parse('memfs:/pilot.whfb.yaml');
    files.set(uri.path, { data: source, mtime: Date.now() });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    assert(document.languageId === 'whfb-yaml', `a policy document (language ${document.languageId})`);
    await waitFor('WHFB101 on the memfs: policy', () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'WHFB101')).catch((error: Error) => {
      const seen = vscode.languages.getDiagnostics().map(([where, found]) => `${where.toString()}: ${found.length}`).join(', ');
      throw new Error(`${error.message}; diagnostics seen: ${seen}`);
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  } finally {
    registration.dispose();
  }
});

test('screenshot: the extension in the browser workbench', async () => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const editor = await open('policies', 'pilot-broken.whfb.yaml');
  await waitFor('the diagnostics of the screenshot', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => codeOf(d) === 'WHFB101'));
  await vscode.commands.executeCommand('whfb.checklist.focus');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await screenshot('workbench', '.markers-panel .monaco-list-row');
});
