/**
 * A workspace read in batches (`indexFiles(..., { moreToCome: true })`, then a call without it)
 * ends with exactly the cross-file findings of indexing every file at once, and the last call
 * reports every file whose findings the batches changed, including files indexed before the run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { TextDocumentInput, WhfbLanguageService } from '../../../server/src/service/api';
import { writePolicy } from './policyWriters';

function policy(index: number, minimumPinLength: number): TextDocumentInput {
  return {
    uri: `file:///repo/policies/p${String(index).padStart(2, '0')}.whfb.yaml`, languageId: 'whfb-yaml', version: 1,
    text: writePolicy('whfb-yaml', { settings: [{ name: 'MinimumPINLength', value: minimumPinLength }, { name: 'RequireSecurityDevice', value: true }] }),
  };
}

function findingsOf(service: WhfbLanguageService, docs: readonly TextDocumentInput[]): unknown[] {
  return docs.map((doc) => service.crossFileDiagnostics(doc.uri));
}

const docs = Array.from({ length: 30 }, (_, index) => policy(index, index % 3 === 0 ? 6 : 8));

test('files indexed in batches get the findings of indexing them all at once', () => {
  const atOnce = getLanguageService();
  atOnce.indexFiles(docs);
  const batched = getLanguageService();
  const changed = new Set<string>();
  for (let start = 0; start < docs.length; start += 7) {
    for (const uri of batched.indexFiles(docs.slice(start, start + 7), undefined, { moreToCome: true }).changed) changed.add(uri);
  }
  for (const uri of batched.indexFiles([]).changed) changed.add(uri);
  assert.deepEqual(findingsOf(batched, docs), findingsOf(atOnce, docs));
  assert.ok(findingsOf(batched, docs).every((list) => (list as unknown[]).length > 0));
  assert.deepEqual([...changed].sort(), docs.map((doc) => doc.uri).sort());
});

test('the last call of a run reports the files indexed before it whose findings the run changed', () => {
  const service = getLanguageService();
  const [first, ...rest] = docs;
  service.indexFiles([first!]);
  assert.deepEqual(service.crossFileDiagnostics(first!.uri), []);
  const duringRun = service.indexFiles(rest, undefined, { moreToCome: true }).changed;
  assert.ok(!duringRun.includes(first!.uri), 'judged only when the run ends');
  assert.ok(service.indexFiles([]).changed.includes(first!.uri));
  assert.ok(service.crossFileDiagnostics(first!.uri).length > 0);
});

test('reading findings in the middle of a run judges the files given so far, and the end of the run still reports them', () => {
  const service = getLanguageService();
  const [first, ...rest] = docs;
  service.indexFiles([first!]);
  service.indexFiles(rest, undefined, { moreToCome: true });
  assert.ok(service.crossFileDiagnostics(first!.uri).length > 0);
  assert.ok(service.indexFiles([]).changed.includes(first!.uri));
});
