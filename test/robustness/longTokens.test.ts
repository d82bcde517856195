/**
 * Issue 15, defect 5: "did you mean" for an unknown OMA-URI sized its work by the input before any
 * bound: a 4.8 MB `./Device/Vendor/MSFT/PassportForWork/a/a/...` in Markdown took 34 s and 2.1 GB,
 * then a RangeError, and the editor lost the WHFB101. The work is now capped per token before
 * anything is allocated; these tests check the finding survives and count the work done (the
 * counters in catalog/suggest.ts), never the time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { MAX_SPLIT_SEGMENTS, splitOmaUri } from '../../server/src/catalog/omaUriSegments';
import { buildSuggestPool, rankSuggestions, suggestWork } from '../../server/src/catalog/suggest';
import { closest } from '../../server/src/rules/similarity';
import { getLanguageService } from '../../server/src/service/languageService';
import { longUnknownUriMarkdown } from '../../bench/longLinePolicies';

function workDuring<T>(run: () => T): { result: T; alignmentCells: number; characterCells: number; scratchBytes: number } {
  const before = { ...suggestWork };
  const result = run();
  return {
    result,
    alignmentCells: suggestWork.alignmentCells - before.alignmentCells,
    characterCells: suggestWork.characterCells - before.characterCells,
    scratchBytes: suggestWork.scratchBytes - before.scratchBytes,
  };
}

test('a 4.8 MB unknown OMA-URI in Markdown keeps its WHFB101, without a suggestion and without similarity work', () => {
  const doc = longUnknownUriMarkdown(4.8 * 1024 * 1024);
  const logged: string[] = [];
  const service = getLanguageService(undefined, { log: (message) => logged.push(message) });
  const { result: diagnostics, alignmentCells, characterCells, scratchBytes } = workDuring(() =>
    service.validate({ uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text }));
  const unknown = diagnostics.filter((d) => d.code === 'WHFB101');
  assert.equal(unknown.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
  assert.equal(unknown[0]!.range.start.line, 2);
  assert.equal(unknown[0]!.range.end.character - unknown[0]!.range.start.character, doc.text.split('\n')[2]!.length - 'Set '.length - ' here.'.length);
  assert.doesNotMatch(unknown[0]!.message, /Did you mean/);
  assert.ok(unknown[0]!.message.length < 1000, 'the message shortens the echoed URI');
  assert.deepEqual(logged.filter((line) => /error|exception/i.test(line)), [], 'nothing threw inside the service');
  assert.equal(alignmentCells, 0, 'no alignment was attempted for an input deeper than any catalog path');
  assert.ok(characterCells <= 10_000, `${characterCells} Levenshtein cells`);
  assert.ok(scratchBytes <= 1024 * 1024, `${scratchBytes} bytes of scratch memory`);
});

test('a 1.2 MB .log-style line of OMA-URI-like tokens gets its findings with bounded similarity work', () => {
  const token = (i: number) => `./Device/Vendor/MSFT/PassportForWork/${'x'.repeat(40 + (i % 7))}/Policies/${'Pin'.repeat(200 + (i % 13))}`;
  const parts: string[] = [];
  for (let i = 0; parts.join(' ').length < 1.2 * 1024 * 1024; i++) parts.push(`${i}: wrote ${token(i)}`);
  const text = `${parts.join(' ')}\n`;
  const service = getLanguageService();
  const { result: diagnostics, characterCells, scratchBytes } = workDuring(() =>
    service.validate({ uri: 'file:///long/device.txt', languageId: 'plaintext', version: 1, text }));
  assert.ok(diagnostics.filter((d) => d.code === 'WHFB101').length >= 1000, 'every unknown URI is reported');
  // Each token is compared with the catalog's segments at most once per distinct segment, and long
  // segments are ruled out by length without a character comparison.
  assert.ok(characterCells <= 200 * text.length, `${characterCells} Levenshtein cells for ${text.length} characters`);
  assert.ok(scratchBytes <= 4 * 1024 * 1024, `${scratchBytes} bytes of scratch memory`);
});

test('rankSuggestions returns nothing, allocating nothing, for inputs deeper than any candidate', () => {
  const pool = buildSuggestPool(getCatalog().nodes.filter((node) => !node.interior));
  assert.ok(pool.maxSegments > 0 && pool.maxSegments < 20);
  const deep = Array.from({ length: 200_000 }, () => 'a');
  // The old code allocated Float64Array((n+1)(n+3)) four times here: a RangeError at this size.
  const { result, alignmentCells, scratchBytes } = workDuring(() => rankSuggestions(deep, pool, 3));
  assert.deepEqual(result, []);
  assert.equal(alignmentCells, 0);
  assert.equal(scratchBytes, 0);
  // A typo at ordinary depth is still found.
  const typo = ['vendor', 'msft', 'passportforwork', '{tenantid}', 'policies', 'usepasportforwork'];
  const found = rankSuggestions(typo, pool, 3);
  assert.ok(found.some((node) => node.path.endsWith('/Policies/UsePassportForWork')), found.map((node) => node.path).join(', '));
});

test('a megabyte segment is ruled out by its length: no character comparison, no suggestion', () => {
  const catalog = getCatalog();
  const uri = `./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/${'UsePassportForWork'.repeat(60_000)}`;
  const { result, characterCells } = workDuring(() => catalog.suggest(uri, 3));
  assert.deepEqual(result, []);
  // The short segments are compared as usual (some thousands of cells); comparing the long one
  // character by character would be a million cells per catalog segment.
  assert.ok(characterCells <= 100_000, `${characterCells} Levenshtein cells`);
});

test('splitOmaUri stops at a fixed depth: the rest stays one segment that names no node', () => {
  const uri = `./Device/Vendor/MSFT/PassportForWork/${'a/'.repeat(500_000)}b`;
  const split = splitOmaUri(uri);
  // 64 pieces: the "." root and the scope are two of them.
  assert.equal(split.segments.length, MAX_SPLIT_SEGMENTS - 2);
  const last = split.segments[split.segments.length - 1]!;
  assert.equal(last.end, uri.length);
  assert.equal(uri.slice(last.start, last.end), last.text);
  assert.ok(last.text.includes('/'));
  assert.equal(getCatalog().resolve(uri).node, undefined);
  // Ordinary URIs split as before.
  assert.deepEqual(splitOmaUri('./User/Vendor/MSFT/PassportForWork/x/').segments.map((s) => s.text), ['Vendor', 'MSFT', 'PassportForWork', 'x']);
});

test('closest() skips names whose length alone rules them out, and still finds typos', () => {
  const names = ['Use Windows Hello for Business', 'Use a hardware security device', 'Minimum PIN length'];
  const before = suggestWork.characterCells;
  assert.equal(closest('x'.repeat(2_000_000), names), undefined);
  assert.equal(suggestWork.characterCells - before, 0);
  assert.equal(closest('Use Windows Helo for Business', names), 'Use Windows Hello for Business');
  assert.equal(closest('minimum pin lenght', names), 'Minimum PIN length');
  assert.equal(closest('Something else entirely', names), undefined);
});
