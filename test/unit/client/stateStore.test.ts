import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChecklistStateStore } from '../../../client/src/checklist/stateStore';
import { MAX_STATE_FILE_BYTES, nodeStateFs, type StateFs } from '../../../client/src/checklist/stateFs';
import { resolveStateFilePath } from '../../../client/src/checklist/stateFilePath';
import { REPO_ROOT } from '../../robustness/support/corpus';
import { stagedBundle } from '../../robustness/support/stageForNobody';
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

test('a real read-only directory: told, nothing written, tick kept (as root, run as the unprivileged user "nobody")', { timeout: 60_000 }, async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: {}, extra: {} }));
    const before = readFileSync(ws.file, 'utf8');
    chmodSync(join(ws.dir, '.whfb'), 0o555);
    if (process.getuid?.() === 0) {
      // Permissions do not apply to root: the window runs as "nobody", from a bundle staged where
      // "nobody" can read it (the repository may be a private clone).
      chmodSync(ws.dir, 0o755);
      const window = stagedBundle(join(REPO_ROOT, 'test', 'robustness', 'support', 'tickProcess.ts'));
      const run = spawnSync(process.execPath, [window, ws.file, 'a', '1'], {
        cwd: ws.dir, encoding: 'utf8', timeout: 30_000, uid: 65534, gid: 65534, env: { ...process.env, HOME: ws.dir },
      });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), 'unwritable');
    } else {
      const store = new ChecklistStateStore(ws.file, { scheduleRetry: manualRetry().schedule });
      await store.reload();
      const status = await store.setDone('a', true);
      assert.equal(status.kind, 'unwritable');
      assert.match(status.kind === 'unwritable' ? status.message : '', /permission denied/);
      assert.equal(store.isDone('a'), true);
    }
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

test('a window releases only its own lock: one put in its place while it wrote stays', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const theirs = '4242 0123456789abcdef\n';
    // While this window renames, another window takes the lock (as if it had found ours stale).
    const replacing: StateFs = {
      ...nodeStateFs,
      async rename(from, to) {
        writeFileSync(`${ws.file}.lock`, theirs);
        await nodeStateFs.rename(from, to);
      },
    };
    const store = new ChecklistStateStore(ws.file, { fs: replacing });
    await store.reload();
    assert.equal((await store.setDone('a', true)).kind, 'ok');
    assert.equal(readFileSync(`${ws.file}.lock`, 'utf8'), theirs, 'the other window\'s lock is not removed');
  } finally {
    ws.cleanup();
  }
});

test('a window whose lock was taken over while it wrote does not rename its stale merge: it locks again and merges again', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, serializeState({ version: 1, items: { base: { done: true } }, extra: {} }));
    let tookOver = false;
    // After this window wrote its temp file, another window breaks its lock, writes its own tick
    // and releases: the merge this window prepared lacks that tick.
    const stalled: StateFs = {
      ...nodeStateFs,
      async writeFileDurable(path, data) {
        await nodeStateFs.writeFileDurable(path, data);
        if (!tookOver) {
          tookOver = true;
          writeFileSync(`${ws.file}.lock`, '4242 other\n');
          writeFileSync(ws.file, serializeState({ version: 1, items: { base: { done: true }, theirs: { done: true } }, extra: {} }));
          unlinkSync(`${ws.file}.lock`);
        }
      },
    };
    const store = new ChecklistStateStore(ws.file, { fs: stalled });
    await store.reload();
    assert.equal((await store.setDone('mine', true)).kind, 'ok');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(ws.file, 'utf8')).items).sort(), ['base', 'mine', 'theirs']);
    assert.deepEqual(readdirSync(join(ws.dir, '.whfb')), ['checklist.json']);
  } finally {
    ws.cleanup();
  }
});

