/**
 * Steady views (issue 12 point 10): while the user types, the settings view keeps its last state
 * and shows the newest one once typing pauses; a value offered without recent edits shows at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SteadyValue, type Clock } from '../../../client/src/settingsView/steadyValue';

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (callback, ms) => { const id = next++; timers.push({ at: now + ms, callback, id }); return id; },
    clearTimeout: (id) => { timers = timers.filter((t) => t.id !== id); },
    advance(ms) {
      now += ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        due.callback();
      }
    },
  };
}

test('a value offered without recent edits shows at once', () => {
  const shown: string[] = [];
  const steady = new SteadyValue('a', (v) => shown.push(v), 500, fakeClock());
  steady.offer('b');
  assert.deepEqual(shown, ['b']);
  assert.equal(steady.current, 'b');
});

test('while typing, the last good state stays; the newest value shows once typing pauses', () => {
  const clock = fakeClock();
  const shown: string[] = [];
  const steady = new SteadyValue('good', (v) => shown.push(v), 500, clock);
  steady.edited();
  steady.offer('Unknown group (half-typed URI)');
  clock.advance(200);
  steady.edited();
  steady.offer('still typing');
  clock.advance(300);
  assert.deepEqual(shown, [], 'nothing flickers while keys keep coming');
  assert.equal(steady.current, 'good');
  steady.edited();
  steady.offer('finished');
  clock.advance(499);
  assert.deepEqual(shown, []);
  clock.advance(1);
  assert.deepEqual(shown, ['finished'], 'only the newest value, once');
});

test('an immediate value (another document) is shown at once and cancels a held one', () => {
  const clock = fakeClock();
  const shown: string[] = [];
  const steady = new SteadyValue('a', (v) => shown.push(v), 500, clock);
  steady.edited();
  steady.offer('held');
  steady.offer('other document', true);
  clock.advance(1000);
  assert.deepEqual(shown, ['other document']);
});
