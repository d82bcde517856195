/**
 * entryShapeIsClean remembers its answers by everything but the OMA-URI's text (policyYamlSchema.ts).
 * Whatever order entries come in, each answer must be the one the generated validator gives that
 * entry on its own: clean when it passes, or fails only where rules report instead (the OMA-URI's
 * value, combinators). Entries that differ only in their OMA-URI follow one another here, so a
 * remembered answer is used for every one after the first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryShapeIsClean } from '../../../server/src/formats/policyYamlSchema';
import * as validators from '../../../server/src/generated/policySchemaValidators';

function validatorSaysClean(value: unknown): boolean {
  const validate = validators.settingsEntry;
  if (validate(value)) return true;
  return (validate.errors ?? []).every((error) =>
    /\/(anyOf|oneOf|if|then|else|not)(\/|$)/.test(error.schemaPath) || ['anyOf', 'oneOf', 'if', 'not'].includes(error.keyword)
    || (error.instancePath.endsWith('/omaUri') && error.keyword !== 'type'));
}

const URIS: unknown[] = [
  './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork',
  './Device/Vendor/MSFT/PassportForWork/04423616-3972-43cf-ae54-16d955705bf2/Policies/UsePassportForWork',
  './Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork',
  './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePasportForWork',
  'has spaces in it',
  '',
  42,
  true,
];

const REST: Record<string, unknown>[] = [
  { type: 'bool', value: true },
  { type: 'int', value: 1 },
  { type: 'int', value: '1' },
  { type: 'boolean', value: 'true', name: 'Use Windows Hello' },
  { type: 'bogus', value: 1 },
  { type: 7, value: 1 },
  { type: 'chr', value: 'x'.repeat(300) },
  { value: 1 },
  { type: 'int' },
  { type: 'int', value: 1, name: 3 },
];

test('entryShapeIsClean gives the validator\'s answer for every entry, remembered or not', () => {
  let compared = 0;
  for (let round = 0; round < 2; round++) {
    for (const rest of REST) {
      for (const omaUri of URIS) {
        const entry = round === 0 ? { omaUri, ...rest } : { ...rest, omaUri };
        assert.equal(entryShapeIsClean(entry), validatorSaysClean(entry), JSON.stringify(entry));
        compared++;
      }
      const withoutType = { ...rest };
      delete withoutType.type;
      assert.equal(entryShapeIsClean(withoutType), validatorSaysClean(withoutType), JSON.stringify(withoutType));
      assert.equal(entryShapeIsClean({ ...rest, extra: 1 }), validatorSaysClean({ ...rest, extra: 1 }));
    }
  }
  assert.equal(compared, 2 * REST.length * URIS.length);
  // Both answers occur, so the comparison proves something.
  assert.equal(entryShapeIsClean({ omaUri: './a', type: 'int', value: 1 }), true);
  assert.equal(entryShapeIsClean({ omaUri: 42, type: 'int', value: 1 }), false);
});
