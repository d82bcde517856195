import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLineStarts, lineContentEnd, lineStartsOf } from '../../../server/src/model/lineStarts';
import { LineIndex } from '../../../server/src/model/lineIndex';

/** Line starts the slow, obvious way: after every "\r\n", "\n" or lone "\r". */
function reference(text: string): number[] {
  const starts = [0];
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '\r' && text[at + 1] === '\n') at++;
    if (text[at] === '\n' || text[at] === '\r') starts.push(at + 1);
  }
  return starts;
}

test('line starts match the editor\'s line breaks for \\n, \\r\\n, lone \\r, empty and unterminated texts', () => {
  for (const text of ['', 'a', 'a\n', '\n\n', 'a\nb\nc', 'a\r\nb\r\n', 'a\rb\r\nc\nd', '\r', 'x'.repeat(5000) + '\n' + 'y']) {
    assert.deepEqual([...buildLineStarts(text).starts], reference(text), JSON.stringify(text.slice(0, 20)));
  }
});

test('the service\'s line index answers from the same table the adapters use for that text', () => {
  const text = 'settings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork\r\n    value: 1\rend';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('value')), { line: 2, character: 4 });
  assert.equal(index.offsetAt({ line: 3, character: 0 }), text.lastIndexOf('end'));
  const table = lineStartsOf(text);
  assert.equal(lineContentEnd(table, 1), text.indexOf('\r\n'));
  // Another text of the same length is not answered from the remembered table.
  const other = text.replace('\r\n', '\n\n');
  assert.deepEqual([...lineStartsOf(other).starts], reference(other));
  assert.equal(new LineIndex(other).lineCount, 5);
});

test('the table of an edited text, derived from the version before it, is the table of a fresh scan', () => {
  let state = 12345;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pieces = ['\n', '\r', '\r\n', 'a', 'value: 1', '\n\r', '\r\r\n', ''];
  const pick = () => pieces[Math.floor(next() * pieces.length)]!;
  let text = Array.from({ length: 3000 }, pick).join('');
  lineStartsOf(text);
  for (let edit = 0; edit < 400; edit++) {
    const at = Math.floor(next() * (text.length + 1));
    const removed = Math.floor(next() * 4);
    const inserted = Array.from({ length: Math.floor(next() * 4) }, pick).join('');
    text = text.slice(0, at) + inserted + text.slice(at + removed);
    assert.deepEqual([...lineStartsOf(text).starts], reference(text), `edit ${edit} at ${at}`);
  }
  // Another document: most of it differs, so its table is built afresh.
  const other = 'x\r\ny\n'.repeat(500);
  assert.deepEqual([...lineStartsOf(other).starts], reference(other));
});
