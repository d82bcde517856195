import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finding } from '../../../server/src/model/findings';

const at = { start: 0, end: 1 };

test('a long message with nothing overlong in it reaches the user unchanged', () => {
  const message = `${'UsePassportForWork is set twice, to true and to false: which one a device keeps depends on delivery order. '.repeat(3)}Keep one value.`;
  assert.ok(message.length > 160 && message.length < 800);
  assert.equal(finding('WHFB150', at, message).message, message);
});

test('a quoted echo beyond 160 characters is shortened in the middle, the rest of the message kept', () => {
  const echo = 'word '.repeat(60);
  const message = `The value "${echo}" is not allowed here. Use one of the values the DDF lists.`;
  const shown = finding('WHFB102', at, message).message;
  assert.match(shown, /^The value "word word .*….* word "? is not allowed here\. Use one of the values the DDF lists\.$/s);
  assert.ok(shown.length < message.length);
});

test('an unbroken run beyond 160 characters is shortened, also outside quotes', () => {
  const run = 'A'.repeat(1000);
  const shown = finding('WHFB101', at, `Unknown node ./Device/Vendor/MSFT/${run} in this file.`).message;
  assert.ok(shown.includes('…'));
  assert.ok(shown.length < 300);
  assert.ok(shown.endsWith(' in this file.'));
});

test('a run of exactly 160 characters and a quote of exactly 160 stay as written', () => {
  const message = `Run ${'B'.repeat(160)} and "${'c '.repeat(80)}" end.`;
  assert.equal(finding('WHFB101', at, message).message, message);
});

test('a message of many short words beyond 800 characters is capped', () => {
  const shown = finding('WHFB101', at, 'short words here '.repeat(100)).message;
  assert.ok(shown.length <= 800);
  assert.ok(shown.includes('…'));
});
