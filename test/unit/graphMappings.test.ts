/**
 * The Graph / intent -> CSP mapping table (data/mappings/graph-whfb.json): every mapped node exists
 * in the catalog and takes the kind of value the row says, every enum maps every member of its
 * Graph enum by name, and the lookups find rows the way Graph, intents and Microsoft365DSC spell them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import {
  decodeGraphValue, encodeCspValue, graphPropertyMapping, graphType, graphTypes, intentSettingMapping, isKnownUnmappedIntentId,
} from '../../server/src/catalog/graphMappings';

const ROOT = join(__dirname, '..', '..');
const IDENTITY = '#microsoft.graph.windowsIdentityProtectionConfiguration';
const ENROLLMENT = '#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration';

/** The Graph enums' members (names only), as the Graph reference lists them. */
const GRAPH_ENUM_MEMBERS: Record<string, string[]> = {
  configurationUsage: ['blocked', 'required', 'allowed', 'notConfigured'],
  windowsHelloForBusinessPinUsage: ['allowed', 'required', 'disallowed'],
  enablement: ['notConfigured', 'enabled', 'disabled'],
};

test('every mapped node is a settable catalog node whose format fits the row\'s value kind', () => {
  const catalog = getCatalog();
  const rows = graphTypes().flatMap((type) => type.properties);
  assert.ok(rows.length >= 27, `27 rows or more, got ${rows.length}`);
  for (const row of rows) {
    const node = catalog.byPath(row.node);
    assert.ok(node, `${row.odataType} ${row.property}: ${row.node} is in the catalog`);
    assert.ok(!node.interior, `${row.property}: ${row.node} is a leaf`);
    assert.ok(row.source.length > 20, `${row.property} cites a source`);
    const values = row.kind === 'enum' ? Object.values(row.members ?? {}).filter((value) => value !== null) : row.kind === 'int' ? [4] : row.kind === 'bool-as-int' ? [0, 1] : [true, false];
    for (const value of values) {
      assert.equal(typeof value === 'boolean' ? 'bool' : 'int', node.format, `${row.property}: ${String(value)} fits ${node.path} (${node.format})`);
      if (node.allowed?.kind === 'enum') assert.ok(node.allowed.values.some((allowed) => allowed.value.toLowerCase() === String(value)), `${row.property}: ${String(value)} is a DDF value of ${node.name}`);
    }
  }
});

test('every enum row maps every member of its Graph enum, by name', () => {
  const table = JSON.parse(readFileSync(join(ROOT, 'data', 'mappings', 'graph-whfb.json'), 'utf8')) as { enums: Record<string, { graphEnum: string; members: Record<string, unknown> }> };
  for (const [name, entry] of Object.entries(table.enums)) {
    const expected = GRAPH_ENUM_MEMBERS[entry.graphEnum];
    assert.ok(expected, `${name}: a known Graph enum`);
    assert.deepEqual(Object.keys(entry.members).sort(), [...expected].sort(), `${name} maps every member of ${entry.graphEnum}`);
  }
  for (const row of graphTypes().flatMap((type) => type.properties).filter((each) => each.kind === 'enum')) {
    assert.deepEqual(Object.keys(row.members ?? {}).sort(), [...GRAPH_ENUM_MEMBERS[row.graphType]!].sort(), `${row.property} (${row.graphType})`);
  }
});

test('configurationUsage maps by member name, not by number', () => {
  const upper = graphPropertyMapping(IDENTITY, 'pinUppercaseCharactersUsage')!;
  assert.deepEqual(decodeGraphValue(upper, 'blocked'), { kind: 'value', value: 2 });
  assert.deepEqual(decodeGraphValue(upper, 'required'), { kind: 'value', value: 1 });
  assert.deepEqual(decodeGraphValue(upper, 'allowed'), { kind: 'value', value: 0 });
  assert.deepEqual(decodeGraphValue(upper, 'notConfigured'), { kind: 'not-configured' });
  assert.equal(decodeGraphValue(upper, 'sometimes').kind, 'invalid');
  assert.equal(encodeCspValue(upper, 1), 'required');
  assert.equal(encodeCspValue(upper, 2), 'blocked');
  const enrollmentUpper = graphPropertyMapping(ENROLLMENT, 'pinUppercaseCharactersUsage')!;
  assert.deepEqual(decodeGraphValue(enrollmentUpper, 'disallowed'), { kind: 'value', value: 2 });
  assert.equal(encodeCspValue(enrollmentUpper, 2), 'disallowed');
});

