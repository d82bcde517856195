import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecklistStateStore } from '../../../client/src/checklist/stateStore';
import { nodeStateFs, type StateFs } from '../../../client/src/checklist/stateFs';
import { parseStateFile, serializeState } from '../../../client/src/checklist/stateFile';

function workspace(): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'whfb-state-'));
  return { dir, file: join(dir, '.whfb', 'checklist.json'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const fixedNow = () => new Date('2025-01-02T03:04:05.000Z');

/** A retry scheduler the test fires by hand, so no test waits on a timer. */
function manualRetry() {
  const pending: (() => void)[] = [];
  return {
    schedule: (retry: () => void) => { pending.push(retry); return () => { pending.splice(pending.indexOf(retry), 1); }; },
    fire: () => { for (const retry of pending.splice(0)) retry(); },
    get count() { return pending.length; },
  };
}

function failing(code: string, when: (op: keyof StateFs, path: string) => boolean): StateFs & { armed: boolean } {
  const facade = {
    armed: true,
    ...nodeStateFs,
  } as StateFs & { armed: boolean };
  for (const op of Object.keys(nodeStateFs) as (keyof StateFs)[]) {
    const original = nodeStateFs[op] as (...args: unknown[]) => Promise<unknown>;
    (facade as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
      if (facade.armed && when(op, String(args[0]))) {
        // A disk that fills up mid-write leaves a partial temp file behind: the store must remove it.
        if (op === 'writeFileDurable') writeFileSync(String(args[0]), String(args[1]).slice(0, 10));
        throw Object.assign(new Error(`${code}: simulated`), { code });
      }
      return original(...args);
    };
  }
  return facade;
}

test('a tick is written pretty-printed with sorted keys, version first, and the author and time', async () => {
  const ws = workspace();
  try {
    const store = new ChecklistStateStore(ws.file, { author: 'alex', now: fixedNow });
    await store.reload();
    await store.setModel('hybrid-cloud-kerberos-trust');
    await store.setDone('zeta-step', true);
    await store.setDone('alpha-step', true);
    const text = readFileSync(ws.file, 'utf8');
    assert.equal(text, [
      '{',
      '  "version": 1,',
      '  "model": "hybrid-cloud-kerberos-trust",',
      '  "items": {',
      '    "alpha-step": {',
      '      "at": "2025-01-02T03:04:05.000Z",',
      '      "by": "alex",',
      '      "done": true',
      '    },',
      '    "zeta-step": {',
      '      "at": "2025-01-02T03:04:05.000Z",',
      '      "by": "alex",',
      '      "done": true',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'));
    await store.setDone('zeta-step', false);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(ws.file, 'utf8')).items), ['alpha-step']);
    assert.equal(store.status.kind, 'ok');
  } finally {
    ws.cleanup();
  }
});

test('atomic write: the file is never seen half-written and no temp file or lock remains', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: { old: { done: true } }, extra: {} }));
    const before = readFileSync(ws.file, 'utf8');
    const seenDuringWrite: string[] = [];
    const observing: StateFs = {
      ...nodeStateFs,
      async writeFileDurable(path, data) {
        await nodeStateFs.writeFileDurable(path, data);
        seenDuringWrite.push(readFileSync(ws.file, 'utf8'));
      },
    };
    const store = new ChecklistStateStore(ws.file, { fs: observing });
    await store.reload();
    await store.setDone('new', true);
    assert.deepEqual(seenDuringWrite, [before], 'while the temp file is written the old file is intact');
    const after = parseStateFile(readFileSync(ws.file, 'utf8'));
    assert.ok(after.ok);
    assert.deepEqual(Object.keys(after.state.items).sort(), ['new', 'old']);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json']);
  } finally {
    ws.cleanup();
  }
});

