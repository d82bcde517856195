/**
 * The size limit counts UTF-8 bytes as the editor does, without Node's Buffer (the service also
 * runs in a web worker): at the limit, one byte more or less decides, for every kind of character.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTooLarge } from '../../../server/src/service/inputGuards';

test('isTooLarge measures UTF-8 bytes exactly as Buffer.byteLength does', () => {
  const samples = ['plain ascii', 'é and ß', '中文设置', 'emoji 😀 pair', 'lone \ud800 high', 'lone \udc00 low', 'end high \ud83d', '\u07ff\u0800\uffff'];
  for (const sample of samples) {
    const text = sample.repeat(7);
    const bytes = Buffer.byteLength(text, 'utf8');
    assert.equal(isTooLarge(text, bytes), false, `${JSON.stringify(sample)} at exactly its ${bytes} bytes`);
    assert.equal(isTooLarge(text, bytes - 1), true, `${JSON.stringify(sample)} one byte over`);
  }
});

test('isTooLarge counts a surrogate pair once wherever it falls in a long text', () => {
  // Pairs at and around every 1,024-character boundary: no split of the text may cut one in two.
  let text = '';
  while (text.length < 200_000) text += `${'a'.repeat(1021)}😀é`;
  for (const shift of ['', 'x', 'xy']) {
    const shifted = shift + text;
    const bytes = Buffer.byteLength(shifted, 'utf8');
    assert.equal(isTooLarge(shifted, bytes), false, `shifted by ${shift.length}, at exactly its ${bytes} bytes`);
    assert.equal(isTooLarge(shifted, bytes - 1), true, `shifted by ${shift.length}, one byte over`);
  }
});
