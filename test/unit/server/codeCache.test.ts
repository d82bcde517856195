/**
 * The server's code cache loader (server/src/server/codeCache.ts): with a cache directory it runs
 * the bundle from a V8 code cache it writes once and reuses; without one, or when anything about
 * the cache is wrong, the bundle is loaded the plain way and the server never sees an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileName, codeCacheDirectoryOf, loadWithCodeCache } from '../../../server/src/server/codeCache';

interface Bundle { answer: (n: number) => number; directory: string; sep: string }

/** A bundle like dist/service.js: CommonJS, requires a Node module, uses its own directory. */
const BUNDLE_SOURCE = `
const path = require('node:path');
function square(n) { return n * n; }
module.exports = { answer: (n) => square(n) + 1, directory: __dirname, sep: path.sep };
`;

function fixture(t: { after: (fn: () => void) => void }): { bundlePath: string; cacheDirectory: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'whfb-code-cache-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const bundlePath = join(root, 'service.js');
  writeFileSync(bundlePath, BUNDLE_SOURCE);
  return { bundlePath, cacheDirectory: join(root, 'storage'), root };
}

/** Loads the fixture; `plainLoads` counts the fallbacks to the plain require. */
function load(bundlePath: string, cacheDirectory: string | undefined) {
  const logs: string[] = [];
  let plainLoads = 0;
  const plainRequire = (): Bundle => { plainLoads++; return require(bundlePath) as Bundle; };
  const loaded = loadWithCodeCache(plainRequire, { bundlePath, cacheDirectory, v8Flags: ['--heap-growing-percent=30'], log: (m) => logs.push(m) });
  return { loaded, logs, plainLoads: () => plainLoads };
}

const nextTurns = async (): Promise<void> => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

const cacheFileOf = (bundlePath: string, cacheDirectory: string): string =>
  join(cacheDirectory, cacheFileName(readFileSync(bundlePath), ['--heap-growing-percent=30']));

test('without a cache directory the bundle is required the plain way and nothing is written', async (t) => {
  const { bundlePath, root } = fixture(t);
  const { loaded, logs, plainLoads } = load(bundlePath, undefined);
  assert.equal(loaded.exports.answer(3), 10);
  loaded.saveCacheSoon();
  await nextTurns();
  assert.equal(plainLoads(), 1);
  assert.deepEqual(readdirSync(root), ['service.js']);
  assert.deepEqual(logs, []);
});

test('the first start writes the cache into a private directory after use; the next start runs from it and writes nothing', async (t) => {
  const { bundlePath, cacheDirectory } = fixture(t);
  const first = load(bundlePath, cacheDirectory);
  assert.equal(first.loaded.exports.answer(4), 17);
  assert.equal(first.loaded.exports.directory, join(bundlePath, '..'), '__dirname is the bundle\'s directory');
  assert.equal(first.plainLoads(), 0);
  first.loaded.saveCacheSoon();
  await nextTurns();
  const cacheFile = cacheFileOf(bundlePath, cacheDirectory);
  assert.deepEqual(readdirSync(cacheDirectory), [cacheFile.slice(cacheDirectory.length + 1)]);
  if (process.platform !== 'win32') assert.equal(statSync(cacheDirectory).mode & 0o777, 0o700);
  assert.deepEqual(first.logs, []);

  const written = statSync(cacheFile).mtimeMs;
  const second = load(bundlePath, cacheDirectory);
  assert.equal(second.loaded.exports.answer(5), 26);
  second.loaded.saveCacheSoon();
  await nextTurns();
  assert.equal(second.plainLoads(), 0);
  assert.equal(statSync(cacheFile).mtimeMs, written, 'an accepted cache is not written again');
  assert.deepEqual(second.logs, []);
});

