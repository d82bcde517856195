// npm run test:integration (and the integration group of npm test): the in-host suite in a
// real VS Code (the VS Code server from npm code-server, its workbench in headless Chromium),
// first against the working tree, then against the packaged .vsix installed like a user would.
// Prints a line per test, node-test-runner style "ℹ pass N" / "ℹ fail N", the screenshot folder,
// and exits with the suite's status.
//   --extension DIR   run the suite against an already unpacked extension only (no build, no .vsix pass)
//   --no-vsix         skip the .vsix pass
//   --grep TEXT       run only tests whose name contains TEXT
//   --keep            keep the temp folder (workspace, logs) for inspection
//   WHFB_IT_TIMEOUT_S overall deadline per pass (default 900: generous, a loaded CI machine must pass)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages, ensureCodeServer, SetupError, CODE_SERVER_VERSION } from './install.mjs';
import { bundleSuite } from './bundleSuite.mjs';
import { runPass } from './session.mjs';
import { cleanupAll } from './processes.mjs';
import { packageExtension, checkVsixEntries } from '../package.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const flag = (name) => args.includes(name);
const timeoutMs = Number(process.env.WHFB_IT_TIMEOUT_S || 900) * 1000;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const extensionFolderName = `${manifest.publisher}.${manifest.name}-${manifest.version}`;

const print = (line) => console.log(line);
const outcomes = []; // { name, ok }

function record(name, ok, detail) {
  outcomes.push({ name, ok });
  print(`${ok ? '✔' : '✖'} ${name}`);
  if (!ok && detail) print(String(detail).split('\n').map((l) => `    ${l}`).join('\n'));
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfStale() {
  const outputs = ['extension.js', 'server.js', 'service.js', 'cli.js'].map((f) => join(repoRoot, 'dist', f));
  const oldestOutput = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  const inputs = ['client/src', 'server/src', 'data/generated', 'package.json', 'scripts/build.mjs'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(repoRoot, p))));
  if (oldestOutput > newestInput) return;
  print('[runner] building the extension (node scripts/build.mjs)');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError('node scripts/build.mjs failed');
}

function freshWorkspace(tempRoot, name, fixture = 'workspace') {
  const target = join(tempRoot, name);
  cpSync(join(repoRoot, 'test', 'integration', fixture), target, { recursive: true });
  return target;
}

