/**
 * The service's line index must count lines exactly as the editor does (LSP's TextDocument):
 * "\n", "\r\n" and a lone "\r" end a line, and no position falls between "\r" and "\n".
 * Otherwise diagnostics land on the wrong line or past a line's end (found by the fuzzers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/model/lineIndex';
import { fuzzConfig, Prng } from './support/prng';

test('LineIndex agrees with LSP TextDocument on random texts of \\n, \\r\\n and lone \\r (offsets both ways)', () => {
  const { masterSeed, scale } = fuzzConfig();
  const prng = new Prng(masterSeed);
  const texts = Math.ceil(2_000 * scale);
  for (let n = 0; n < texts; n++) {
    const pieces = prng.int(0, n % 10 === 0 ? 2_000 : 200); // some long enough for several checkpoints
    let text = '';
    for (let i = 0; i < pieces; i++) text += prng.pick(['a', 'bc', '\n', '\r', '\r\n', ' ', '😀']);
    const index = new LineIndex(text);
    const editor = TextDocument.create('file:///x', 'plaintext', 1, text);
    const where = `FUZZ_SEED=${masterSeed} text ${n}: ${JSON.stringify(text.slice(0, 80))}`;
    assert.equal(index.lineCount, editor.lineCount, where);
    for (let offset = 0; offset <= text.length; offset += prng.int(1, 3)) {
      assert.deepEqual(index.positionAt(offset), editor.positionAt(offset), `${where} positionAt(${offset})`);
    }
    for (let i = 0; i < 20; i++) {
      const position = { line: prng.int(0, editor.lineCount), character: prng.int(0, 12) };
      assert.equal(index.offsetAt(position), editor.offsetAt(position), `${where} offsetAt(${JSON.stringify(position)})`);
    }
  }
});
