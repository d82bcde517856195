/** whfb-lint's SARIF validates against the SARIF 2.1.0 JSON Schema (draft-04, test/fixtures/sarif). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { REPO_ROOT } from '../protocol/ensureBuilt';
import { FIXTURES, whfbLint } from './runWhfbLint';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
// The schema's language pattern ("^[a-zA-Z]{2}|...-[a-zA-Z]{2}]?$") is not valid with the u flag.
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

function assertValidSarif(args: string[], cwd = FIXTURES): any {
  const run = whfbLint(['--format', 'sarif', ...args], cwd);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const sarif = JSON.parse(run.stdout);
  const valid = validate(sarif);
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  return sarif;
}

test('sarif with findings of every severity validates against the SARIF 2.1.0 schema', () => {
  const sarif = assertValidSarif(['errors', 'warnings', 'mixed', 'clean']);
  const levels = new Set(sarif.runs[0].results.map((r: any) => r.level));
  assert.ok(levels.has('error') && levels.has('warning') && levels.has('note'), [...levels].join());
});

test('sarif of a clean run and of odd file names validates too', () => {
  assertValidSarif(['clean']);
  assertValidSarif(['policies'], join(REPO_ROOT, 'test', 'fixtures', 'cli-golden'));
});

test('the schema rejects what is not SARIF 2.1.0 (the validator is really checking)', () => {
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'a driver needs a name');
});
