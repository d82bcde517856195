/**
 * The user's work: the checklist state file (client/src/checklist/stateStore.ts) under
 * concurrent windows, external writes, injected disk failures, a read-only file and a real
 * permission failure; and quick fixes that never edit outside what they announce.
 * The store's own unit tests (test/unit/client/stateStore.test.ts) cover the single cases;
 * these push on the same guarantees with processes, interleavings and random failures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecklistStateStore } from '../../client/src/checklist/stateStore';
import { nodeStateFs, type StateFs } from '../../client/src/checklist/stateFs';
import { parseStateFile, serializeState, type ChecklistState } from '../../client/src/checklist/stateFile';
import { REPO_ROOT } from './support/corpus';
import { fuzzConfig, Prng } from './support/prng';
import { stagedBundle } from './support/stageForNobody';

const isRoot = process.getuid?.() === 0;

function workspace(): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'whfb-work-'));
  return { dir, file: join(dir, '.whfb', 'checklist.json'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function onDisk(file: string): ChecklistState {
  const parsed = parseStateFile(readFileSync(file, 'utf8'));
  assert.ok(parsed.ok, `the file is a valid state file: ${parsed.ok ? '' : parsed.message}`);
  return parsed.state;
}

const manualRetry = () => {
  const pending: (() => void)[] = [];
  return { schedule: (retry: () => void) => { pending.push(retry); return () => pending.splice(pending.indexOf(retry), 1); }, fire: () => { for (const r of pending.splice(0)) r(); } };
};

test('two windows as two processes ticking at once lose no tick', { timeout: 60_000 }, async () => {
  const ws = workspace();
  try {
    const runWindow = (prefix: string) => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'tickProcess.ts'), ws.file, prefix, '40'], { cwd: REPO_ROOT });
      let out = '';
      child.stdout.on('data', (chunk) => { out += chunk; });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`window ${prefix} exited ${code}`))));
    });
    const statuses = await Promise.all([runWindow('left'), runWindow('right'), runWindow('third')]);
    assert.deepEqual(statuses, ['ok', 'ok', 'ok']);
    const state = onDisk(ws.file);
    assert.equal(Object.keys(state.items).length, 120, 'every tick of every window is in the file');
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], 'no lock or temp file left');
  } finally {
    ws.cleanup();
  }
});

test('git pull rewrites the file while a window is writing: neither side loses a tick', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: { base: { done: true } }, extra: {} }));
    let pulled = false;
    // The pull lands after the store read the file for its write and before it renamed its temp
    // file into place: the narrowest window there is.
    const racing: StateFs = {
      ...nodeStateFs,
      async writeFileDurable(path, data) {
        await nodeStateFs.writeFileDurable(path, data);
        if (!pulled) {
          pulled = true;
          const theirs = serializeState({ version: 1, items: { base: { done: true }, 'from-git': { done: true, by: 'sam' } }, extra: {} });
          writeFileSync(`${ws.file}.git-tmp`, theirs);
          renameSync(`${ws.file}.git-tmp`, ws.file); // git writes the new blob, then renames
        }
      },
    };
    const store = new ChecklistStateStore(ws.file, { fs: racing });
    await store.reload();
    await store.setDone('mine', true);
    await store.reload();
    const items = Object.keys(onDisk(ws.file).items).sort();
    assert.deepEqual(items, ['base', 'from-git', 'mine'], 'the pulled tick and the local tick are both kept');
    assert.equal(store.isDone('from-git') && store.isDone('mine'), true);
  } finally {
    ws.cleanup();
  }
});

test('random disk failures (ENOSPC, EIO, EACCES at any step): the file is always whole, the user is told, and after recovery no tick is lost', async () => {
  const { masterSeed, scale } = fuzzConfig();
  const rounds = Math.ceil(60 * scale);
  for (let round = 0; round < rounds; round++) {
    const prng = new Prng(masterSeed + round);
    const ws = workspace();
    try {
      mkdirSync(join(ws.dir, '.whfb'));
      writeFileSync(ws.file, serializeState({ version: 1, items: { before: { done: true } }, extra: {} }));
      let armed = true;
      const failures: string[] = [];
      const fs = { ...nodeStateFs } as StateFs;
      for (const op of Object.keys(nodeStateFs) as (keyof StateFs)[]) {
        const original = nodeStateFs[op] as (...args: unknown[]) => Promise<unknown>;
        (fs as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
          // Reads and unlinks are not failed: a failed read is its own case (unreadable), and a
          // temp file whose removal fails cannot be removed by anyone.
          if (armed && op !== 'readFile' && op !== 'unlink' && prng.chance(0.25)) {
            const code = prng.pick(['ENOSPC', 'EIO', 'EACCES', 'EDQUOT']);
            failures.push(`${op}:${code}`);
            // A disk that fills up mid-write leaves part of the temp file behind.
            if (op === 'writeFileDurable') writeFileSync(String(args[0]), String(args[1]).slice(0, prng.int(0, 20)));
            throw Object.assign(new Error(`${code}: injected`), { code });
          }
          const result = await original(...args);
          // After every real step the file is a whole state file (old or new), never a part.
          if (existsSync(ws.file)) onDisk(ws.file);
          return result;
        };
      }
      const retry = manualRetry();
      const store = new ChecklistStateStore(ws.file, { fs, scheduleRetry: retry.schedule, lockTimeoutMs: 50, staleLockMs: 50 });
      await store.reload();
      const ticked: string[] = [];
      const told: string[] = [];
      for (let i = 0; i < 8; i++) {
        const id = `item-${i}`;
        ticked.push(id);
        const status = await store.setDone(id, true);
        if (status.kind !== 'ok') told.push(status.kind === 'unwritable' ? status.message : status.kind);
        assert.equal(store.isDone(id), true, 'the tick shows at once, written or not');
      }
      if (failures.length > 0) assert.ok(told.length > 0 || store.status.kind === 'ok', `round ${round}: failures ${failures.join(',')} were told to the user`);
      for (const message of told) assert.match(message, /Cannot (save checklist progress|read).*(disk is full|quota|permission denied|injected)/);
      armed = false;
      retry.fire();
      await store.reload();
      assert.equal(store.status.kind, 'ok', `round ${round}: writable again`);
      const items = Object.keys(onDisk(ws.file).items).sort();
      assert.deepEqual(items, ['before', ...ticked].sort(), `FUZZ_SEED=${masterSeed} round ${round}: no tick lost (failures: ${failures.join(', ')})`);
      assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], `round ${round}: no temp file or lock left`);
      store.dispose();
    } finally {
      ws.cleanup();
    }
  }
});

test('a read-only state file is not replaced: the user is told and its bytes stay', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const before = serializeState({ version: 1, items: { kept: { done: true } }, extra: {} });
    writeFileSync(ws.file, before);
    chmodSync(ws.file, 0o444);
    const store = new ChecklistStateStore(ws.file, { scheduleRetry: manualRetry().schedule });
    await store.reload();
    const status = await store.setDone('new', true);
    assert.equal(status.kind, 'unwritable', 'the user is told the file is read-only');
    assert.equal(readFileSync(ws.file, 'utf8'), before, 'no byte of the file changed');
    assert.equal(store.isDone('new'), true, 'the tick is kept in the window');
  } finally {
    chmodSync(ws.file, 0o644);
    ws.cleanup();
  }
});

test('a real permission failure (the folder is not writable for the user): told, nothing lost', { timeout: 60_000 }, () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const before = serializeState({ version: 1, items: { kept: { done: true } }, extra: {} });
    writeFileSync(ws.file, before);
    chmodSync(ws.dir, 0o755);
    chmodSync(join(ws.dir, '.whfb'), 0o555);
    chmodSync(ws.file, 0o644);
    // As root permissions do not apply: the window runs as "nobody" instead, from a bundle it can
    // read (the repository may be a private clone).
    const tick = join(__dirname, 'support', 'tickProcess.ts');
    const command = isRoot ? [stagedBundle(tick)] : ['--import', 'tsx', tick];
    const result = spawnSync(process.execPath, [...command, ws.file, 'denied', '3'], {
      cwd: isRoot ? ws.dir : REPO_ROOT, encoding: 'utf8', timeout: 30_000, ...(isRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: ws.dir } } : {}),
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'unwritable');
    assert.equal(readFileSync(ws.file, 'utf8'), before);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json']);
  } finally {
    chmodSync(join(ws.dir, '.whfb'), 0o755);
    ws.cleanup();
  }
});

/** A window as a process (support/tickProcess.ts); resolves with its final status and its stderr. */
function tickWindow(file: string, prefix: string, count: number, env: Record<string, string> = {}, onStderr?: (text: string) => void): Promise<{ status: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'tickProcess.ts'), file, prefix, String(count)], {
      cwd: REPO_ROOT, env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; onStderr?.(err); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ status: out.trim(), stderr: err }) : reject(new Error(`window ${prefix} exited ${code}: ${err}`))));
  });
}

