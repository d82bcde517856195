/**
 * After an edit inside one JSON string or number, or inside one SyncML element's text, the next
 * version reuses the previous parse (formats/jsonAstEdit.ts, xmlScanner.ts withText) and the
 * settings of every entry the edit cannot have changed. What a user sees must not depend on that:
 * each version's model and diagnostics equal a fresh open of the same text, for edits the reuse
 * takes and edits it must refuse (quotes, escapes, markup, line breaks, a `whfb-ignore` written on
 * the line above a command).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { settingsCatalogAdapter } from '../../../server/src/formats/settingsCatalog';
import { syncmlAdapter } from '../../../server/src/formats/syncml';
import type { FormatAdapter } from '../../../server/src/formats/adapter';
import type { PolicyModel, SourceFormat } from '../../../server/src/model/types';
import { getLanguageService } from '../../../server/src/service/languageService';
import { oneLineSettingsCatalog, oneLineSyncml } from '../../../bench/longLinePolicies';

function plain(model: PolicyModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, text: model.text.length }));
}

/** `text` with `length` characters at `at` replaced by `by`. */
function replaced(text: string, at: number, length: number, by: string): string {
  return text.slice(0, at) + by + text.slice(at + length);
}

function assertEveryVersionAsFresh(adapter: FormatAdapter, format: SourceFormat, uri: string, languageId: string, versions: readonly string[]): number {
  const catalog = getCatalog();
  const editing = getLanguageService();
  let previous: PolicyModel | undefined;
  let kept = 0;
  versions.forEach((text, index) => {
    const model = adapter.parse(text, format, catalog, previous);
    assert.deepStrictEqual(plain(model), plain(adapter.parse(text, format, catalog)), `model of version ${index + 1}`);
    if (previous) kept += model.settings.filter((setting, at) => previous!.settings[at] === setting).length;
    previous = model;
    const got = editing.validate({ uri, languageId, version: index + 1, text });
    assert.deepStrictEqual(got, getLanguageService().validate({ uri, languageId, version: 1, text }), `diagnostics of version ${index + 1}`);
  });
  return kept;
}

test('a one-line Settings Catalog export: every edit gives what a fresh open gives', () => {
  const doc = oneLineSettingsCatalog(120 * 1024);
  const text = doc.text;
  const id = text.indexOf('cloudkerberosticketretrievalenabled"', text.length / 2);
  const choice = text.indexOf('cloudkerberosticketretrievalenabled_1', text.length / 2);
  const name = text.indexOf('"name":"') + 8;
  const versions = [
    text,
    replaced(text, doc.edit.offset, 1, 'Q'), // the policy's description
    replaced(text, id + 3, 1, 'X'), // a settingDefinitionId: that setting is read again
    replaced(text, choice + 36, 1, '0'), // a choice option
    replaced(text, choice + 5, 1, 'E'), // letter case inside a choice value
    replaced(text, name, 1, 'Z'), // the policy's name
    replaced(text, id + 3, 1, '"'), // a quote: a syntax error, parsed whole
    replaced(text, id + 3, 1, '\\'), // an escape: parsed whole
    replaced(text, id + 3, 2, 'é'), // shorter: parsed whole
    text.replace('"settingInstanceTemplateReference":null', '"settingInstanceTemplateReference":7   '), // a literal becomes a number
    text,
    text,
  ];
  assert.ok(assertEveryVersionAsFresh(settingsCatalogAdapter, 'settings-catalog-json', doc.uri, doc.languageId, versions) > 0, 'untouched settings are kept');
});

test('a SyncML document: every edit gives what a fresh open gives, whfb-ignore on the line above included', () => {
  const oneLine = oneLineSyncml(200).text;
  const data = oneLine.indexOf('<Data>true</Data>', oneLine.length / 2) + 6;
  const uri = oneLine.indexOf('Policies/', oneLine.length / 2) + 9;
  // One command per line, the line above an unknown node holding text an edit turns into an ignore comment.
  const lines = oneLine.replace(/<Replace>/g, '\n<Replace>').replace(/Policies\/RequireSecurityDevice</, 'Policies/RequireSecurityDevic<');
  const unknown = lines.indexOf('RequireSecurityDevic<');
  const lineAbove = lines.lastIndexOf('<Data>', lines.lastIndexOf('\n', unknown)) + 6;
  const shortData = lines.slice(lineAbove, lines.indexOf('<', lineAbove));
  const widened = replaced(lines, lineAbove, shortData.length, 'x'.repeat(30));
  const versions = [
    oneLine,
    replaced(oneLine, data, 4, 'TRUE'),
    replaced(oneLine, data, 4, 'fals'),
    replaced(oneLine, uri, 1, 'p'), // an OMA-URI
    replaced(oneLine, data, 1, '<'), // markup: scanned whole
    replaced(oneLine, data, 1, '&'), // a reference: scanned whole
    replaced(oneLine, data, 4, '    '), // blank text is not kept: scanned whole
    replaced(oneLine, data, 1, '\n'), // a line break: scanned whole
    oneLine,
    widened,
    replaced(widened, lineAbove, 30, 'whfb-ignore WHFB101 xxxxxxxxxx'),
    replaced(widened, lineAbove, 30, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
  ];
  assert.ok(assertEveryVersionAsFresh(syncmlAdapter, 'syncml', 'file:///policy.syncml.xml', 'xml', versions) > 0, 'untouched settings are kept');
  const ignored = getLanguageService().validate({ uri: 'file:///policy.syncml.xml', languageId: 'xml', version: 1, text: versions[10]! });
  const shown = getLanguageService().validate({ uri: 'file:///policy.syncml.xml', languageId: 'xml', version: 1, text: versions[11]! });
  assert.ok(shown.some((item) => item.code === 'WHFB101') && !ignored.some((item) => item.code === 'WHFB101'), 'the case has the ignore comment decide');
});