test('a change replaced on disk right after its rename is not reported saved: it is merged and written again', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    let replaced = 0;
    // A writer that ignores the lock replaces the file right after each of our renames, with a
    // file that lacks our tick.
    const clobbering: StateFs = {
      ...nodeStateFs,
      async rename(from, to) {
        await nodeStateFs.rename(from, to);
        if (replaced < 2) {
          replaced++;
          writeFileSync(ws.file, serializeState({ version: 1, items: { [`theirs-${replaced}`]: { done: true } }, extra: {} }));
        }
      },
    };
    const store = new ChecklistStateStore(ws.file, { fs: clobbering });
    await store.reload();
    assert.equal((await store.setDone('mine', true)).kind, 'ok');
    assert.ok(JSON.parse(readFileSync(ws.file, 'utf8')).items.mine, 'reported ok only once the tick is on disk');

    // A writer that always wins: the store never claims the tick is saved.
    const always: StateFs = {
      ...nodeStateFs,
      async rename(from, to) {
        await nodeStateFs.rename(from, to);
        writeFileSync(ws.file, serializeState({ version: 1, items: {}, extra: {} }));
      },
    };
    const retry = manualRetry();
    const losing = new ChecklistStateStore(ws.file, { fs: always, scheduleRetry: retry.schedule });
    await losing.reload();
    const status = await losing.setDone('never', true);
    assert.equal(status.kind, 'unwritable');
    assert.match(status.kind === 'unwritable' ? status.message : '', /kept replacing the file.*kept in this window/);
    assert.equal(losing.isDone('never'), true, 'the tick stays in the window');
    assert.equal(losing.hasUnsavedChanges, true);
    assert.equal(retry.count, 1, 'and is tried again');
  } finally {
    ws.cleanup();
  }
});

test('a live lock held longer than the wait: the write gives up with a message, takes nothing over, and is retried', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(`${ws.file}.lock`, '4242 live\n');
    const retry = manualRetry();
    const store = new ChecklistStateStore(ws.file, { lockTimeoutMs: 100, scheduleRetry: retry.schedule });
    await store.reload();
    const status = await store.setDone('a', true);
    assert.equal(status.kind, 'unwritable');
    assert.match(status.kind === 'unwritable' ? status.message : '', /another window.*saving it.*not taken over.*kept in this window/);
    assert.equal(readFileSync(`${ws.file}.lock`, 'utf8'), '4242 live\n');
    assert.equal(existsSync(ws.file), false);
    unlinkSync(`${ws.file}.lock`);
    retry.fire();
    assert.equal((await store.reload()).kind, 'ok');
    assert.ok(JSON.parse(readFileSync(ws.file, 'utf8')).items.a);
  } finally {
    ws.cleanup();
  }
});

test('__proto__, constructor and prototype keys in the file are kept as data on rewrite', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(ws.file, JSON.stringify({
      version: 1,
      items: JSON.parse('{"__proto__": {"done": true, "by": "p"}, "constructor": {"done": true}, "prototype": {"done": true}}'),
      ...JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "future": {"__proto__": {"deep": 2}, "prototype": [1]}}'),
    }));
    const store = new ChecklistStateStore(ws.file);
    assert.equal((await store.reload()).kind, 'ok');
    assert.equal(store.isDone('__proto__'), true);
    assert.equal(store.isDone('constructor'), true);
    assert.equal(store.isDone('toString'), false, 'a name inherited by plain objects is not a tick');
    await store.setDone('new', true);
    await store.setDone('prototype', false);
    const text = readFileSync(ws.file, 'utf8');
    const written = JSON.parse(text);
    assert.deepEqual(Object.keys(written.items), ['__proto__', 'constructor', 'new']);
    assert.deepEqual(Object.keys(written), ['version', 'items', '__proto__', 'constructor', 'future']);
    assert.match(text, /"__proto__": \{\n    "polluted": true\n  \}/);
    assert.match(text, /"future": \{\n    "__proto__": \{\n      "deep": 2\n    \},\n    "prototype": \[/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'nothing reached Object.prototype');
  } finally {
    ws.cleanup();
  }
});

/** A workspace folder and, beside it, a folder standing for anything outside it (a home folder). */
function workspaceAndOutside(): { dir: string; file: string; outside: string; cleanup(): void } {
  const ws = workspace();
  const outside = mkdtempSync(join(tmpdir(), 'whfb-outside-'));
  return { ...ws, outside, cleanup: () => { ws.cleanup(); rmSync(outside, { recursive: true, force: true }); } };
}