test('a window whose rename stalls past the stale-lock age keeps its lock: the other window waits, and both ticks are on disk', { timeout: 120_000 }, async () => {
  const ws = workspace();
  try {
    // The slow window's rename takes 6 s, twice the stale age the windows use here (3 s): only a
    // lock its owner keeps fresh while it works survives that. Before the fix the other window
    // deleted the live lock after 3 s, wrote, and the slow rename then replaced its tick.
    const stale = { WHFB_STALE_LOCK_MS: '3000' };
    let renaming!: () => void;
    const slowRenameStarted = new Promise<void>((resolve) => { renaming = resolve; });
    const slow = tickWindow(ws.file, 'slow', 1, { ...stale, WHFB_SLOW_RENAMES: '1:6000' }, (stderr) => { if (stderr.includes('slow rename 1')) renaming(); });
    await slowRenameStarted;
    const fast = await tickWindow(ws.file, 'fast', 1, stale);
    const slowResult = await slow;
    assert.deepEqual([slowResult.status, fast.status], ['ok', 'ok']);
    assert.deepEqual(Object.keys(onDisk(ws.file).items).sort(), ['fast-0', 'slow-0'], 'both windows reported ok, and both ticks are in the file');
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], 'no lock or temp file left');
  } finally {
    ws.cleanup();
  }
});