test('a change made outside the editor (git pull) is picked up on reload, and local ticks survive it', async () => {
  const ws = workspace();
  try {
    const store = new ChecklistStateStore(ws.file);
    await store.reload();
    await store.setDone('mine', true);
    let changes = 0;
    store.onDidChange(() => changes++);
    const pulled = JSON.parse(readFileSync(ws.file, 'utf8'));
    pulled.items.theirs = { done: true, by: 'sam' };
    pulled.model = 'cloud-only';
    writeFileSync(ws.file, JSON.stringify(pulled));
    await store.reload();
    assert.ok(changes > 0);
    assert.equal(store.isDone('theirs'), true);
    assert.equal(store.isDone('mine'), true);
    assert.equal(store.model, 'cloud-only');
  } finally {
    ws.cleanup();
  }
});

test('two windows ticking at the same time lose no tick', async () => {
  const ws = workspace();
  try {
    const first = new ChecklistStateStore(ws.file);
    const second = new ChecklistStateStore(ws.file);
    await Promise.all([first.reload(), second.reload()]);
    const ticks: Promise<unknown>[] = [];
    for (let i = 0; i < 15; i++) {
      ticks.push(first.setDone(`first-${i}`, true));
      ticks.push(second.setDone(`second-${i}`, true));
    }
    await Promise.all(ticks);
    const onDisk = parseStateFile(readFileSync(ws.file, 'utf8'));
    assert.ok(onDisk.ok);
    assert.equal(Object.keys(onDisk.state.items).length, 30);
    // Each window also sees the other's ticks after reading the file again.
    await first.reload();
    assert.equal(first.isDone('second-14'), true);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], 'no lock or temp file left');
  } finally {
    ws.cleanup();
  }
});

test('one window unticking does not undo the other window\'s ticks', async () => {
  const ws = workspace();
  try {
    const first = new ChecklistStateStore(ws.file);
    const second = new ChecklistStateStore(ws.file);
    await first.reload();
    await first.setDone('a', true);
    await second.reload();
    await first.setDone('b', true);
    await second.setDone('a', false); // second never saw b
    const onDisk = parseStateFile(readFileSync(ws.file, 'utf8'));
    assert.ok(onDisk.ok);
    assert.deepEqual(Object.keys(onDisk.state.items), ['b']);
  } finally {
    ws.cleanup();
  }
});

test('a corrupt file is never overwritten: ticks are refused with a clear message; reset keeps a backup', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const corrupt = '{ "version": 1, "items": { "a": { "done": true }, }';
    writeFileSync(ws.file, corrupt);
    const store = new ChecklistStateStore(ws.file, { now: fixedNow });
    const status = await store.reload();
    assert.equal(status.kind, 'corrupt');
    assert.match(status.kind === 'corrupt' ? status.message : '', /checklist\.json cannot be read: it is not valid JSON.*Reset checklist/);
    const refused = await store.setDone('b', true);
    assert.equal(refused.kind, 'corrupt');
    assert.equal(store.isDone('b'), false);
    await store.setModel('cloud-only');
    assert.equal(readFileSync(ws.file, 'utf8'), corrupt, 'the corrupt file keeps its bytes');

    // The user fixes it by hand: the store is writable again.
    writeFileSync(ws.file, '{ "version": 1, "items": { "a": { "done": true } } }');
    assert.equal((await store.reload()).kind, 'ok');
    await store.setDone('b', true);
    assert.equal(store.isDone('a') && store.isDone('b'), true);

    // Corrupt again (a bad merge), and this time the user chooses reset.
    writeFileSync(ws.file, '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> main\n');
    assert.equal((await store.reload()).kind, 'corrupt');
    const reset = await store.resetCorrupt();
    assert.equal(reset.status.kind, 'ok');
    assert.equal(reset.backupPath, `${ws.file}.corrupt-2025-01-02T03-04-05-000Z`);
    assert.match(readFileSync(reset.backupPath!, 'utf8'), /<<<<<<< HEAD/);
    assert.ok(parseStateFile(readFileSync(ws.file, 'utf8')).ok);
  } finally {
    ws.cleanup();
  }
});

