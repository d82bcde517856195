/**
 * The server's open documents (server/src/server/editableDocument.ts) answer exactly as
 * vscode-languageserver-textdocument's TextDocument does after the same changes (text, line count,
 * positions and offsets, out-of-range and reversed ranges, CRLF, lone CR, full replacements), with
 * the web worker's rope and the Node server's buffer-built texts (nodeTextSplice.ts), on small
 * documents and on ones above the size where the buffer is used, Latin-1 or not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { editableDocuments, ropeSplice, type TextSplice } from '../../../server/src/server/editableDocument';
import { nodeTextSplice } from '../../../server/src/server/nodeTextSplice';

/** A small seeded generator, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['a', 'value: 1', '\n', '\r\n', '\r', '  - omaUri: ./Device/Vendor/MSFT/PassportForWork\n', 'é', 'ü\n', '日本', '😀', ''];

function randomChange(next: () => number, reference: TextDocument): TextDocumentContentChangeEvent {
  const pick = () => PIECES[Math.floor(next() * PIECES.length)];
  const text = Array.from({ length: Math.floor(next() * 4) }, pick).join('');
  const roll = next();
  if (roll < 0.02) return { text: `${text}${reference.getText().slice(0, 200)}` };
  const position = () => ({ line: Math.floor(next() * (reference.lineCount + 2)) - 1, character: Math.floor(next() * 90) - 5 });
  const range = { start: position(), end: roll < 0.5 ? position() : undefined };
  return { range: { start: range.start, end: range.end ?? range.start }, text };
}

function assertSame(actual: TextDocument, expected: TextDocument, next: () => number, step: string): void {
  assert.equal(actual.getText(), expected.getText(), step);
  assert.equal(actual.lineCount, expected.lineCount, step);
  assert.equal(actual.version, expected.version, step);
  for (let probe = 0; probe < 20; probe++) {
    const offset = Math.floor(next() * (expected.getText().length + 10)) - 5;
    assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${step}: positionAt(${offset})`);
    const position = { line: Math.floor(next() * (expected.lineCount + 2)) - 1, character: Math.floor(next() * 90) - 5 };
    assert.equal(actual.offsetAt(position), expected.offsetAt(position), `${step}: offsetAt(${JSON.stringify(position)})`);
    const range = { start: expected.positionAt(offset), end: position };
    assert.equal(actual.getText(range), expected.getText(range), `${step}: getText(range)`);
  }
}

function compare(splice: TextSplice, initial: string, seed: number, steps: number): void {
  const next = random(seed);
  const editable = editableDocuments(splice);
  const actual = editable.create('file:///a.whfb.yaml', 'whfb-yaml', 1, initial);
  const expected = TextDocument.create('file:///a.whfb.yaml', 'whfb-yaml', 1, initial);
  for (let step = 0; step < steps; step++) {
    const changes = Array.from({ length: 1 + Math.floor(next() * 2) }, () => randomChange(next, expected));
    TextDocument.update(expected, changes, step + 2);
    assert.equal(editable.update(actual, changes, step + 2), actual);
    assertSame(actual, expected, next, `seed ${seed}, step ${step}: ${JSON.stringify(changes)}`);
  }
}

const small = 'settings:\n  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\r\n    type: bool\r    value: true\n';

test('small documents change as the library\'s do, with either way of building the text', () => {
  for (const splice of [ropeSplice, nodeTextSplice]) {
    for (let seed = 1; seed <= 40; seed++) compare(splice, small, seed, 60);
  }
});

test('documents above a megabyte change as the library\'s do, Latin-1 or not', () => {
  const latin1 = `${small}${'  - omaUri: ./Device/Vendor/MSFT/PassportForWork/x/Policies/RequireSecurityDevice\n    type: bool\n    value: false # größe\n'.repeat(12000)}`;
  assert.ok(latin1.length > 1 << 20);
  compare(nodeTextSplice, latin1, 7, 40);
  compare(nodeTextSplice, `${latin1}# 日本\n`, 8, 40);
  compare(ropeSplice, latin1, 9, 10);
});

test('a large Latin-1 document that gains a character beyond Latin-1 keeps it, and every later change', () => {
  const big = 'a: 1\n'.repeat(220000);
  const editable = editableDocuments(nodeTextSplice);
  const document = editable.create('file:///b.whfb.yaml', 'whfb-yaml', 1, big);
  const expected = TextDocument.create('file:///b.whfb.yaml', 'whfb-yaml', 1, big);
  const edits = ['é', '😀', 'x', '日本'].map((text, index) => [{ range: { start: { line: 5 + index, character: 0 }, end: { line: 5 + index, character: 1 } }, text }]);
  edits.forEach((changes, index) => {
    editable.update(document, changes, index + 2);
    TextDocument.update(expected, changes, index + 2);
    assert.equal(document.getText(), expected.getText());
  });
  assert.deepEqual(document.getText().split('\n').slice(5, 9), ['é: 1', '😀: 1', 'x: 1', '日本: 1']);
});