test('three windows ticking 100 items each, one by one, with renames stalled for 3.5 s and at random: every tick reported ok is on disk, and all are', { timeout: 300_000 }, async () => {
  const ws = workspace();
  try {
    const windows = ['left', 'right', 'third'];
    // Each window stalls one rename for longer than the old 3 s lock wait, at a different point,
    // and 5% of its renames for up to 40 ms, so the windows interleave differently on every run.
    const results = await Promise.all(windows.map((prefix, index) => tickWindow(ws.file, prefix, 100, {
      WHFB_TICK_SEQUENTIAL: '1',
      WHFB_TICK_REPORT: join(ws.dir, `${prefix}.json`),
      WHFB_SLOW_RENAMES: `${20 + 30 * index}:3500,*:40:5`,
    })));
    const items = onDisk(ws.file).items;
    for (const [index, prefix] of windows.entries()) {
      const report: Record<string, string> = JSON.parse(readFileSync(join(ws.dir, `${prefix}.json`), 'utf8'));
      assert.equal(Object.keys(report).length, 100);
      const claimedButMissing = Object.entries(report).filter(([id, status]) => status === 'ok' && !items[id]).map(([id]) => id);
      assert.deepEqual(claimedButMissing, [], `${prefix}: no tick reported ok is missing from the file`);
      assert.deepEqual(Object.values(report).filter((status) => status !== 'ok'), [], `${prefix}: every write succeeded`);
      assert.equal(results[index]!.status, 'ok');
    }
    assert.equal(Object.keys(items).length, 300, 'every tick of every window is in the file');
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], 'no lock or temp file left');
  } finally {
    ws.cleanup();
  }
});
