// Every process the runner starts is registered here and ended by its id when the run ends,
// also on failure, timeout and Ctrl+C, so no VS Code server or Chromium outlives the tests.
import { spawn } from 'node:child_process';

const children = new Set();
const cleanups = [];

/** Spawns in its own process group so the whole tree it starts (extension hosts) can be ended. */
export function spawnTracked(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: process.platform !== 'win32' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function onCleanup(fn) {
  cleanups.push(fn);
}

export function killTree(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

/** Ends one child (and its group): SIGTERM, then SIGKILL if it has not exited after a grace period. */
export async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killTree(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killTree(child, 'SIGKILL');
    await exited;
  }
}

export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch (error) { console.error(`[runner] cleanup: ${error?.message ?? error}`); }
  }
  await Promise.all([...children].map((child) => stopChild(child)));
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[runner] ${signal}: stopping VS Code and Chromium`);
    // Synchronous part first so nothing survives even if the async cleanup is cut short.
    for (const child of children) killTree(child, 'SIGKILL');
    cleanupAll().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  for (const child of children) killTree(child, 'SIGKILL');
});