test('the Graph types the table names, with their scope', () => {
  assert.equal(graphType(IDENTITY)?.policyScope, 'profile');
  assert.equal(graphType('microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration')?.policyScope, 'tenant-wide');
  assert.equal(graphType(IDENTITY)?.properties.length, 14);
  assert.equal(graphType(ENROLLMENT)?.properties.length, 13);
  assert.equal(graphType('#microsoft.graph.windows10CustomConfiguration'), undefined);
});

test('values: negated block flag, booleans as integers, enablement, strings as intents write them', () => {
  const blocked = graphPropertyMapping(IDENTITY, 'windowsHelloForBusinessBlocked')!;
  assert.equal(blocked.node, './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork');
  assert.deepEqual(decodeGraphValue(blocked, true), { kind: 'value', value: false });
  assert.deepEqual(decodeGraphValue(blocked, 'false'), { kind: 'value', value: true });
  assert.deepEqual(decodeGraphValue(blocked, null), { kind: 'not-configured' });
  assert.equal(encodeCspValue(blocked, true), false);
  const key = graphPropertyMapping(IDENTITY, 'useSecurityKeyForSignin')!;
  assert.deepEqual(decodeGraphValue(key, true), { kind: 'value', value: 1 });
  assert.equal(encodeCspValue(key, 0), false);
  const state = graphPropertyMapping(ENROLLMENT, 'state')!;
  assert.deepEqual(decodeGraphValue(state, 'disabled'), { kind: 'value', value: false });
  assert.equal(encodeCspValue(state, true), 'enabled');
  const min = graphPropertyMapping(ENROLLMENT, 'pinMinimumLength')!;
  assert.deepEqual(decodeGraphValue(min, '6'), { kind: 'value', value: 6 });
  assert.equal(decodeGraphValue(min, 'six').kind, 'invalid');
});

test('Microsoft365DSC spelling (first letter upper-cased) and intent ids find the same rows', () => {
  assert.equal(graphPropertyMapping(IDENTITY, 'PinMinimumLength'), graphPropertyMapping(IDENTITY, 'pinMinimumLength'));
  assert.equal(graphPropertyMapping(ENROLLMENT, 'SecurityKeyForSignIn')?.property, 'securityKeyForSignIn');
  const intent = intentSettingMapping('deviceConfiguration--windowsIdentityProtectionConfiguration_useCertificatesForOnPremisesAuthEnabled');
  assert.equal(intent?.node, './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UseCertificateForOnPremAuth');
  assert.equal(intentSettingMapping('deviceConfiguration--windowsIdentityProtectionConfiguration_PinMinimumLength')?.property, 'pinMinimumLength');
  assert.equal(intentSettingMapping('deviceConfiguration--windowsIdentityProtectionConfiguration_noSuchThing'), undefined);
  assert.ok(isKnownUnmappedIntentId('deviceConfiguration--windows10EndpointProtectionConfiguration_deviceGuardLocalSystemAuthorityCredentialGuardSettings'));
});

test('every row names a property the Microsoft365DSC resource of its type has (Graph name, first letter upper-cased)', () => {
  const mofs: Record<string, string> = {
    [IDENTITY]: 'MSFT_IntuneDeviceConfigurationIdentityProtectionPolicyWindows10/MSFT_IntuneDeviceConfigurationIdentityProtectionPolicyWindows10.schema.mof',
    [ENROLLMENT]: 'MSFT_IntuneWindowsHelloForBusinessGlobalPolicy/MSFT_IntuneWindowsHelloForBusinessGlobalPolicy.schema.mof',
  };
  for (const [odataType, file] of Object.entries(mofs)) {
    const mof = readFileSync(join(ROOT, 'data', 'm365dsc', file), 'utf8');
    for (const row of graphType(odataType)!.properties) {
      const dscName = row.property.charAt(0).toUpperCase() + row.property.slice(1);
      assert.match(mof, new RegExp(`\\] \\w+ ${dscName};`), `${odataType}: DSC property ${dscName}`);
    }
  }
});
