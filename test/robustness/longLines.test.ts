/**
 * Issue 15, defect 4: one-line documents (minified Graph exports, SyncML dumps, flow YAML) made
 * every position, `whfb-ignore` lookup and fallback range scan along the line, so the work grew
 * with items x line length: 52 s to validate a 20,000-item one-line SyncML, 47 s per keystroke
 * with one lone "\r". These tests assert the answers are right on such documents (positions as the
 * editor counts them, with "\n", "\r\n" and lone "\r") and bound the work structurally: the
 * characters scanned in the document stay within a small multiple of its length (see
 * support/scanCounter.ts). The old code scanned hundreds of times the length on these inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/languageService';
import { LineIndex } from '../../server/src/model/lineIndex';
import type { Range } from '../../server/src/lsp/protocolTypes';
import { editedText, oneLineSettingsCatalog, oneLineSyncml, type LongLineDocument } from '../../bench/longLinePolicies';
import { countScannedCharacters } from './support/scanCounter';

/**
 * All requests of an open and an edit scan the document a few dozen times over at most (detection,
 * the parser, rules that search the text). The quadratic paths scanned it once per item.
 */
const SCANS_PER_DOCUMENT = 40;
/** A link sits on the OMA-URI's leaf segment (issue 12 point 10). */
const OMA_URI_TEXT = /^[A-Za-z0-9]+$/;
const SETTING_ID_TEXT = /^"?device_vendor_msft_[a-z_{}]+"?$/;

function textAt(editor: TextDocument, range: Range): string {
  return editor.getText().slice(editor.offsetAt(range.start), editor.offsetAt(range.end));
}

/** Every range lies inside its line, as the editor counts lines. */
function assertInside(editor: TextDocument, range: Range, what: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < editor.lineCount, `${what}: line ${position.line} of ${editor.lineCount}`);
    const lineEnd = editor.offsetAt({ line: position.line + 1, character: 0 });
    const lineStart = editor.offsetAt({ line: position.line, character: 0 });
    const content = editor.getText().slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
    assert.ok(position.character >= 0 && position.character <= content.length, `${what}: character ${position.character} past the line's ${content.length}`);
  }
}

function everyRequest(doc: LongLineDocument, version: number, text: string) {
  const service = getLanguageService();
  const input = { uri: doc.uri, languageId: doc.languageId, version, text };
  return {
    diagnostics: service.validate(input),
    symbols: service.documentSymbols(input),
    folding: service.foldingRanges(input),
    links: service.documentLinks(input),
    hover: service.hover(input, { line: 0, character: Math.floor(text.length / 2) }),
  };
}

function checkDocument(doc: LongLineDocument, expect: { symbols: number; links: number; diagnostics?: number; linkText?: RegExp }): void {
  const editor = TextDocument.create(doc.uri, doc.languageId, 1, doc.text);
  const { result, scanned } = countScannedCharacters(() => {
    const opened = everyRequest(doc, 1, doc.text);
    everyRequest(doc, 2, editedText(doc, 1));
    return opened;
  });
  assert.ok(scanned <= SCANS_PER_DOCUMENT * doc.text.length * 2,
    `${doc.name}: ${scanned} characters scanned for an open and an edit of ${doc.text.length}: ${(scanned / doc.text.length).toFixed(0)} times the text`);

  assert.equal(result.symbols.length, expect.symbols, `${doc.name}: symbols`);
  assert.equal(result.links.length, expect.links, `${doc.name}: links`);
  if (expect.diagnostics !== undefined) assert.equal(result.diagnostics.length, expect.diagnostics, `${doc.name}: diagnostics`);
  for (const diagnostic of result.diagnostics) assertInside(editor, diagnostic.range, `${doc.name} ${diagnostic.code}`);
  for (const symbol of result.symbols) {
    assertInside(editor, symbol.range, `${doc.name} symbol ${symbol.name}`);
    assertInside(editor, symbol.selectionRange, `${doc.name} symbol ${symbol.name}`);
  }
  // Each link covers exactly what it links: the positions map back to the right characters.
  for (const link of result.links) {
    assertInside(editor, link.range, `${doc.name} link`);
    if (expect.linkText) assert.match(textAt(editor, link.range), expect.linkText, `${doc.name}: a link's range covers its OMA-URI`);
  }
}

test('a one-line SyncML of 2,000 items: every item found, every range right, work linear in the text', () => {
  const doc = oneLineSyncml(2000);
  // A link sits on the OMA-URI's leaf segment (issue 12 point 10): one short underline per URI.
  checkDocument(doc, { symbols: 2000, links: 2000, diagnostics: 0, linkText: /^[A-Za-z0-9]+$/ });
});

