/**
 * The plain-entry reader (policyYamlFastEntry.ts) must build exactly what the `yaml` package's
 * parse of the same entry builds, and leave to that parse every entry it cannot read that way
 * or that the schema reports on. Compared entry by entry on every policy file of the repository,
 * on the benchmark's generated files and on entries written to be awkward.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { readPlainEntry } from '../../../server/src/formats/policyYamlFastEntry';
import { findSettingsBlock } from '../../../server/src/formats/policyYamlLayout';
import { parseEntry, parsePolicyYaml } from '../../../server/src/formats/policyYamlParse';
import { harshPolicies, loadCatalog, syntheticPolicy } from '../../../bench/syntheticPolicies';
import { policyFiles } from './policyFiles';

const ROOT = join(__dirname, '..', '..', '..');

/** Compares both readers on every entry of the file; returns how many entries the plain reader read. */
function compareEntries(name: string, text: string): number {
  const catalog = getCatalog();
  const layout = findSettingsBlock(text);
  if (!layout) return 0;
  const starts = layout.entryStarts;
  let read = 0;
  starts.forEach((start, index) => {
    const end = index + 1 < starts.length ? starts[index + 1] : layout.entriesEnd;
    const fast = readPlainEntry(text, start, end, layout.listIndent, index, catalog);
    if (!fast) return;
    read += 1;
    const parsed = parseEntry(text, start, end, index, catalog);
    assert.deepStrictEqual(parsed.findings, [], `${name}: the entry at ${start} was read plainly but the YAML parse reports on it`);
    assert.deepStrictEqual(fast, parsed.setting, `${name}: the entry at ${start} (${JSON.stringify(text.slice(start, end))})`);
  });
  return read;
}

test('the plain reader builds what the YAML parse builds, on every policy file of the repository', () => {
  const files = [...policyFiles(join(ROOT, 'examples')), ...policyFiles(join(ROOT, 'test'))];
  assert.ok(files.length > 20, 'the fixtures are found');
  let read = 0;
  for (const file of files) read += compareEntries(file, readFileSync(file, 'utf8'));
  assert.ok(read > 50, `the plain reader read entries of the fixtures (${read})`);
});

test('the plain reader builds what the YAML parse builds, on the benchmark files', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  const synthetic = syntheticPolicy(catalog, { name: 'synthetic-1000', settings: 1000 });
  assert.ok(compareEntries('synthetic', synthetic.text) > 900);
  assert.ok(compareEntries('synthetic CRLF', synthetic.text.replace(/\n/g, '\r\n')) > 900);
  for (const harsh of harshPolicies(catalog, 600)) compareEntries(harsh.name, harsh.text);
});

const P = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const HEAD = 'whfb: 1\ntenantId: 5b2d1f5e-6a0b-4d0c-9d8e-0f1a2b3c4d5e\ndeployment:\n  model: cloud\n  management: intune\nsettings:\n';

/** Values, keys and layouts chosen to sit on either side of what the plain reader accepts. */
const VALUES = [
  'true', 'True', 'TRUE', 'false', 'tRue', 'yes', 'No', 'on', 'null', 'Null', '~', '0', '-0', '007', '+5', '-12', '1.5', '.5', '0x1F', '0o17',
  '1e3', '.inf', '-.inf', '.nan', '123456789012345678', '"1"', "'1'", '"a b"', "'it''s'", '"esc\\"aped"', '""', "''", 'plain text', 'a: b',
  'a #comment', 'a#b', '{a}', 'x{TenantId}y', '[1, 2]', '{ a: 1 }', '&anchor x', '*alias', '!!str 5', '|', '>', '-', '- x', '?', 'a  b',
  'value   ', '"trailing"   ', '@x', '%x', '`x`', 'ü', '_x', '/abs/path', './rel', '..', '.hidden', 'x,y', 'x]',
];

function awkwardEntries(): string {
  const out: string[] = [];
  VALUES.forEach((value) => {
    out.push(`  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: ${value}\n`);
    out.push(`  - omaUri: ${P}/PINComplexity/MinimumPINLength\n    type: ${value}\n    value: 6\n    name: ${value}\n`);
  });
  out.push(
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value:\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true # why\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    value: true\n    type: bool\n\n  # whfb-ignore WHFB150\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    type: bool\n    value: true\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    extra: 1\n    value: true\n`,
    `  - omaUri: ${P}/UsePassportForWork\n\n    type: bool\n    value: true\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    # inside\n    type: bool\n    value: true\n`,
    `  -   omaUri: ${P}/UsePassportForWork\n        type: bool\n        value: true\n`,
    `  - omaUri: ${P}/UsePassportForWork\n     type: bool\n    value: true\n`,
    `  - omaUri: ${P}/UsePassportForWork\n\ttype: bool\n    value: true\n`,
    `  - omaUri:  ${P}/UsePassportForWork  \n    type:   bool\n    value:    true   \n`,
    `  - omaUri: ${P}/NoSuchNode\n    type: int\n    value: 1\n`,
    `  - omaUri: ./Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    type: bool\n    value: true\n`,
    `  - omaUri: 5\n    type: int\n    value: 1\n`,
    `  - type: int\n    value: 1\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true\n  # trailing comment\n\n`,
    `  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true`,
  );
  return HEAD + out.join('');
}

test('the plain reader builds what the YAML parse builds, on awkward entries, or leaves them to it', () => {
  const text = awkwardEntries();
  const read = compareEntries('awkward', text);
  assert.ok(read > 10, `some awkward entries are still plain (${read})`);
  compareEntries('awkward CRLF', text.replace(/\n/g, '\r\n'));
  compareEntries('awkward, list at column 0', text.replace(/^ {2}/gm, ''));
});

test('a whole file parses to the same model whichever reader read its entries', () => {
  // The incremental path reads a re-parsed entry plainly too: typing and undoing gives back the first model.
  const catalog = getCatalog();
  const text = awkwardEntries();
  const first = parsePolicyYaml(text, catalog);
  const at = text.indexOf('value: 6');
  const typed = parsePolicyYaml(`${text.slice(0, at)}value: 7${text.slice(at + 8)}`, catalog, first);
  const undone = parsePolicyYaml(text, catalog, typed);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(undone)), JSON.parse(JSON.stringify(first)));
});
