/**
 * The server's heap settings are set from inside the process (server/heapSettings.ts), where V8
 * ignores the flags that size the heap at start-up. This checks, in a child process that churns
 * garbage like an edit session, that the young generation really stays at its initial size with
 * the module loaded and grows without it: the server's peak memory depends on it (issue 16).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const MODULE = join(__dirname, '..', '..', '..', 'server', 'src', 'server', 'heapSettings.ts');

/** Peak size of the young generation while ~10 MB stay live and 100 "edits" of garbage pass. */
function peakYoungGenerationMb(loadHeapSettings: boolean): number {
  const script = `
    if (${loadHeapSettings}) require(${JSON.stringify(MODULE)});
    const { getHeapSpaceStatistics } = require('node:v8');
    const live = [];
    for (let i = 0; i < 150000; i++) live.push({ id: i, name: 'setting ' + i, values: [i, i + 1] });
    let peak = 0;
    for (let edit = 0; edit < 100; edit++) {
      const rows = [];
      for (let i = 0; i < 20000; i++) rows.push({ line: i, edit, text: 'value ' + i });
      const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      peak = Math.max(peak, young.space_size);
      if (rows.length !== 20000) throw new Error('unreachable');
    }
    process.stdout.write(String(live.length > 0 ? peak / 1048576 : 0));
  `;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

test('the young generation stays small in a process that loads the heap settings, and grows without them', () => {
  const withSettings = peakYoungGenerationMb(true);
  const without = peakYoungGenerationMb(false);
  assert.ok(withSettings <= 4.5, `young generation with the settings: ${withSettings} MB`);
  assert.ok(without >= 8, `young generation without the settings: ${without} MB (V8 no longer grows it: the test proves nothing)`);
});