test('wrong shape counts as corrupt', () => {
  assert.equal(parseStateFile('{"version": 2, "items": {}}').ok, false);
  assert.equal(parseStateFile('[]').ok, false);
  assert.equal(parseStateFile('{"version": 1, "items": {"a": true}}').ok, false);
  assert.equal(parseStateFile('{"version": 1, "model": 3, "items": {}}').ok, false);
  assert.equal(parseStateFile('').ok, true, 'an empty file is a new file');
  const kept = parseStateFile('{"version": 1, "items": {}, "futureKey": {"b": 1, "a": 2}}');
  assert.ok(kept.ok);
  assert.match(serializeState(kept.state), /"futureKey": \{\n    "a": 2,\n    "b": 1/, 'unknown keys survive a rewrite');
});

test('ENOSPC: the file keeps its bytes, the temp file is removed, the tick stays in memory and is retried', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: { old: { done: true } }, extra: {} }));
    const before = readFileSync(ws.file, 'utf8');
    const fs = failing('ENOSPC', (op) => op === 'writeFileDurable');
    const retry = manualRetry();
    const store = new ChecklistStateStore(ws.file, { fs, scheduleRetry: retry.schedule });
    await store.reload();
    const status = await store.setDone('new', true);
    assert.equal(status.kind, 'unwritable');
    assert.match(status.kind === 'unwritable' ? status.message : '', /disk is full.*kept in this window/);
    assert.equal(store.isDone('new'), true, 'the tick is shown');
    assert.equal(readFileSync(ws.file, 'utf8'), before);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json'], 'partial temp file and lock removed');
    assert.equal(retry.count, 1);

    fs.armed = false;
    retry.fire();
    await store.reload(); // queued behind the retry
    assert.equal(store.status.kind, 'ok');
    const onDisk = parseStateFile(readFileSync(ws.file, 'utf8'));
    assert.ok(onDisk.ok && onDisk.state.items.new?.done);
  } finally {
    ws.cleanup();
  }
});

test('EACCES / EROFS on the directory: clear message, nothing written, tick kept', async () => {
  for (const code of ['EACCES', 'EROFS']) {
    const ws = workspace();
    try {
      const fs = failing(code, (op) => op === 'mkdirp' || op === 'createExclusive');
      const store = new ChecklistStateStore(ws.file, { fs, scheduleRetry: manualRetry().schedule });
      await store.reload();
      const status = await store.setDone('a', true);
      assert.equal(status.kind, 'unwritable');
      assert.equal(status.kind === 'unwritable' && status.code, code);
      assert.equal(store.isDone('a'), true);
      assert.equal(existsSync(ws.file), false);
    } finally {
      ws.cleanup();
    }
  }
});

test('a real read-only directory (skipped as root, where permissions do not apply)', { skip: process.getuid?.() === 0 }, async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: {}, extra: {} }));
    const before = readFileSync(ws.file, 'utf8');
    chmodSync(join(ws.dir, '.whfb'), 0o555);
    const store = new ChecklistStateStore(ws.file, { scheduleRetry: manualRetry().schedule });
    await store.reload();
    const status = await store.setDone('a', true);
    assert.equal(status.kind, 'unwritable');
    assert.equal(readFileSync(ws.file, 'utf8'), before);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json']);
  } finally {
    chmodSync(join(ws.dir, '.whfb'), 0o755);
    ws.cleanup();
  }
});

test('a lock left by a crashed window is taken over', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(`${ws.file}.lock`, '99999\n');
    const store = new ChecklistStateStore(ws.file, { staleLockMs: 0 });
    await store.reload();
    assert.equal((await store.setDone('a', true)).kind, 'ok');
    assert.equal(existsSync(`${ws.file}.lock`), false);
  } finally {
    ws.cleanup();
  }
});

