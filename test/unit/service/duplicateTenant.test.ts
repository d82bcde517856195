/**
 * WHFB150 across tenant spellings: a `{TenantId}` placeholder and the tenant's GUID name the same
 * setting on the device, in the policy file (tenantId) and in exports that mix Settings Catalog ids
 * (`{tenantid}`) with custom-profile OMA-URIs that spell the GUID.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TENANT, validate } from './helpers';

const PFW = './Device/Vendor/MSFT/PassportForWork';

/** A hybrid key trust policy for the test tenant that enables WHfB; the test's settings follow. */
const POLICY_HEAD = [
  'whfb: 1',
  `tenantId: ${TENANT}`,
  'deployment:',
  '  model: hybrid',
  '  trust: key',
  '  management: intune',
  'settings:',
  `  - omaUri: ${PFW}/{TenantId}/Policies/UsePassportForWork`,
  '    type: bool',
  '    value: true',
];

function policy(secondTenant: string, secondValue: string): string {
  return [
    ...POLICY_HEAD,
    `  - omaUri: ${PFW}/{TenantId}/Policies/RequireSecurityDevice`,
    '    type: bool',
    '    value: true',
    `  - omaUri: ${PFW}/${secondTenant}/Policies/RequireSecurityDevice`,
    '    type: bool',
    `    value: ${secondValue}`,
    '',
  ].join('\n');
}

test('the placeholder and tenantId spelled out are the same setting', () => {
  const codes = validate(policy(TENANT, 'false')).map((d) => d.code);
  assert.deepEqual(codes, ['WHFB150']);
  assert.deepEqual(validate(policy(TENANT.toUpperCase(), 'true')).map((d) => d.code), []);
});

test('another tenant GUID is another setting (and reported as another tenant, not as a duplicate)', () => {
  const codes = validate(policy('11111111-2222-3333-4444-555555555555', 'false')).map((d) => d.code);
  assert.ok(!codes.includes('WHFB150'), codes.join(', '));
});

test('in an export without tenantId, {tenantid} ids and the one GUID the OMA-URIs spell are the same tenant', () => {
  const list = JSON.stringify({
    value: [
      {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
        name: 'WHfB settings catalog',
        settings: [{
          settingInstance: {
            '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
            settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice',
            choiceSettingValue: { value: 'device_vendor_msft_passportforwork_{tenantid}_policies_requiresecuritydevice_true', children: [] },
          },
        }],
      },
      {
        '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
        displayName: 'WHfB custom profile',
        omaSettings: [{
          '@odata.type': '#microsoft.graph.omaSettingBoolean',
          displayName: 'Require TPM',
          omaUri: `${PFW}/${TENANT}/Policies/RequireSecurityDevice`,
          value: false,
        }],
      },
    ],
  }, null, 2);
  const codes = validate(list, 'file:///work/whfb-export.json').map((d) => d.code);
  assert.deepEqual(codes, ['WHFB150']);
});

test('two instances of a dynamic node ({UniqueID}) are two settings, the same instance twice is a duplicate', () => {
  const install = (name: string, value: string) => [
    `  - omaUri: ./Device/Vendor/MSFT/ClientCertificateInstall/PFXCertInstall/${name}/KeyLocation`,
    '    type: int',
    `    value: ${value}`,
  ];
  const file = (second: string) => [
    ...POLICY_HEAD,
    ...install('pilot', '1'),
    ...install(second, '2'),
    '',
  ].join('\n');
  assert.ok(!validate(file('lab')).some((d) => d.code === 'WHFB150'), 'pilot and lab are two certificate installs');
  assert.ok(validate(file('pilot')).some((d) => d.code === 'WHFB150'), 'pilot twice is one setting with two values');
});