test('a corrupt cache is rejected, logged once, the bundle still runs, and the cache is written anew', async (t) => {
  const { bundlePath, cacheDirectory } = fixture(t);
  mkdirSync(cacheDirectory);
  const cacheFile = cacheFileOf(bundlePath, cacheDirectory);
  writeFileSync(cacheFile, Buffer.from('not a V8 code cache at all'));
  const corrupt = load(bundlePath, cacheDirectory);
  assert.equal(corrupt.loaded.exports.answer(2), 5);
  corrupt.loaded.saveCacheSoon();
  corrupt.loaded.saveCacheSoon();
  await nextTurns();
  assert.equal(corrupt.logs.length, 1);
  assert.match(corrupt.logs[0], /code cache rejected/);
  assert.notEqual(readFileSync(cacheFile).toString(), 'not a V8 code cache at all');

  const next = load(bundlePath, cacheDirectory);
  assert.equal(next.loaded.exports.answer(2), 5);
  assert.deepEqual(next.logs, [], 'the replaced cache is accepted');
});

test('a changed bundle gets its own cache and the stale one is removed; other files in the directory are left alone', async (t) => {
  const { bundlePath, cacheDirectory } = fixture(t);
  const old = load(bundlePath, cacheDirectory);
  old.loaded.saveCacheSoon();
  await nextTurns();
  const oldCache = cacheFileOf(bundlePath, cacheDirectory);
  writeFileSync(join(cacheDirectory, 'state.json'), '{}');

  writeFileSync(bundlePath, `${BUNDLE_SOURCE}\nmodule.exports.version = 2;\n`);
  const updated = load(bundlePath, cacheDirectory);
  assert.equal((updated.loaded.exports as Bundle & { version: number }).version, 2);
  updated.loaded.saveCacheSoon();
  await nextTurns();
  const newCache = cacheFileOf(bundlePath, cacheDirectory);
  assert.notEqual(newCache, oldCache);
  assert.deepEqual(readdirSync(cacheDirectory).sort(), [newCache.slice(cacheDirectory.length + 1), 'state.json'].sort());
});

test('a cache that cannot be read or written never fails the load: plain require or no cache, one log line', async (t) => {
  const { bundlePath, cacheDirectory, root } = fixture(t);
  // The cache file's place is taken by a directory: reading it fails.
  mkdirSync(cacheFileOf(bundlePath, cacheDirectory), { recursive: true });
  const unreadable = load(bundlePath, cacheDirectory);
  assert.equal(unreadable.loaded.exports.answer(1), 2);
  assert.equal(unreadable.plainLoads(), 1);
  assert.equal(unreadable.logs.length, 1);

  // The cache directory's place is taken by a file: it cannot be read, so the plain require.
  const blocked = join(root, 'blocked');
  writeFileSync(blocked, '');
  const notADirectory = load(bundlePath, blocked);
  assert.equal(notADirectory.loaded.exports.answer(1), 2);
  assert.equal(notADirectory.plainLoads(), 1);
  notADirectory.loaded.saveCacheSoon();
  await nextTurns();
  assert.equal(notADirectory.logs.length, 1);
  assert.equal(readFileSync(blocked, 'utf8'), '');

  // Writing fails (as on a full or read-only disk): the temporary file's place is taken by a directory.
  const writable = join(root, 'storage-2');
  mkdirSync(`${cacheFileOf(bundlePath, writable)}.${process.pid}.tmp`, { recursive: true });
  const unwritable = load(bundlePath, writable);
  assert.equal(unwritable.loaded.exports.answer(1), 2);
  unwritable.loaded.saveCacheSoon();
  await nextTurns();
  assert.equal(unwritable.logs.length, 1);
  assert.match(unwritable.logs[0], /code cache not written: EISDIR/);
  assert.ok(!readdirSync(writable).some((name) => name.endsWith('.v8cache')));
});

test('the cache directory comes from --code-cache-dir= and must be absolute', () => {
  assert.equal(codeCacheDirectoryOf(['node', 'server.js', '--stdio']), undefined);
  assert.equal(codeCacheDirectoryOf(['node', 'server.js', '--code-cache-dir=relative/dir']), undefined);
  assert.equal(codeCacheDirectoryOf(['node', 'server.js', '--code-cache-dir=']), undefined);
  const absolute = join(tmpdir(), 'storage');
  assert.equal(codeCacheDirectoryOf(['node', 'server.js', '--node-ipc', `--code-cache-dir=${absolute}`]), absolute);
});