test('a one-line minified Settings Catalog export: findings on line 0 at the right characters, work linear', () => {
  const doc = oneLineSettingsCatalog(600 * 1024);
  const diagnostics = getLanguageService().validate({ uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text });
  assert.ok(diagnostics.length > 0, 'the export names definitions the catalog lacks');
  const editor = TextDocument.create(doc.uri, doc.languageId, 1, doc.text);
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.range.start.line, 0);
    assert.match(textAt(editor, diagnostic.range), /cloudkerberosticketretrievalenable/, `${diagnostic.code} covers the unknown definition`);
  }
  const input = { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text };
  const symbols = getLanguageService().documentSymbols(input);
  const links = getLanguageService().documentLinks(input);
  assert.ok(symbols.length > 1000 && links.length > 1000);
  checkDocument(doc, { symbols: symbols.length, links: links.length, diagnostics: diagnostics.length, linkText: SETTING_ID_TEXT });
});

test('a minified export with one lone "\\r": line 1 holds the rest, positions as the editor counts them, work linear', () => {
  const doc = oneLineSettingsCatalog(400 * 1024, { loneCarriageReturn: true });
  const service = getLanguageService();
  const diagnostics = service.validate({ uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text });
  const editor = TextDocument.create(doc.uri, doc.languageId, 1, doc.text);
  assert.equal(editor.lineCount, 2);
  assert.ok(diagnostics.length > 0);
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.range.start.line, 1, 'after the lone "\\r" everything is on line 1');
    assert.match(textAt(editor, diagnostic.range), /cloudkerberosticketretrievalenable/);
  }
  const input = { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text };
  checkDocument(doc, { symbols: service.documentSymbols(input).length, links: service.documentLinks(input).length, diagnostics: diagnostics.length, linkText: SETTING_ID_TEXT });
});

test('a header line ending in "\\r\\n" then a one-line SyncML: positions count the CRLF as one line end', () => {
  const body = oneLineSyncml(1500);
  const doc: LongLineDocument = {
    ...body,
    name: 'syncml-after-crlf',
    text: body.text.replace('?>', '?>\r\n<!-- exported by a script -->\r\n'),
    edit: { ...body.edit, offset: body.edit.offset + '\r\n<!-- exported by a script -->\r\n'.length },
  };
  checkDocument(doc, { symbols: 1500, links: 1500, diagnostics: 0, linkText: OMA_URI_TEXT });
  const links = getLanguageService().documentLinks({ uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text });
  assert.equal(links[0]!.range.start.line, 2);
});

test('a whfb-ignore comment above a one-line SyncML still silences every item on that line', () => {
  const body = oneLineSyncml(1200);
  const unknown = body.text.replaceAll('/Policies/RequireSecurityDevice<', '/Policies/RequireSecurityDevise<');
  const service = getLanguageService();
  const uri = 'file:///long/ignored.syncml.xml';
  const loud = service.validate({ uri, languageId: 'xml', version: 1, text: unknown });
  assert.equal(loud.filter((d) => d.code === 'WHFB101').length, 300);
  const quiet = service.validate({ uri, languageId: 'xml', version: 2, text: unknown.replace('?>', '?>\n<!-- whfb-ignore WHFB101 -->\n') });
  assert.deepEqual(quiet.filter((d) => d.code === 'WHFB101'), []);
});

test('LineIndex answers a thousand lookups on a one-megabyte line without scanning it (lone "\\r", CRLF, none)', () => {
  const line = 'x'.repeat(1024 * 1024);
  for (const text of [line, `ab\r${line}`, `ab\r\n${line}\r\n`, `${line}\r${line.slice(0, 1000)}`]) {
    const index = new LineIndex(text);
    const editor = TextDocument.create('file:///x', 'plaintext', 1, text);
    const offsets = Array.from({ length: 1000 }, (_, i) => Math.floor((text.length * i) / 999));
    const { result, scanned } = countScannedCharacters(() => offsets.map((offset) => {
      const position = index.positionAt(offset);
      return { position, back: index.offsetAt(position), end: index.lineEnd(position.line) };
    }));
    assert.ok(scanned <= 64 * offsets.length, `${scanned} characters scanned for 1,000 lookups`);
    result.forEach(({ position, back }, i) => {
      assert.deepEqual(position, editor.positionAt(offsets[i]!), `positionAt(${offsets[i]})`);
      assert.equal(back, editor.offsetAt(position));
    });
    assert.equal(index.lineCount, editor.lineCount);
  }
});
