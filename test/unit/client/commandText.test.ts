import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { applyTenantId, normalizeTenantId, policyFileName, validateTenantIdInput, ZERO_GUID } from '../../../client/src/commands/newPolicyText';
import { resolveStateFilePath } from '../../../client/src/checklist/stateFilePath';
import templates from '../../../data/generated/policy-templates.json';

test('tenant id input: a GUID or empty (zero GUID); braces and junk are refused with a hint', () => {
  assert.equal(validateTenantIdInput(''), undefined);
  assert.equal(validateTenantIdInput(' 3F2504E0-4F89-11D3-9A0C-0305E82C3301 '), undefined);
  assert.match(validateTenantIdInput('{3f2504e0-4f89-11d3-9a0c-0305e82c3301}') ?? '', /without braces/);
  assert.match(validateTenantIdInput('contoso.onmicrosoft.com') ?? '', /GUID/);
  assert.equal(normalizeTenantId(''), ZERO_GUID);
  assert.equal(normalizeTenantId(' 3F2504E0-4F89-11D3-9A0C-0305E82C3301 '), '3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  assert.equal(policyFileName('pilot.yaml'), 'pilot.whfb.yaml');
  assert.equal(policyFileName('pilot'), 'pilot.whfb.yaml');
  assert.equal(policyFileName('pilot.whfb.yml'), 'pilot.whfb.yml');
});

test('every generated policy template takes the tenant id and stays a policy file', () => {
  const tenant = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  assert.equal(Object.keys(templates).length, 6);
  for (const [id, template] of Object.entries(templates as Record<string, string>)) {
    const text = applyTenantId(template, tenant);
    const parsed = parseYaml(text) as { whfb: number; tenantId: string; settings?: unknown[] };
    assert.equal(parsed.whfb, 1, id);
    assert.equal(parsed.tenantId, tenant, id);
    assert.equal(text.split('\n').length, template.split('\n').length, `${id}: only the value changed`);
  }
  assert.equal(applyTenantId('whfb: 1\ntenantId: x # mine\n', tenant), `whfb: 1\ntenantId: ${tenant} # mine\n`);
  assert.equal(applyTenantId('whfb: 1\nname: n\n', tenant), `whfb: 1\ntenantId: ${tenant}\nname: n\n`);
});

test('the state file setting cannot point outside the workspace folder', () => {
  assert.deepEqual(resolveStateFilePath('/ws', undefined), { ok: true, path: '/ws/.whfb/checklist.json' });
  assert.deepEqual(resolveStateFilePath('/ws', 'ops/whfb-progress.json'), { ok: true, path: '/ws/ops/whfb-progress.json' });
  const outside = resolveStateFilePath('/ws', '../../home/user/.bashrc');
  assert.equal(outside.ok, false);
  assert.equal(outside.path, '/ws/.whfb/checklist.json');
  assert.equal(resolveStateFilePath('/ws', '/etc/passwd').ok, false);
  assert.equal(resolveStateFilePath('/ws', 42).ok, false);
});
