// npm run test:electron: the same in-host suite through @vscode/test-electron, for machines that
// can download a desktop VS Code (these build machines cannot: then this fails fast and says
// so; use npm run test:integration instead). VS Code's own output shows each test.
//   VSCODE_VERSION   which VS Code to download (default: "stable")
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './bundleSuite.mjs';
import { USER_SETTINGS } from './session.mjs';
import { cacheRoot } from './install.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OVERALL_TIMEOUT_MS = Number(process.env.WHFB_IT_TIMEOUT_S || 600) * 1000;

async function main() {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node scripts/build.mjs failed');
  const tempRoot = mkdtempSync(join(tmpdir(), 'whfb-electron-'));
  try {
    const testsPath = await bundleSuite(repoRoot, join(tempRoot, 'suite'));
    const workspace = join(tempRoot, 'workspace');
    cpSync(join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
    const userDataDir = join(tempRoot, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${OVERALL_TIMEOUT_MS / 1000} s`)), OVERALL_TIMEOUT_MS);
    });
    const exitCode = await Promise.race([
      runTests({
        version: process.env.VSCODE_VERSION || 'stable',
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsPath,
        launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--skip-welcome', '--skip-release-notes'],
        // The download is the step that cannot work offline; a short idle timeout makes it fail fast.
        timeout: 20_000,
        cachePath: join(cacheRoot(), 'vscode-test'),
      }),
      deadline,
    ]).finally(() => clearTimeout(timer));
    return exitCode;
  } finally {
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code ?? 0),
  (error) => {
    const message = error?.message ?? String(error);
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download|fetch|timeout|socket/i.test(message);
    console.error(`\ntest:electron failed: ${message}`);
    if (offline) {
      console.error('@vscode/test-electron could not download VS Code (this machine has no access to update.code.visualstudio.com).\n'
        + 'Run the same suite in a real VS Code that works offline here: npm run test:integration');
    }
    process.exit(1);
  },
);
