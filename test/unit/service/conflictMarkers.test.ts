/**
 * The merge-conflict guard finds marker lines by indexOf (service/inputGuards.ts); it must find
 * exactly what the multiline RegExps it replaced found, on every line ending and near-miss.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictMarkerAt } from '../../../server/src/service/inputGuards';

const START = /^<{7}(?: |$)/m;
const END = /^>{7}(?: |$)/m;

const TEXTS = [
  '', '<<<<<<<', '<<<<<<< HEAD', 'a\n<<<<<<< HEAD\n', 'a\r\n<<<<<<<\r\nb', 'a\r<<<<<<<\rb', 'a\u2028<<<<<<<\u2029',
  '<<<<<<<<', 'x<<<<<<<', ' <<<<<<<', '<<<<<<<x', '<<<<<<<\t', '<<<<<<', 'a\n<<<<<<<<\n<<<<<<< ours\n',
  'x<<<<<<< \n<<<<<<<', '<<<<<<<<<<<<<<', 'settings:\n  - value: "<<<<<<< "\n', '>>>>>>>', 'a\n>>>>>>> theirs', '>>>>>>>>\n>>>>>>>',
  'key: 1\n=======\n>>>>>>> b\n<<<<<<< a\n',
];

test('conflict markers are found where the multiline RegExps found them', () => {
  for (const text of TEXTS) {
    assert.equal(conflictMarkerAt(text, '<'), START.exec(text)?.index ?? -1, JSON.stringify(text));
    assert.equal(conflictMarkerAt(text, '>'), END.exec(text)?.index ?? -1, JSON.stringify(text));
  }
});
