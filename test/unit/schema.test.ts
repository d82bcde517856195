/**
 * The policy-file schema compiles with ajv as the language service uses it, accepts a file that
 * follows the design, and rejects the shapes the design forbids, while unknown OMA-URIs stay valid
 * (rule WHFB101 reports those).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { buildSchema } from '../../scripts/schema/generateSchema';
import { buildCatalog } from '../../scripts/catalog/generateCatalog';

const root = join(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/whfb-policy.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validPolicy(): Record<string, unknown> {
  return {
    whfb: 1,
    name: 'Contoso WHfB pilot',
    tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    deployment: { model: 'hybrid', trust: 'cloud-kerberos', join: 'hybrid', authentication: 'federated', management: 'intune', minimumOsBuild: '10.0.19044.1566' },
    settings: [
      { omaUri: './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork', type: 'bool', value: true, name: 'Use Windows Hello for Business' },
      { omaUri: './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCloudTrustForOnPremAuth', type: 'bool', value: true },
      { omaUri: './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled', type: 'int', value: 1 },
    ],
    groupPolicy: [{ policy: 'Use Windows Hello for Business', scope: 'computer', state: 'enabled' }],
  };
}

test('the schema accepts the policy file of the design', () => {
  assert.equal(validate(validPolicy()), true, JSON.stringify(validate.errors));
});

test('an unknown key is rejected, at the top level and inside entries', () => {
  assert.equal(validate({ ...validPolicy(), tenant: 'x' }), false);
  assert.ok(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'tenant'));
  const policy = validPolicy();
  (policy.settings as Record<string, unknown>[])[0].omauri = 'typo';
  assert.equal(validate(policy), false);
});

test('missing keys, wrong enums and a braced tenant id are rejected', () => {
  const { tenantId: _dropped, ...withoutTenant } = validPolicy();
  assert.equal(validate(withoutTenant), false);
  assert.equal(validate({ ...validPolicy(), deployment: { model: 'hybrid', management: 'intune' } }), false, 'hybrid needs a trust type');
  assert.equal(validate({ ...validPolicy(), deployment: { model: 'cloud-only', management: 'intune' } }), true, 'cloud-only has no trust type');
  assert.equal(validate({ ...validPolicy(), deployment: { model: 'hybrid', trust: 'kerberos', management: 'intune' } }), false);
  assert.equal(validate({ ...validPolicy(), tenantId: '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}' }), false);
  assert.equal(validate({ ...validPolicy(), groupPolicy: [{ policy: 'Use biometrics', scope: 'machine', state: 'enabled' }] }), false);
});

test('type aliases are accepted, and an OMA-URI the catalog does not know stays schema-valid', () => {
  const policy = validPolicy();
  policy.settings = [
    { omaUri: './Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/UsePasportForWork', type: 'boolean', value: true },
    { omaUri: './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled', type: 'integer', value: 1 },
    { omaUri: './Device/Vendor/MSFT/Policy/Config/ADMX_Kerberos/DevicePKInitEnabled', type: 'chr', value: '<enabled/>' },
  ];
  assert.equal(validate(policy), true, JSON.stringify(validate.errors));
});

test('editors are offered the catalog\'s OMA-URIs and Group Policy names', () => {
  const settings = (schema.properties as Record<string, any>).settings;
  const omaUri = settings.items.properties.omaUri;
  const paths: string[] = omaUri.anyOf[0].enum;
  assert.ok(paths.includes('./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork'));
  assert.ok(omaUri.examples.includes('./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/RequireSecurityDevice'));
  const gp = (schema.properties as Record<string, any>).groupPolicy.items.properties.policy;
  assert.ok(gp.examples.includes('Minimum PIN length'));
});

test('the committed schema is the one the generator builds', () => {
  const built = `${JSON.stringify(buildSchema(buildCatalog(root), root), null, 2)}\n`;
  assert.equal(readFileSync(join(root, 'schemas/whfb-policy.schema.json'), 'utf8'), built);
});
