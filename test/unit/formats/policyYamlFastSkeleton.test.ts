/**
 * The plain skeleton reader (policyYamlFastSkeleton.ts) must build exactly what the `yaml`
 * package's parse of the document without its entries builds (the same PolicyTop, no findings),
 * and leave to that parse every skeleton it cannot read that way or that the schema reports on.
 * Compared on every policy file of the repository, on the benchmark's generated files (LF and
 * CRLF) and on headers written to be awkward; whole models and their findings are compared too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { readPlainSkeleton } from '../../../server/src/formats/policyYamlFastSkeleton';
import { findSettingsBlock } from '../../../server/src/formats/policyYamlLayout';
import { parsePolicyYaml, parseSkeleton } from '../../../server/src/formats/policyYamlParse';
import { harshPolicies, loadCatalog, syntheticPolicy } from '../../../bench/syntheticPolicies';
import { policyFiles } from './policyFiles';

const ROOT = join(__dirname, '..', '..', '..');

/** Compares both readers on the file's skeleton; true when the plain reader read it. */
function compareSkeleton(name: string, text: string): boolean {
  const layout = findSettingsBlock(text);
  if (!layout) return false;
  const read = readPlainSkeleton(text, layout) !== undefined;
  let parsed: ReturnType<typeof parseSkeleton>;
  try {
    parsed = parseSkeleton(text, layout, false);
  } catch (error) {
    // The YAML parse throws on some inputs (an unresolved alias); parsePolicyYaml reports that, and the plain reader must not read them.
    assert.equal(read, false, `${name}: read plainly but the YAML parse throws (${String(error)})`);
    return false;
  }
  assert.deepStrictEqual(parseSkeleton(text, layout, true), parsed, `${name}: ${JSON.stringify(text.slice(0, 400))}`);
  if (read) assert.deepStrictEqual(parsed.topFindings, [], `${name}: read plainly but the YAML parse reports on it`);
  return read;
}

/** The whole model and its findings, with the plain skeleton reader and without. */
function compareModel(name: string, text: string): void {
  const catalog = getCatalog();
  const plain = parsePolicyYaml(text, catalog);
  const parsed = parsePolicyYaml(text, catalog, undefined, { plainSkeleton: false });
  assert.deepStrictEqual(plain, parsed, name);
  assert.equal(JSON.stringify(plain.findings), JSON.stringify(parsed.findings), `${name}: findings byte for byte`);
}

test('the plain skeleton reader builds what the YAML parse builds, on every policy file of the repository', () => {
  const files = [...policyFiles(join(ROOT, 'examples')), ...policyFiles(join(ROOT, 'test')), ...policyFiles(join(ROOT, 'templates'))];
  assert.ok(files.length > 20, 'the fixtures are found');
  let read = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [variant, written] of [['LF', text.replace(/\r\n/g, '\n')], ['CRLF', text.replace(/\r?\n/g, '\r\n')]] as const) {
      if (compareSkeleton(`${file} ${variant}`, written)) read += 1;
      compareModel(`${file} ${variant}`, written);
    }
  }
  assert.ok(read > 30, `the plain reader read the skeletons of the fixtures (${read})`);
});

test('the plain skeleton reader builds what the YAML parse builds, on the benchmark files', () => {
  const catalog = loadCatalog(join(ROOT, 'data', 'generated', 'catalog.json'));
  for (const size of [20, 100]) {
    const synthetic = syntheticPolicy(catalog, { name: `synthetic-${size}`, settings: size });
    assert.ok(compareSkeleton('synthetic', synthetic.text), 'the bench files are read plainly');
    assert.ok(compareSkeleton('synthetic CRLF', synthetic.text.replace(/\n/g, '\r\n')), 'CRLF bench files are read plainly');
    compareModel('synthetic', synthetic.text);
  }
  for (const harsh of harshPolicies(catalog, 200)) {
    compareSkeleton(harsh.name, harsh.text);
    compareModel(harsh.name, harsh.text);
  }
});

const ENTRY = '  - omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n    type: bool\n    value: true\n';
const DEPLOYMENT = 'deployment:\n  model: hybrid\n  trust: key\n  management: intune\n';
const TENANT = 'tenantId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\n';

