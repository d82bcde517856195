/**
 * The policy-file validators are compiled at generate time (no code generation at run time). They
 * must report exactly what ajv compiling the schema at run time reported, error objects included:
 * the service maps those errors to ranges and messages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import * as generated from '../../../server/src/generated/policySchemaValidators';
import { P, ROOT, TENANT, validate } from './helpers';

function compiledAtRunTime(): { document: ValidateFunction; settingsEntry: ValidateFunction } {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'whfb-policy.schema.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _meta, ...withoutMeta } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addSchema({ ...withoutMeta, $id: 'whfb-policy' });
  return { document: ajv.getSchema('whfb-policy') as ValidateFunction, settingsEntry: ajv.compile({ $ref: 'whfb-policy#/properties/settings/items' }) };
}

const entry = { omaUri: `${P}/UsePassportForWork`, type: 'bool', value: true };
const documents: unknown[] = [
  { whfb: 1, tenantId: TENANT, deployment: { model: 'hybrid', trust: 'cloud-kerberos', management: 'intune' }, settings: [entry] },
  { whfb: 2, tenantId: '{x}', deployment: { model: 'hybrid', management: 'intune', extra: 1 }, settings: [], groupPolicy: [{ policy: 3 }], typo: true },
  { deployment: 'hybrid', settings: {} },
  { whfb: 1, tenantId: TENANT, deployment: { model: 'cloud-only', trust: 'key', management: 'gpo' }, settings: [{ omaUri: 1 }, 'text', null] },
  [],
  'text',
  null,
];
const entries: unknown[] = [
  entry,
  { ...entry, type: 'boolean', extra: 1 },
  { omaUri: `${P}/PINComplexity/MinimumPINLength`, type: 'int', value: 'four' },
  { type: 'chr' },
  { omaUri: ['a'], value: { nested: true } },
  'text',
  42,
  null,
];

test('generated validators report the same errors as ajv compiling the schema at run time', () => {
  const runtime = compiledAtRunTime();
  for (const value of documents) {
    assert.equal(generated.document(value), runtime.document(value), JSON.stringify(value));
    assert.deepEqual(generated.document.errors ?? null, runtime.document.errors ?? null, JSON.stringify(value));
  }
  for (const value of entries) {
    assert.equal(generated.settingsEntry(value), runtime.settingsEntry(value), JSON.stringify(value));
    assert.deepEqual(generated.settingsEntry.errors ?? null, runtime.settingsEntry.errors ?? null, JSON.stringify(value));
  }
});

test('shape errors still reach the user on the text at fault', () => {
  const text = `whfb: 1\ntenantId: ${TENANT}\ndeployment:\n  model: hybrid\n  trust: cloud-kerberos\n  management: intune\nsettings:\n  - omaUri: ${P}/UsePassportForWork\n    type: bool\n    value: true\n    valeu: 1\n`;
  const shape = validate(text).filter((diagnostic) => diagnostic.code === 'WHFB002');
  assert.equal(shape.length, 1);
  assert.match(shape[0].message, /Unknown key "valeu" in this settings entry/);
  assert.deepEqual(shape[0].range, { start: { line: 10, character: 4 }, end: { line: 10, character: 9 } });
});
