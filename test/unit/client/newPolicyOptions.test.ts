import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNewPolicyOptions } from '../../../client/src/commands/newPolicyOptions';
import type { Checklists } from '../../../server/src/checklists/types';
import checklistsJson from '../../../data/generated/checklists.json';

const models = (checklistsJson as unknown as Checklists).models.map((model) => model.id);
const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

test('New policy without an argument (command palette) prompts for everything', () => {
  assert.deepEqual(parseNewPolicyOptions(undefined, models), { ok: true, options: {} });
});

test('New policy ignores what a menu passes (a URI, a tree element) and prompts', () => {
  assert.deepEqual(parseNewPolicyOptions({ scheme: 'file', path: '/x' }, models), { ok: true, options: {} });
  assert.deepEqual(parseNewPolicyOptions('file:///x', models), { ok: true, options: {} });
});

test('New policy takes every one of the six models, a tenant GUID and untitled', () => {
  assert.equal(models.length, 6);
  for (const model of models) {
    assert.deepEqual(parseNewPolicyOptions({ model, tenantId: TENANT, untitled: true }, models),
      { ok: true, options: { model, tenantId: TENANT, untitled: true } });
  }
  assert.deepEqual(parseNewPolicyOptions({ tenantId: '' }, models), { ok: true, options: { tenantId: '' } }, 'empty: the zero GUID, as in the input box');
});

test('New policy rejects an unknown model with a message that lists the models', () => {
  const result = parseNewPolicyOptions({ model: 'hybrid-magic-trust' }, models);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.message : '', /"hybrid-magic-trust" is not a deployment model\. Use one of: .*cloud-only/);
});

test('New policy rejects a tenant id that is not a GUID, or one in braces, saying why', () => {
  const notGuid = parseNewPolicyOptions({ tenantId: 'contoso.onmicrosoft.com' }, models);
  assert.match(!notGuid.ok ? notGuid.message : '', /is not a tenant id\. A tenant id is a GUID/);
  const braces = parseNewPolicyOptions({ tenantId: `{${TENANT}}` }, models);
  assert.match(!braces.ok ? braces.message : '', /without braces/);
  const number = parseNewPolicyOptions({ tenantId: 42 }, models);
  assert.equal(number.ok, false);
});

test('New policy rejects an untitled flag that is not a boolean', () => {
  assert.equal(parseNewPolicyOptions({ untitled: 'yes' }, models).ok, false);
});
