/**
 * What the .vsix ships (issue 17, point 7): `vsce ls`, offline and without dependency detection
 * (the bundles carry their dependencies), lists the bundles, the declarative contributions, the
 * manifest with its English text and l10n bundle, and the docs and notices; nothing from the
 * tests, scripts, sources, raw data, benchmark or node_modules. scripts/package.mjs checks the
 * built .vsix against its own list too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../../protocol/ensureBuilt';

const SHIPPED = [
  /^package\.json$/,
  /^package\.nls(\.[a-z]{2,3}(-[a-z]{2,4})?)?\.json$/,
  /^l10n\/bundle\.l10n(\.[a-z]{2,3}(-[a-z]{2,4})?)?\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^(LICENSE|NOTICE)$/,
  /^dist\/[^/]+\.js$/,
  /^dist\/[^/]+\.LEGAL\.txt$/,
  // VS Code for the Web: the browser client and the worker server.
  /^dist\/web\/[^/]+\.(js|LEGAL\.txt)$/,
  /^schemas\/[^/]+\.json$/,
  /^snippets\/[^/]+\.json$/,
  /^syntaxes\/[^/]+\.tmLanguage\.json$/,
  /^media\/.+\.(png|svg|md)$/,
  /^language-configuration\.json$/,
];
const REQUIRED = [
  'package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'NOTICE',
  'dist/extension.js', 'dist/server.js', 'dist/service.js', 'dist/cli.js', 'dist/cli-engine.js', 'dist/web/extension.js', 'dist/web/server.js',
  // What dist/service.js requires on first use (scripts/build.mjs FIRST_USE_BUNDLES, scripts/serviceSplit.mjs).
  'dist/service-features.js', 'dist/yaml.js', 'dist/checklists.js', 'dist/catalog-texts.js',
  'schemas/whfb-policy.schema.json',
  'syntaxes/whfb-yaml.tmLanguage.json', 'syntaxes/oma-uri.injection.tmLanguage.json', 'language-configuration.json', 'media/icon.png',
];
const NEVER = /^(test|scripts|server|client|data|bench|examples|docs|node_modules|\.whfb-test|\.github|\.vscode)\/|\.ts$|\.map$|\.vsix$|^tsconfig|^package-lock/;

test('vsce ls lists exactly what the extension needs to run', () => {
  ensureBuilt();
  if (!existsSync(join(REPO_ROOT, 'dist', 'extension.js')) || !existsSync(join(REPO_ROOT, 'dist', 'web', 'server.js'))) {
    assert.equal(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' }).status, 0, 'build');
  }
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  const result = spawnSync(vsce, ['ls', '--no-dependencies'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // Offline: no proxy, no registry; `ls` only reads the tree and .vscodeignore.
    env: { ...process.env, npm_config_offline: 'true', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' },
    timeout: 120_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  assert.deepEqual(files.filter((file) => NEVER.test(file)), [], 'development files in the package');
  assert.deepEqual(files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))), [], 'files no rule says should ship');
  assert.deepEqual(REQUIRED.filter((file) => !files.includes(file)), [], 'missing from the package');
});