test('a committed .whfb link out of the workspace: nothing is read or written there, the user is told, the tick stays in the window', async () => {
  const ws = workspaceAndOutside();
  try {
    symlinkSync(ws.outside, join(ws.dir, '.whfb'));
    const store = new ChecklistStateStore(ws.file, { workspaceFolder: ws.dir, scheduleRetry: manualRetry().schedule });
    const status = await store.reload();
    assert.equal(status.kind, 'unwritable');
    assert.match(status.kind === 'unwritable' ? status.message : '', /checklist\.json is a symbolic link \(or goes through one\) to .*outside the workspace folder.*neither read nor written/);
    const tick = await store.setDone('a', true);
    assert.equal(tick.kind, 'unwritable');
    assert.equal(store.isDone('a'), true, 'the tick is shown');
    assert.deepEqual(readdirSync(ws.outside), [], 'no state, lock or temp file outside the workspace');
  } finally {
    ws.cleanup();
  }
});

test('docs -> $HOME with the state file docs/.bashrc: the outside file is not read, shown, renamed or replaced, even by Reset', async () => {
  const ws = workspaceAndOutside();
  try {
    const bashrc = join(ws.outside, '.bashrc');
    const secret = 'export TOKEN=s3cr3t-value\n';
    writeFileSync(bashrc, secret);
    symlinkSync(ws.outside, join(ws.dir, 'docs'));
    const location = resolveStateFilePath(ws.dir, 'docs/.bashrc');
    const store = new ChecklistStateStore(location.path, { workspaceFolder: ws.dir, scheduleRetry: manualRetry().schedule });
    const status = await store.reload();
    assert.equal(status.kind, 'unwritable', 'refused, not reported as a corrupt state file');
    assert.ok(!(status.kind === 'unwritable' && status.message.includes('s3cr3t')), 'no byte of the outside file is shown');
    await store.setDone('a', true);
    const reset = await store.resetCorrupt();
    assert.equal(reset.backupPath, undefined);
    assert.equal(readFileSync(bashrc, 'utf8'), secret);
    assert.deepEqual(readdirSync(ws.outside), ['.bashrc']);
  } finally {
    ws.cleanup();
  }
});

test('a link out of the workspace that appears later (a git pull) is refused from the next operation on', async () => {
  const ws = workspaceAndOutside();
  try {
    const store = new ChecklistStateStore(ws.file, { workspaceFolder: ws.dir, scheduleRetry: manualRetry().schedule });
    await store.reload();
    assert.equal((await store.setDone('before', true)).kind, 'ok');
    rmSync(join(ws.dir, '.whfb'), { recursive: true });
    symlinkSync(ws.outside, join(ws.dir, '.whfb'));
    assert.equal((await store.setDone('after', true)).kind, 'unwritable');
    assert.equal((await store.reload()).kind, 'unwritable');
    assert.deepEqual(readdirSync(ws.outside), []);
    // The file itself replaced by a link out of the workspace.
    rmSync(join(ws.dir, '.whfb'));
    mkdirSync(join(ws.dir, '.whfb'));
    writeFileSync(join(ws.outside, 'elsewhere.json'), serializeState({ version: 1, items: {}, extra: {} }));
    symlinkSync(join(ws.outside, 'elsewhere.json'), ws.file);
    assert.equal((await store.setDone('again', true)).kind, 'unwritable');
    assert.deepEqual(readdirSync(ws.outside), ['elsewhere.json']);
    assert.deepEqual(JSON.parse(readFileSync(join(ws.outside, 'elsewhere.json'), 'utf8')).items, {});
    // The link removed: the next reload saves what the window kept ("before" went with the old folder).
    unlinkSync(ws.file);
    assert.equal((await store.reload()).kind, 'ok');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(ws.file, 'utf8')).items).sort(), ['after', 'again']);
  } finally {
    ws.cleanup();
  }
});

test('links that stay inside the workspace are followed: the link is kept and its target updated', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, 'progress'));
    symlinkSync('progress', join(ws.dir, '.whfb'));
    writeFileSync(join(ws.dir, 'progress', 'shared.json'), serializeState({ version: 1, items: { kept: { done: true } }, extra: {} }));
    symlinkSync('shared.json', join(ws.dir, 'progress', 'checklist.json'));
    const store = new ChecklistStateStore(ws.file, { workspaceFolder: ws.dir });
    assert.equal((await store.reload()).kind, 'ok');
    assert.equal((await store.setDone('new', true)).kind, 'ok');
    assert.ok(lstatSync(join(ws.dir, 'progress', 'checklist.json')).isSymbolicLink(), 'the link is still a link');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(ws.dir, 'progress', 'shared.json'), 'utf8')).items).sort(), ['kept', 'new']);
    assert.deepEqual(readdirSync(join(ws.dir, 'progress')).sort(), ['checklist.json', 'shared.json']);
  } finally {
    ws.cleanup();
  }
});