/** Scalars written to sit on either side of what the plain reader accepts. */
const SCALARS = [
  'Contoso', 'Contoso policy', 'true', 'True', 'false', 'yes', 'No', 'on', 'null', 'NULL', '~', '0', '1', '-0', '007', '+5', '-12', '1.5', '.5', '0x1F',
  '0o17', '1e3', '.inf', '-.inf', '.nan', '123456789012345678', '"1"', "'1'", '"a b"', "'it''s'", '"esc\\"aped"', '""', "''", 'a: b', 'a:b',
  'a #comment', 'a#b', '"q" # c', '"q"#c', "'q' x", '{a}', '[1, 2]', '{ a: 1 }', '&anchor x', '*alias', '!!str 5', '|', '>', '-', '- x', '?', '? x',
  'a  b', 'value   ', '"trailing"   ', '@x', '%x', '`x`', 'ü', 'Contoso, Ltd.', "Contoso's", 'x]', 'x}', '(x)', '_x', '/abs', './rel', '..', '.hidden',
  '3f2504e0-4f89-11d3-9a0c-0305e82c3301', '12345678-1234-1234-1234-123456789e12', '2026-12-02', '12:30', 'a\u2028b', 'a\u00a0b', '\u00a0a',
];

function header(lines: string): string {
  return `${lines}settings:\n${ENTRY}`;
}

