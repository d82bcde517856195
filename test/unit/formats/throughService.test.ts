/**
 * Each export format through the real language service: a clean file gets no error or warning, a
 * broken one gets the rule codes a user would see, on the lines they would see them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService } from '../../../server/src/service/languageService';
import { DiagnosticSeverity } from '../../../server/src/lsp/protocolTypes';
import { FIXTURES, fixture } from './fixtures';

const service = getLanguageService();

function diagnosticsOf(relativePath: string, languageId?: string) {
  const input = fixture(relativePath, languageId);
  return service.validate({ ...input, version: 1 });
}

function codes(relativePath: string, languageId?: string): string[] {
  return [...new Set(diagnosticsOf(relativePath, languageId).map((diagnostic) => diagnostic.code))].sort();
}

test('clean WHfB files in every format get no error and no warning', () => {
  const clean = [
    'settings-catalog/cloud-kerberos-trust.json',
    'settings-catalog/account-protection.json',
    'intunecd/cloud-kerberos-trust.yaml',
    'intunecd/whfb-custom-profile.yaml',
    'syncml/whfb-cloud-kerberos.syncml.xml',
    'text/whfb-runbook.md',
  ];
  for (const file of clean) {
    const serious = diagnosticsOf(file).filter((diagnostic) => diagnostic.severity <= DiagnosticSeverity.Warning);
    assert.deepEqual(serious.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`), [], file);
  }
});

test('the clean custom profile is flagged only for its "****" value', () => {
  const diagnostics = diagnosticsOf('custom-profile/whfb-custom-profile.json');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['WHFB180']);
  assert.equal(diagnostics[0]!.range.start.line, 38);
});

test('a broken Settings Catalog export: unknown id, wrong type and value, both trust flags on', () => {
  assert.deepEqual(codes('settings-catalog/broken.json'), ['WHFB101', 'WHFB102', 'WHFB103', 'WHFB133']);
  const unknown = diagnosticsOf('settings-catalog/broken.json').find((diagnostic) => diagnostic.code === 'WHFB101')!;
  assert.deepEqual(unknown.range.start, { line: 38, character: 40 });
});

test('a broken custom profile, JSON and IntuneCD YAML: unknown node, wrong type, both trust flags on, "****"', () => {
  assert.deepEqual(codes('custom-profile/broken-types.json'), ['WHFB101', 'WHFB102', 'WHFB133', 'WHFB180']);
  assert.deepEqual(codes('intunecd/broken-custom-profile.yaml'), ['WHFB101', 'WHFB102', 'WHFB133', 'WHFB180']);
});

test('a broken SyncML document: unknown node, wrong type, both trust flags on', () => {
  assert.deepEqual(codes('syncml/broken.syncml.xml'), ['WHFB101', 'WHFB102', 'WHFB133']);
});

test('loose text: only path checks, and an unknown node is found on its line', () => {
  const diagnostics = diagnosticsOf('text/broken-runbook.md', 'markdown');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['WHFB101']);
  assert.deepEqual(diagnostics[0]!.range.start, { line: 2, character: 5 });
  assert.deepEqual(codes('text/Set-WhfbPolicy.ps1'), []);
});

test('malformed JSON and XML get one WHFB001 with a sensible position', () => {
  const json = diagnosticsOf('settings-catalog/malformed.json');
  assert.deepEqual(json.map((diagnostic) => diagnostic.code), ['WHFB001']);
  assert.deepEqual(json[0]!.range.start, { line: 4, character: 4 });
  const xml = diagnosticsOf('syncml/malformed.syncml.xml');
  assert.deepEqual(xml.map((diagnostic) => diagnostic.code), ['WHFB001']);
  assert.deepEqual(xml[0]!.range.start, { line: 8, character: 6 });
});

test('unrelated files are not policy documents: no format, no diagnostics', () => {
  for (const file of readdirSync(join(FIXTURES, 'unrelated'))) {
    const input = fixture(`unrelated/${file}`);
    assert.equal(service.detectFormat({ ...input, version: 1 }), undefined, file);
    assert.deepEqual(service.validate({ ...input, version: 1 }), [], file);
  }
});