test('a dangling link and a link loop on the way to the state file are refused with a message', async () => {
  const ws = workspaceAndOutside();
  try {
    symlinkSync(join(ws.outside, 'not-yet'), join(ws.dir, '.whfb'));
    const store = new ChecklistStateStore(ws.file, { workspaceFolder: ws.dir, scheduleRetry: manualRetry().schedule });
    const dangling = await store.setDone('a', true);
    assert.match(dangling.kind === 'unwritable' ? dangling.message : '', /symbolic link to something that does not exist/);
    assert.deepEqual(readdirSync(ws.outside), [], 'the link target was not created');
    rmSync(join(ws.dir, '.whfb'));
    symlinkSync('.whfb', join(ws.dir, '.whfb'));
    const loop = await store.reload();
    assert.match(loop.kind === 'unwritable' ? loop.message : '', /symbolic link loop/);
  } finally {
    ws.cleanup();
  }
});

test('a device as the state file (/dev/zero, /dev/urandom) is not read: a clear message at once, on every read', { timeout: 60_000 }, async () => {
  for (const device of ['/dev/zero', '/dev/urandom']) {
    const ws = workspace();
    try {
      mkdirSync(join(ws.dir, '.whfb'));
      symlinkSync(device, ws.file);
      // The device sits inside no workspace folder: the store is run without one, so only the file-type check stands in the way.
      const store = new ChecklistStateStore(ws.file, { scheduleRetry: manualRetry().schedule });
      const status = await store.reload();
      assert.equal(status.kind === 'unwritable' && status.code, 'ENOTREG', device);
      assert.match(status.kind === 'unwritable' ? status.message : '', /not a regular file \(a device, a named pipe or a socket\)/);
      assert.equal((await store.setDone('a', true)).kind, 'unwritable');
      assert.equal(store.isDone('a'), true);
    } finally {
      ws.cleanup();
    }
  }
});

test('a named pipe as the state file never blocks a read, at load or after', { timeout: 60_000 }, async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const store = new ChecklistStateStore(ws.file, { workspaceFolder: ws.dir, scheduleRetry: manualRetry().schedule });
    assert.equal((await store.setDone('before', true)).kind, 'ok');
    unlinkSync(ws.file);
    const made = spawnSync('mkfifo', [ws.file]);
    assert.equal(made.status, 0, `mkfifo creates the pipe: ${made.stderr}`);
    const status = await store.setDone('after', true);
    assert.equal(status.kind === 'unwritable' && status.code, 'ENOTREG');
    assert.equal((await store.reload()).kind, 'unwritable');
    assert.ok(lstatSync(ws.file).isFIFO(), 'the pipe is left as it is');
    unlinkSync(ws.file);
    assert.equal((await store.reload()).kind, 'ok', 'the pipe removed: writable again');
    assert.ok(JSON.parse(readFileSync(ws.file, 'utf8')).items.after);
  } finally {
    ws.cleanup();
  }
});

test('a state file over 4 MB is not read: the user is told why', async () => {
  const ws = workspace();
  try {
    mkdirSync(join(ws.dir, '.whfb'));
    const huge = serializeState({ version: 1, items: {}, extra: { padding: 'x'.repeat(MAX_STATE_FILE_BYTES) } });
    writeFileSync(ws.file, huge);
    const store = new ChecklistStateStore(ws.file, { scheduleRetry: manualRetry().schedule });
    const status = await store.reload();
    assert.equal(status.kind === 'unwritable' && status.code, 'EFBIG');
    assert.match(status.kind === 'unwritable' ? status.message : '', /larger than 4 MB/);
    await store.setDone('a', true);
    assert.equal(readFileSync(ws.file, 'utf8'), huge, 'the file is left as it is');
  } finally {
    ws.cleanup();
  }
});