function awkwardHeaders(): string[] {
  const out: string[] = [];
  for (const value of SCALARS) {
    out.push(header(`whfb: 1\nname: ${value}\n${TENANT}${DEPLOYMENT}`));
    out.push(header(`whfb: ${value}\n${TENANT}${DEPLOYMENT}`));
    out.push(header(`whfb: 1\ntenantId: ${value}\n${DEPLOYMENT}`));
    out.push(header(`whfb: 1\n${TENANT}deployment:\n  model: ${value}\n  trust: ${value}\n`));
    out.push(header(`whfb: 1\n${TENANT}description: ${value}\n${DEPLOYMENT}`));
    out.push(header(`whfb: 1\n${TENANT}${DEPLOYMENT}  minimumOsBuild: ${value}\n`));
  }
  out.push(
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}`),
    header(`# whfb-ignore-file WHFB104\n\n# Guide: https://example.com/a#b\nwhfb: 1\n${TENANT}${DEPLOYMENT}\n# before settings\n`),
    `whfb: 1\n${TENANT}settings:\n  # first\n\n${ENTRY}\n# after\n${DEPLOYMENT}`,
    `whfb: 1\n${TENANT}settings:\n${ENTRY}${DEPLOYMENT}name: last`,
    `whfb: 1\n${TENANT}settings:\n${ENTRY}${DEPLOYMENT}  # trailing, indented\n`,
    `whfb: 1\n${TENANT}settings:\n${ENTRY}deployment:\n  model: hybrid\n  trust: key`,
    `whfb: 1\n${TENANT}settings:\n${ENTRY}deployment:\n  model: hybrid\n  trust: key # c`,
    `whfb: 1\n${TENANT}settings:\n${ENTRY}deployment:\n  model: hybrid\n  trust: key\r`,
    header(`whfb: 1\n${TENANT}deployment: # the deployment\n  model: hybrid # comment\n\n  # inside\n  trust: key   \n# between\n  management: intune\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  # first\n\n  model: hybrid\n  trust: key\n  management: intune\n`),
    header(`whfb: 1\n${TENANT}deployment:\n# at column 0\n  model: hybrid\n  trust: key\n  management: intune\n`),
    header(`whfb: 1\n${TENANT}deployment:\n    model: hybrid\n    trust: key\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n   trust: key\n`),
    header(`whfb: 1\n${TENANT}deployment:\n   model: hybrid\n  trust: key\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n  model: cloud\n`),
    header(`whfb: 1\nwhfb: 1\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}deployment:\n`),
    header(`whfb: 1\n${TENANT}deployment:\nname: x\n`),
    header(`whfb: 1\n${TENANT}deployment: cloud\n`),
    header(`whfb: 1\n${TENANT}deployment: {model: cloud}\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n  extra: 1\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model:\n  trust: key\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n  trust:\n    nested: x\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  - model\n`),
    header(`whfb: 1\n${TENANT}deployment:\n\tmodel: hybrid\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model:\thybrid\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\t\n`),
    header(`whfb: 1\t\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}name:\n`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}name:   \n`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}name: # nothing\n`),
    header(`whfb: 1\nname:\n  first: x\n${TENANT}${DEPLOYMENT}`),
    header(`whfb : 1\n${TENANT}${DEPLOYMENT}`),
    header(`"whfb": 1\n${TENANT}${DEPLOYMENT}`),
    header(`whfb:1\n${TENANT}${DEPLOYMENT}`),
    header(`? whfb\n: 1\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}unknownKey: 1\n${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}extra-key: x\n${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}__proto__: x\n${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}  __proto__: x\n`),
    header(`whfb: 1\n${TENANT}__proto__:\n  model: x\n${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}groupPolicy:\n  - policy: x\n`),
    header(`whfb: 1\n${TENANT}${DEPLOYMENT}groupPolicy: []\n`),
    header(`---\nwhfb: 1\n${TENANT}${DEPLOYMENT}`),
    header(`%YAML 1.2\n---\nwhfb: 1\n${TENANT}${DEPLOYMENT}`),
    `${header(`whfb: 1\n${TENANT}${DEPLOYMENT}`)}---\nwhfb: 1\n`,
    `${header(`whfb: 1\n${TENANT}${DEPLOYMENT}`)}...\n`,
    header(`\ufeffwhfb: 1\n${TENANT}${DEPLOYMENT}`),
    header(` whfb: 1\n ${TENANT}`),
    header(`whfb: &v 1\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: !!int 1\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\nname: |\n  block\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\nname: "multi\n  line"\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\nname: plain\n  continued\n${TENANT}${DEPLOYMENT}`),
    header(`<<<<<<< HEAD\nwhfb: 1\n=======\nwhfb: 2\n>>>>>>> other\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\r${TENANT}${DEPLOYMENT}`),
    header(`whfb: 2\n${TENANT}${DEPLOYMENT}`),
    header(`whfb: 1\ntenantId: not-a-guid\n${DEPLOYMENT}`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: nonsense\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n  trust: key\n  minimumOsBuild: 19045\n`),
    header(`whfb: 1\n${TENANT}deployment:\n  model: hybrid\n  trust: key\n  minimumOsBuild: "10.0.19045"\n`),
    header(`${TENANT}${DEPLOYMENT}`),
    header(''),
    header('# only a comment\n'),
    `whfb: 1\n${TENANT}${DEPLOYMENT}settings: # the list\n${ENTRY}`,
    `whfb: 1\n${TENANT}${DEPLOYMENT}settings:\n- omaUri: ./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork\n  type: bool\n  value: true\n`,
    `whfb: 1\n${TENANT}${DEPLOYMENT}settings:\n${ENTRY}  other: 1\n`,
    `whfb: 1\n${TENANT}${DEPLOYMENT}settings:\n${ENTRY} other: 1\n`,
  );
  return out;
}

test('the plain skeleton reader builds what the YAML parse builds, on awkward headers, or leaves them to it', () => {
  let read = 0;
  for (const text of awkwardHeaders()) {
    for (const written of [text, text.replace(/\n/g, '\r\n')]) {
      if (compareSkeleton('awkward', written)) read += 1;
      compareModel('awkward', written);
    }
  }
  assert.ok(read > 60, `some awkward headers are still plain (${read})`);
});

test('an edit in the entries keeps the skeleton the plain reader read', () => {
  // The incremental path shifts the skeleton's offsets: typing and undoing gives back the first model.
  const catalog = getCatalog();
  const text = `# head\nwhfb: 1\n${TENANT}settings:\n${ENTRY}${ENTRY}${DEPLOYMENT}name: after\n`;
  const first = parsePolicyYaml(text, catalog);
  const at = text.indexOf('value: true');
  const typed = parsePolicyYaml(`${text.slice(0, at)}value: false${text.slice(at + 11)}`, catalog, first);
  const layout = findSettingsBlock(typed.text)!;
  assert.deepStrictEqual(typed.deployment, parseSkeleton(typed.text, layout, false).top.deployment);
  const undone = parsePolicyYaml(text, catalog, typed);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(undone)), JSON.parse(JSON.stringify(first)));
});