function installVsix(vscodeDir, vsixPath, extensionsDir) {
  const result = spawnSync(process.execPath, [join(vscodeDir, 'out', 'server-main.js'), '--install-extension', vsixPath,
    '--extensions-dir', extensionsDir, '--accept-server-license-terms', '--force'], { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const installed = join(extensionsDir, extensionFolderName);
  if (result.status !== 0 || !existsSync(join(installed, 'package.json'))) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status}):\n${output.trim()}`);
  }
  print(`[runner] ${output.trim().split('\n').filter((l) => /install/i.test(l)).pop() ?? 'installed'}`);
  return installed;
}

function reportPass(label, pass) {
  for (const result of pass.results) outcomes.push({ name: `[${label}] ${result.name}`, ok: result.status === 'pass' });
  if (pass.failure) record(`[${label}] the suite ran to its end`, false, pass.failure);
  const passed = pass.results.filter((r) => r.status === 'pass').length;
  print(`[${label}] ${passed}/${pass.results.length} passed in ${(pass.durationMs / 1000).toFixed(1)} s (VS Code ${pass.started?.vscodeVersion ?? '?'})`);
}

async function main() {
  const started = Date.now();
  const screenshotDir = join(repoRoot, 'test-results', 'integration', 'screenshots');
  // Not emptied first: files are overwritten by name, and a run beside this one keeps its pictures.
  mkdirSync(screenshotDir, { recursive: true });
  const tempRoot = mkdtempSync(join(tmpdir(), 'whfb-it-'));
  try {
    let vscodeDir;
    try {
      ensureAptPackages();
      vscodeDir = ensureCodeServer();
    } catch (error) {
      record('the VS Code server and Chromium are installed', false, error instanceof SetupError ? error.message : error?.stack);
      return;
    }
    print(`[runner] VS Code server from code-server ${CODE_SERVER_VERSION}: ${vscodeDir}`);
    if (option('--grep')) process.env.WHFB_IT_GREP = option('--grep');

    const testsPath = await bundleSuite(repoRoot, join(tempRoot, 'suite'));
    const explicitExtension = option('--extension');
    if (!explicitExtension) {
      try { buildIfStale(); } catch (error) { record('the extension builds', false, error.message); return; }
    }

    const devPass = await runPass({
      label: explicitExtension ? 'ext' : 'dev', vscodeDir, testsPath, print, timeoutMs,
      extensionPath: explicitExtension ? resolve(explicitExtension) : repoRoot,
      workspace: freshWorkspace(tempRoot, 'workspace-dev'), tempRoot: join(tempRoot, 'dev'), screenshotDir,
    });
    reportPass(explicitExtension ? 'ext' : 'dev', devPass);
    if (!explicitExtension && !(devPass.failure && devPass.results.length === 0)) {
      // A window on Intune exports only (no *.whfb.yaml): activation and problems without the sidebar.
      process.env.WHFB_IT_WORKSPACE_KIND = 'exports';
      try {
        const exportsPass = await runPass({
          label: 'exports', vscodeDir, testsPath, print, timeoutMs, extensionPath: repoRoot,
          workspace: freshWorkspace(tempRoot, 'workspace-exports-dev', 'workspace-exports'), tempRoot: join(tempRoot, 'exports'), screenshotDir,
        });
        if (exportsPass.results.length > 0 || exportsPass.failure) reportPass('exports', exportsPass);
      } finally {
        delete process.env.WHFB_IT_WORKSPACE_KIND;
      }
    }
    if (explicitExtension || flag('--no-vsix')) return;
    if (devPass.failure && devPass.results.length === 0) { print('[runner] skipping the .vsix pass: the suite never ran'); return; }

    print('\n[runner] packaging the extension for the .vsix pass');
    let installed;
    try {
      const { vsixPath, entries } = await packageExtension({ outDir: join(tempRoot, 'vsix'), print: (l) => print(`  ${l}`) });
      const problems = checkVsixEntries(entries.map((e) => e.name));
      record('[vsix] the package holds only the shipped files (dist bundles, schemas, snippets, grammar, docs)', problems.length === 0, problems.join('\n'));
      installed = installVsix(vscodeDir, vsixPath, join(tempRoot, 'vsix-installed'));
    } catch (error) {
      record('[vsix] the extension packages and installs', false, error?.message ?? error);
      return;
    }
    const vsixPass = await runPass({
      label: 'vsix', vscodeDir, testsPath, print, timeoutMs, extensionPath: installed,
      workspace: freshWorkspace(tempRoot, 'workspace-vsix'), tempRoot: join(tempRoot, 'vsix-run'), screenshotDir,
    });
    reportPass('vsix', vsixPass);
  } finally {
    await cleanupAll();
    const passed = outcomes.filter((o) => o.ok).length;
    const failed = outcomes.length - passed;
    print(`\n[runner] screenshots: ${screenshotDir}`);
    if (flag('--keep')) print(`[runner] temp folder kept: ${tempRoot}`);
    else rmSync(tempRoot, { recursive: true, force: true });
    print(`ℹ tests ${outcomes.length}`);
    print(`ℹ pass ${passed}`);
    print(`ℹ fail ${failed}`);
    print(`ℹ duration_ms ${Date.now() - started}`);
    process.exitCode = failed > 0 || outcomes.length === 0 ? 1 : 0;
  }
}

main().then(() => process.exit(process.exitCode ?? 0), async (error) => {
  console.error(`[runner] ${error?.stack ?? error}`);
  await cleanupAll();
  print('ℹ pass 0');
  print('ℹ fail 1');
  process.exit(1);
});
