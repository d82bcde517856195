// Puts what the in-VS-Code tests need on this machine: Debian packages (Chromium, the native
// build headers) and the VS Code server from npm `code-server`. The server tree is cached
// OUTSIDE the clone, keyed by version, so CI's fresh clones reuse it; it is built in a temp
// folder and renamed only when complete, so a half install is never picked up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync, symlinkSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const here = dirname(fileURLToPath(import.meta.url));

export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'whfb-policy-tools');
}

export function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The VS Code server's own folder inside the cached code-server install. */
export function vscodeDir() {
  return join(codeServerDir(), 'node_modules', 'code-server', 'lib', 'vscode');
}

export class SetupError extends Error {}

function isProcessAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function log(message) {
  console.log(`[setup] ${message}`);
}

function exec(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.error) throw new SetupError(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new SetupError(`${command} ${args.join(' ')} exited with ${result.status}:\n${tail}`);
  }
  return result.stdout ?? '';
}

export function aptPackages() {
  return readFileSync(join(here, 'apt-packages.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs missing apt packages when root; otherwise says exactly what to install. */
export function ensureAptPackages() {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    throw new SetupError('dpkg-query not found: the integration tests expect a Debian-like system with apt (see scripts/integration/apt-packages.txt).');
  }
  const missing = aptPackages().filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new SetupError(`missing Debian packages: ${missing.join(' ')}\n  install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  exec('apt-get', ['update', '-qq'], { env });
  exec('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/** Returns the VS Code server folder, installing it into the cache first if needed. */
export function ensureCodeServer() {
  const finalDir = codeServerDir();
  if (existsSync(join(finalDir, '.complete'))) return vscodeDir();
  if (existsSync(finalDir)) rmSync(finalDir, { recursive: true, force: true });

  mkdirSync(cacheRoot(), { recursive: true });
  // Sweep interrupted installs of this version before starting a new one, but only those whose
  // process is gone: two test runs on one machine must not delete each other's install halfway.
  const tempPrefix = `code-server-${CODE_SERVER_VERSION}.tmp-`;
  for (const entry of readdirSync(cacheRoot())) {
    if (entry.startsWith(tempPrefix) && !isProcessAlive(Number(entry.slice(tempPrefix.length)))) {
      rmSync(join(cacheRoot(), entry), { recursive: true, force: true });
    }
  }
  const tempDir = `${finalDir}.tmp-${process.pid}`;
  mkdirSync(tempDir, { recursive: true });
  writeFileSync(join(tempDir, 'package.json'), JSON.stringify({ name: 'whfb-vscode-server-cache', private: true }, null, 2));

  // node-gyp must use the headers that ship with this Node, not download them (no internet).
  const nodePrefix = dirname(dirname(process.execPath));
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...(existsSync(join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {}),
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} (VS Code server) into ${finalDir} (first run only, a few minutes)`);
  exec(npm, ['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: tempDir, env });

  const vscode = join(tempDir, 'node_modules', 'code-server', 'lib', 'vscode');
  log('installing the VS Code server dependencies');
  exec(npm, ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscode, env });
  log('rebuilding native modules');
  exec(npm, ['rebuild', 'kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'], { cwd: vscode, env });

  // @vscode/ripgrep's postinstall downloads rg from the internet; use Debian's.
  const rgDir = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const systemRg = exec('sh', ['-c', 'command -v rg']).trim();
  copyFileSync(systemRg, join(rgDir, 'rg'));
  const asar = join(vscode, 'node_modules.asar');
  rmSync(asar, { force: true, recursive: true });
  symlinkSync('node_modules', asar);

  log('installing the built-in extensions\' dependencies');
  exec(npm, ['install', '--omit=dev', '--ignore-scripts'], { cwd: join(vscode, 'extensions'), env });

  writeFileSync(join(tempDir, '.complete'), `code-server ${CODE_SERVER_VERSION}\n`);
  try {
    renameSync(tempDir, finalDir);
  } catch (error) {
    // Another run finished the same install first: use its copy and drop ours.
    if (!existsSync(join(finalDir, '.complete'))) throw error;
    rmSync(tempDir, { recursive: true, force: true });
  }
  log(`VS Code server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return vscodeDir();
}

// `node scripts/integration/install.mjs` prepares the machine without running tests.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureAptPackages();
    console.log(ensureCodeServer());
  } catch (error) {
    console.error(`[setup] ${error instanceof SetupError ? error.message : error?.stack ?? error}`);
    process.exit(1);
  }
}
