/**
 * `# whfb-ignore` above an entry counts when the line, trimmed, starts with `#` (String#trim: every
 * Unicode space). The look-up reads the line in place for ASCII spaces; this pins it to trim's
 * answer for the spaces a hand-written check could miss, and for lines that are no comment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ignoredCodesAbove, lineStartOf } from '../../../server/src/formats/policyYamlLayout';

const INDENTS = ['', '  ', '\t', ' \t ', '\u000b', '\f', '\u00a0', '\u3000', '\ufeff', '\u2028', ' \u00a0 '];
const NOT_COMMENTS = ['x # whfb-ignore WHFB101', '\u00a0x # whfb-ignore WHFB101', '\u200b# whfb-ignore WHFB101', ''];

test('an ignore comment counts whatever Unicode spaces indent it, as trim reads the line', () => {
  for (const indent of INDENTS) {
    const text = `settings:\n${indent}# whfb-ignore WHFB101\n  - omaUri: x\n`;
    const entry = text.indexOf('  - omaUri');
    const expected = `${indent}# whfb-ignore WHFB101`.trim().startsWith('#') ? ['WHFB101'] : [];
    assert.deepStrictEqual(ignoredCodesAbove(text, lineStartOf(text, entry)), expected, JSON.stringify(indent));
  }
});

test('a line above that is no comment ends the look-up', () => {
  for (const line of NOT_COMMENTS) {
    const text = `settings:\n# whfb-ignore WHFB102\n${line}\n  - omaUri: x\n`;
    const entry = text.indexOf('  - omaUri');
    assert.deepStrictEqual(ignoredCodesAbove(text, lineStartOf(text, entry)), [], JSON.stringify(line));
  }
});
