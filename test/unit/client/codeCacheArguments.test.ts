/**
 * The Node language client hands the server the extension's global storage as its code cache
 * directory (`--code-cache-dir=`, read by server/src/server/codeCache.ts), only when it is on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCacheArguments } from '../../../client/src/codeCacheArguments';
import { codeCacheDirectoryOf } from '../../../server/src/server/codeCache';

const root = join(__dirname, '..', '..', '..');

test('a global storage on disk becomes the argument the server reads; any other scheme gives none', () => {
  const fsPath = join('/home', 'user', '.config', 'Code', 'User', 'globalStorage', 'publisher.whfb');
  const args = codeCacheArguments({ scheme: 'file', fsPath });
  assert.deepEqual(args, [`--code-cache-dir=${fsPath}`]);
  assert.equal(codeCacheDirectoryOf(['node', 'dist/server.js', '--node-ipc', ...args]), fsPath);
  assert.deepEqual(codeCacheArguments({ scheme: 'vscode-userdata', fsPath: '/User/globalStorage/publisher.whfb' }), []);
});

test('the server is started with the arguments in both the run and the debug configuration', () => {
  const languageClient = readFileSync(join(root, 'client/src/languageClient.ts'), 'utf8');
  assert.match(languageClient, /const args = codeCacheArguments\(context\.globalStorageUri\);/);
  assert.match(languageClient, /run: \{ module, transport: TransportKind\.ipc, args \}/);
  assert.match(languageClient, /debug: \{ module, transport: TransportKind\.ipc, args, /);
});
