/**
 * Cross-file findings in a large workspace: a message names a few partner files and counts the
 * rest, related locations are capped, and an edit re-judges only the topics (settings) it touched:
 * findings about other settings stay as they were, and their files are not reported as changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { detectFormat } from '../../../server/src/formats/detect';
import { MAX_NAMED, MAX_RELATED } from '../../../server/src/rules/crossFile/crossFileRules';
import { getLanguageService } from '../../../server/src/service/languageService';
import { WorkspaceIndex } from '../../../server/src/service/workspaceIndex';
import type { TextDocumentInput } from '../../../server/src/service/api';
import { writePolicy, type WrittenSetting } from './policyWriters';

function policy(name: string, settings: WrittenSetting[], version = 1): TextDocumentInput {
  return { uri: `file:///repo/policies/${name}.whfb.yaml`, languageId: 'whfb-yaml', version, text: writePolicy('whfb-yaml', { settings }) };
}

/** A two-digit name, so files sort as they are numbered. */
function named(index: number): string {
  return `p${String(index).padStart(2, '0')}`;
}

test('a conflict with many files names the first three, counts the rest, and points at ten of them', () => {
  const service = getLanguageService();
  const lone = policy('lone', [{ name: 'RequireSecurityDevice', value: true }]);
  const others = Array.from({ length: 25 }, (_, index) => policy(named(index), [{ name: 'RequireSecurityDevice', value: false }]));
  service.indexFiles([lone, ...others]);

  const [finding, ...rest] = service.crossFileDiagnostics(lone.uri).filter((item) => item.code === 'WHFB300');
  assert.deepEqual(rest, [], 'one finding for the setting, not one per partner');
  assert.ok(finding);
  assert.equal(MAX_NAMED, 3);
  for (const index of [0, 1, 2]) assert.ok(finding.message.includes(`${named(index)}.whfb.yaml`), finding.message);
  assert.ok(!finding.message.includes(`${named(3)}.whfb.yaml`), finding.message);
  assert.match(finding.message, /and 22 more files/);
  const related = finding.relatedInformation ?? [];
  assert.equal(related.length, MAX_RELATED);
  assert.deepEqual(related.map((item) => item.location.uri), others.slice(0, MAX_RELATED).map((doc) => doc.uri));

  // Each of the 25 files has the one partner, named, with nothing more to count.
  for (const doc of others) {
    const own = service.crossFileDiagnostics(doc.uri).filter((item) => item.code === 'WHFB300');
    assert.equal(own.length, 1);
    assert.match(own[0]!.message, /true in lone\.whfb\.yaml\./);
    assert.doesNotMatch(own[0]!.message, /more file/);
    assert.equal(own[0]!.relatedInformation?.length, 1);
  }
});

test('one partner beyond the named ones is "1 more file"', () => {
  const service = getLanguageService();
  const lone = policy('lone', [{ name: 'MinimumPINLength', value: 6 }]);
  const others = Array.from({ length: 4 }, (_, index) => policy(named(index), [{ name: 'MinimumPINLength', value: 8 }]));
  service.indexFiles([lone, ...others]);
  const finding = service.crossFileDiagnostics(lone.uri).find((item) => item.code === 'WHFB300');
  assert.ok(finding);
  assert.match(finding.message, /and 1 more file\./);
  assert.equal(finding.relatedInformation?.length, 4);
});

test('a topic two hundred files share with two values gives each file one finding', () => {
  const service = getLanguageService({ maxIndexedFiles: 1_000 });
  const docs = Array.from({ length: 200 }, (_, index) => policy(`f${String(index).padStart(3, '0')}`, [{ name: 'RequireSecurityDevice', value: index % 2 === 0 }]));
  service.indexFiles(docs);
  for (const doc of docs) {
    const own = service.crossFileDiagnostics(doc.uri).filter((item) => item.code === 'WHFB300');
    assert.equal(own.length, 1, doc.uri);
    assert.match(own[0]!.message, /and 97 more files/);
    assert.equal(own[0]!.relatedInformation?.length, MAX_RELATED);
  }
});

function workspaceIndex(): WorkspaceIndex {
  const catalog = getCatalog();
  return new WorkspaceIndex(() => catalog, (doc) => {
    const detected = detectFormat(doc);
    return detected ? detected.adapter.parse(doc.text, detected.format, catalog) : undefined;
  }, { maxFiles: 100 });
}

test('an edit re-judges only the settings it touched: other findings stay, their files are not reported as changed', () => {
  const index = workspaceIndex();
  // a and b disagree on RequireSecurityDevice; c and d on MinimumPINLength.
  const a = policy('a', [{ name: 'RequireSecurityDevice', value: true }]);
  const b = policy('b', [{ name: 'RequireSecurityDevice', value: false }]);
  const c = policy('c', [{ name: 'MinimumPINLength', value: 6 }]);
  const d = policy('d', [{ name: 'MinimumPINLength', value: 8 }]);
  index.update([a, b, c, d]);
  const state = index.crossFileState();
  const aBefore = state.findingsFor(a.uri);
  const cBefore = state.findingsFor(c.uri);
  assert.equal(aBefore.length, 1);
  assert.equal(cBefore.length, 1);

  // c's PIN minimum changes (still in conflict with d): only c and d may change.
  const { changed } = index.update([policy('c', [{ name: 'MinimumPINLength', value: 7 }], 2)]);
  assert.deepEqual(changed.sort(), [c.uri, d.uri]);
  assert.strictEqual(state.findingsFor(a.uri)[0], aBefore[0], 'the RequireSecurityDevice finding was not judged again');
  assert.strictEqual(state.findingsFor(b.uri).length, 1);
  const cAfter = state.findingsFor(c.uri);
  assert.notStrictEqual(cAfter[0], cBefore[0]);
  assert.match(cAfter[0]!.message, /MinimumPINLength is 7 here and 8 in d\.whfb\.yaml/);

  // An edit that changes nothing the rules read (a comment after the settings: no value, no
  // position moves) re-judges nothing. (One above them would move c's setting, which d points at.)
  const renamed = { ...policy('c', [{ name: 'MinimumPINLength', value: 7 }], 3) };
  renamed.text = `${renamed.text}# reviewed\n`;
  assert.notEqual(renamed.text, policy('c', [{ name: 'MinimumPINLength', value: 7 }]).text, 'the edit changed the text');
  const cKept = state.findingsFor(c.uri)[0];
  assert.deepEqual(index.update([renamed]).changed, [c.uri]);
  assert.strictEqual(state.findingsFor(c.uri)[0], cKept);
  assert.strictEqual(state.findingsFor(a.uri)[0], aBefore[0]);
});
