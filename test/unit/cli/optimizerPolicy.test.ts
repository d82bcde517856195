/**
 * whfb-lint leaves V8's optimizing compiler on only for runs long enough to pay it back: a
 * one-thread run by the bytes it will read (one 5 MB export is long, a folder of small policies
 * is not), a multi-thread run by its files per thread.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candidate } from '../../../server/src/cli/collectFiles';
import { OPTIMIZE_FROM_BYTES_ON_ONE_THREAD, OPTIMIZE_FROM_FILES_PER_THREAD, worthOptimizing } from '../../../server/src/cli/optimizerPolicy';

const scratch = mkdtempSync(join(tmpdir(), 'whfb-optimizer-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function candidate(name: string, bytes: number): Candidate {
  const absolutePath = join(scratch, name);
  writeFileSync(absolutePath, 'x'.repeat(bytes));
  return { absolutePath, displayPath: name, explicit: false, named: false };
}

test('one thread: small files leave the optimizer off, one large export turns it on', () => {
  const small = Array.from({ length: 20 }, (_, i) => candidate(`p${i}.whfb.yaml`, 2_000));
  assert.equal(worthOptimizing(small, 1), false);
  const large = candidate('export.json', OPTIMIZE_FROM_BYTES_ON_ONE_THREAD);
  assert.equal(worthOptimizing([...small, large], 1), true);
});

test('one thread: a file that vanished or cannot be read counts as nothing', () => {
  const missing: Candidate = { absolutePath: join(scratch, 'gone.whfb.yaml'), displayPath: 'gone.whfb.yaml', explicit: true, named: true };
  const throughAFile: Candidate = { absolutePath: join(scratch, 'p0.whfb.yaml', 'below'), displayPath: 'below', explicit: true, named: true };
  assert.equal(worthOptimizing([missing, throughAFile], 1), false);
});

test('several threads: the files per thread decide, without reading sizes', () => {
  const unread = (i: number): Candidate => ({ absolutePath: join(scratch, 'never', `f${i}`), displayPath: `f${i}`, explicit: false, named: false });
  const few = Array.from({ length: 2 * OPTIMIZE_FROM_FILES_PER_THREAD - 2 }, (_, i) => unread(i));
  assert.equal(worthOptimizing(few, 2), false);
  assert.equal(worthOptimizing([...few, unread(-1), unread(-2)], 2), true);
});
