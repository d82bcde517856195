/** Hostile and unusual input: one clear diagnostic, never a crash or a hang. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { brief, example, validate } from './helpers';

const TYPO = () => example('broken/typo-node.whfb.yaml');

test('a file over maxFileSizeBytes gets one WHFB003 and is not parsed', () => {
  const ls = getLanguageService({ maxFileSizeBytes: 1000 });
  const diagnostics = ls.validate({ uri: 'file:///big.whfb.yaml', version: 1, text: `whfb: 1\n#${'x'.repeat(2000)}\n` });
  assert.deepEqual(diagnostics.map(brief), ['0:0-0:0 WHFB003']);
  assert.match(diagnostics[0].message, /larger than 1000 bytes/);
});

test('an alias bomb is WHFB003', () => {
  const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
  const diagnostics = validate(bomb);
  assert.deepEqual(diagnostics.map((d) => d.code), ['WHFB003']);
  assert.match(diagnostics[0].message, /alias bomb/);
});

test('deep nesting is WHFB003, not a stack overflow', () => {
  for (const text of [`whfb: 1\nsettings: ${'['.repeat(50000)}${']'.repeat(50000)}\n`, TYPO().replace('    value: 6', `    value: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`)]) {
    const diagnostics = validate(text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['WHFB003']);
    assert.match(diagnostics[0].message, /nests more than/);
  }
});

test('merge-conflict markers are WHFB003 with a clear message', () => {
  const text = `whfb: 1\n<<<<<<< HEAD\nname: a\n=======\nname: b\n>>>>>>> branch\n`;
  const diagnostics = validate(text);
  assert.deepEqual(diagnostics.map(brief), ['1:0-1:12 WHFB003']);
  assert.match(diagnostics[0].message, /merge-conflict/);
});

test('BOM and CRLF: same findings at the same places', () => {
  const plain = validate(TYPO()).map(brief);
  assert.deepEqual(plain, ['16:12-16:99 WHFB101']);
  assert.deepEqual(validate(`\ufeff${TYPO()}`).map(brief), plain);
  assert.deepEqual(validate(TYPO().replace(/\n/g, '\r\n')).map(brief), plain);
  assert.deepEqual(validate(example('hybrid-key-trust.whfb.yaml').replace(/\n/g, '\r\n')), []);
});

test('tab indentation is a syntax error at the tab', () => {
  const diagnostics = validate(TYPO().replace('    type: int', '\ttype: int'));
  assert.equal(diagnostics[0].code, 'WHFB001');
  assert.deepEqual(diagnostics[0].range.start, { line: 17, character: 0 });
  assert.match(diagnostics[0].message, /Tabs/);
});

test('an empty policy file gets one diagnostic that says what a policy needs', () => {
  for (const text of ['', '\n', '# just a comment\n']) {
    const diagnostics = validate(text);
    assert.deepEqual(diagnostics.map(brief), ['0:0-0:0 WHFB002']);
    assert.match(diagnostics[0].message, /whfb: 1.*deployment.*settings/);
  }
});

test('not a mapping: one diagnostic', () => {
  assert.deepEqual(validate('- a\n- b\n').map((d) => d.code), ['WHFB002']);
  assert.deepEqual(validate('just text\n').map((d) => d.code), ['WHFB002']);
});

test('random bytes and truncations never throw', () => {
  const ls = getLanguageService({}, { log: (message) => assert.fail(message) });
  const source = TYPO();
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 200; i++) {
    const cut = Math.floor(next() * source.length);
    const noise = String.fromCharCode(...Array.from({ length: 5 }, () => Math.floor(next() * 128)));
    const text = source.slice(0, cut) + noise + source.slice(cut + Math.floor(next() * 20));
    const input = { uri: 'file:///fuzz.whfb.yaml', version: i, text };
    ls.validate(input);
    ls.complete(input, { line: Math.floor(next() * 20), character: Math.floor(next() * 30) });
    ls.hover(input, { line: Math.floor(next() * 20), character: Math.floor(next() * 30) });
    ls.documentSymbols(input);
    ls.foldingRanges(input);
    ls.documentLinks(input);
    ls.policySummary(input);
  }
});
