/**
 * A 5 MB export on one line (a minified Settings Catalog JSON, a SyncML dump) gives the same
 * findings as its pretty-printed twin: the same codes and messages on the same text. Whatever
 * makes one-line text fast (line index, offset conversions, scanners) must not change what is
 * found. No timing here: the speed is the benchmark's (bench/README.md, one-line documents).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Diagnostic } from '../../../server/src/lsp/protocolTypes';
import { oneLineSettingsCatalog, oneLineSyncml } from '../../../bench/longLinePolicies';

const FIVE_MB = 5 * 1024 * 1024 - 4096;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** Each finding as code, message and the text it covers (whitespace dropped, so indentation does not count). */
function findingsOf(uri: string, languageId: string, text: string): string[] {
  // The twin's indentation takes it past the 5 MB default limit: the limit is raised for both.
  const diagnostics: Diagnostic[] = getLanguageService({ maxFileSizeBytes: 16 * 1024 * 1024 }).validate({ uri, languageId, version: 1, text });
  const starts = lineStarts(text);
  const offset = (position: { line: number; character: number }): number => starts[position.line] + position.character;
  return diagnostics
    .map((item) => `${item.code}|${item.message}|${text.slice(offset(item.range.start), offset(item.range.end)).replace(/\s+/g, '')}`)
    .sort();
}

function assertSameFindings(oneLine: string[], pretty: string[]): void {
  assert.ok(oneLine.length > 0, 'the documents have findings to compare');
  assert.equal(oneLine.length, pretty.length, 'as many findings on one line as pretty-printed');
  assert.deepEqual(oneLine, pretty);
}

test('a minified 5 MB Settings Catalog export finds what its pretty-printed twin finds', () => {
  const doc = oneLineSettingsCatalog(FIVE_MB);
  assert.ok(doc.text.length > 4_500_000 && !doc.text.includes('\n'), 'one line of about 5 MB');
  const pretty = JSON.stringify(JSON.parse(doc.text), null, 2);
  assertSameFindings(findingsOf(doc.uri, doc.languageId, doc.text), findingsOf(doc.uri, doc.languageId, pretty));
});

test('a one-line SyncML of 20,000 items finds what its pretty-printed twin finds', () => {
  const doc = oneLineSyncml(20_000);
  // Findings along the line: a PIN minimum out of range every 97 items, an unknown node every 89.
  let item = 0;
  const text = doc.text
    .replace(/<Data>6<\/Data>/g, (whole) => (++item % 97 === 0 ? '<Data>200</Data>' : whole))
    .replace(/Policies\/RequireSecurityDevice</g, () => (++item % 89 === 0 ? 'Policies/RequireSecurityDevic<' : 'Policies/RequireSecurityDevice<'));
  assert.ok(text.length > 4_500_000 && !text.includes('\n'), 'one line of about 5 MB');
  // Pretty-printed: every tag on its own line, indented.
  const pretty = text.replace(/></g, '>\n    <');
  assert.ok(pretty.split('\n').length > 100_000, 'the twin has one element per line');
  assertSameFindings(findingsOf(doc.uri, doc.languageId, text), findingsOf(doc.uri, doc.languageId, pretty));
});
