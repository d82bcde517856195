/** What the user configures: enable, per-rule severity and off, whfb-ignore comments; and the facade's cache. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { DiagnosticSeverity } from '../../../server/src/lsp/protocolTypes';
import { fixture } from './helpers';

const input = (text: string, version = 1) => ({ uri: 'file:///s.whfb.yaml', version, text });

test('enable: false turns every diagnostic off, completion and hover stay', () => {
  const ls = getLanguageService({ enable: false });
  assert.deepEqual(ls.validate(input(fixture('WHFB101-bad.whfb.yaml'))), []);
  assert.ok(ls.hover(input(fixture('WHFB101-bad.whfb.yaml')), { line: 10, character: 20 }));
});

test('per-rule severity override and off', () => {
  const ls = getLanguageService({ ruleSeverity: { WHFB190: 'off', WHFB120: 'warning' } });
  assert.deepEqual(ls.validate(input(fixture('WHFB190-bad.whfb.yaml'))), []);
  const [pin] = ls.validate(input(fixture('WHFB120-bad.whfb.yaml')));
  assert.equal(pin.severity, DiagnosticSeverity.Warning);
  ls.configure({ ruleSeverity: {} });
  assert.equal(ls.validate(input(fixture('WHFB120-bad.whfb.yaml')))[0].severity, DiagnosticSeverity.Error, 'configure applies to cached documents too');
});

test('# whfb-ignore above an entry silences that code for that entry only', () => {
  const text = fixture('WHFB150-bad.whfb.yaml');
  const ignored = text.replace(/(\n)(  - omaUri: [^\n]*Digits\n    type: int\n    value: 2)/, '$1  # whfb-ignore WHFB150\n$2');
  const ls = getLanguageService();
  assert.deepEqual(ls.validate(input(ignored)).map((d) => d.code), []);
  const other = text.replace(/(\n)(  - omaUri: [^\n]*Digits\n    type: int\n    value: 2)/, '$1  # whfb-ignore WHFB101\n$2');
  assert.deepEqual(ls.validate(input(other, 2)).map((d) => d.code), ['WHFB150']);
});

test('# whfb-ignore-file at the top silences a code in the whole file', () => {
  const text = `# whfb-ignore-file WHFB103, WHFB190\n${fixture('WHFB103-bad.whfb.yaml')}`;
  assert.deepEqual(getLanguageService().validate(input(text)), []);
});

test('which documents are policies', () => {
  const ls = getLanguageService();
  assert.equal(ls.detectFormat({ uri: 'file:///a/pilot.whfb.yaml', version: 1, text: '' }), 'whfb-yaml');
  assert.equal(ls.detectFormat({ uri: 'file:///a/pilot.whfb.yml', version: 1, text: '' }), 'whfb-yaml');
  assert.equal(ls.detectFormat({ uri: 'untitled:Untitled-1', languageId: 'whfb-yaml', version: 1, text: '' }), 'whfb-yaml');
  assert.equal(ls.detectFormat({ uri: 'file:///a/package.json', languageId: 'json', version: 1, text: '{"name":"x","version":"1.0.0"}' }), undefined);
  assert.deepEqual(ls.validate({ uri: 'file:///a/.github/workflows/ci.yml', languageId: 'yaml', version: 1, text: 'on: push\njobs: {}\n' }), []);
});

test('the same version answers the same; forget drops the cached parse', () => {
  const ls = getLanguageService();
  const text = fixture('WHFB101-bad.whfb.yaml');
  const first = ls.validate(input(text, 5));
  assert.deepEqual(ls.validate(input(text, 5)), first);
  const symbolsBefore = ls.documentSymbols(input(text, 5));
  ls.forget('file:///s.whfb.yaml');
  assert.deepEqual(ls.documentSymbols(input(text, 5)), symbolsBefore);
  assert.deepEqual(ls.validate(input(text, 5)), first);
});

test('a cancelled request answers nothing', () => {
  const ls = getLanguageService();
  assert.deepEqual(ls.validate(input(fixture('WHFB101-bad.whfb.yaml')), { isCancellationRequested: true }), []);
});