/** Sets a file's modification time `ageMs` into the past. */
function age(path: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
}

test('a lock older than 10 seconds, left by a crashed window, is taken over with the default settings', { timeout: 60_000 }, async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(`${ws.file}.lock`, '99999\n');
    age(`${ws.file}.lock`, 11_000);
    // The wait for a live lock is made long, so only the lock's age can explain the takeover.
    const store = new ChecklistStateStore(ws.file, { lockTimeoutMs: 600_000 });
    await store.reload();
    assert.equal((await store.setDone('a', true)).kind, 'ok');
    assert.equal(parseStateFile(readFileSync(ws.file, 'utf8')).ok, true);
    assert.ok(store.isDone('a'));
    assert.equal(existsSync(`${ws.file}.lock`), false, 'the stale lock is gone, and ours released');
  } finally {
    ws.cleanup();
  }
});

test('a live lock (another window writing) is waited for, not taken over', { timeout: 60_000 }, async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(`${ws.file}.lock`, '99999\n');
    const store = new ChecklistStateStore(ws.file, { lockTimeoutMs: 600_000 });
    await store.reload();
    const saved = store.setDone('a', true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(existsSync(ws.file), false, 'nothing written while the other window holds the lock');
    assert.equal(readFileSync(`${ws.file}.lock`, 'utf8'), '99999\n', 'the other window\'s lock untouched');
    unlinkSync(`${ws.file}.lock`);
    assert.equal((await saved).kind, 'ok');
    assert.ok(parseStateFile(readFileSync(ws.file, 'utf8')).ok);
  } finally {
    ws.cleanup();
  }
});

test('temp files left by a window that died mid-write are removed on load; fresh ones and other files stay', async () => {
  const ws = workspace();
  try {
    const folder = join(ws.dir, '.whfb');
    mkdirSync(folder);
    writeFileSync(ws.file, serializeState({ version: 1, items: { kept: { done: true } }, extra: {} }));
    const crashed = join(folder, '.checklist.json.4242.0badc0de.tmp');
    const crashedLongAgo = join(folder, '.checklist.json.17.deadbeef.tmp');
    const writing = join(folder, '.checklist.json.4343.00c0ffee.tmp');
    const notOurs = ['.checklist.json.notes.tmp', 'other.json.1.0badc0de.tmp', '.other.json.1.0badc0de.tmp', 'checklist.json.1.0badc0de.tmp'];
    writeFileSync(crashed, '{"version": 1, "it');
    writeFileSync(crashedLongAgo, '');
    writeFileSync(writing, '{"version": 1');
    for (const name of notOurs) writeFileSync(join(folder, name), 'x');
    age(crashed, 2 * 60_000);
    age(crashedLongAgo, 30 * 24 * 3600_000);
    for (const name of notOurs) age(join(folder, name), 2 * 60_000);

    const store = new ChecklistStateStore(ws.file);
    assert.equal((await store.reload()).kind, 'ok');
    assert.ok(store.isDone('kept'), 'the state itself is read as before');
    assert.deepEqual(readdirSync(folder).sort(), ['.checklist.json.4343.00c0ffee.tmp', 'checklist.json', ...notOurs].sort());
  } finally {
    ws.cleanup();
  }
});

test('removing stale temp files never stands in the way of loading', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: { kept: { done: true } }, extra: {} }));
    writeFileSync(join(ws.dir, '.whfb', '.checklist.json.1.0badc0de.tmp'), '');
    age(join(ws.dir, '.whfb', '.checklist.json.1.0badc0de.tmp'), 2 * 60_000);
    for (const op of ['readdir', 'mtimeMs', 'unlink'] as const) {
      const store = new ChecklistStateStore(ws.file, { fs: failing('EACCES', (called) => called === op) });
      assert.equal((await store.reload()).kind, 'ok', `${op} failing`);
      assert.ok(store.isDone('kept'));
    }
  } finally {
    ws.cleanup();
  }
});
