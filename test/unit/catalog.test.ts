/**
 * The catalog states what the DDF and the guides say, and its lookups accept OMA-URIs as
 * administrators write them. Facts are checked against the source files, not copied numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, joinCatalog, splitCatalog } from '../../scripts/catalog/generateCatalog';
import { getCatalog, nodeTexts, splitChoiceValue } from '../../server/src/catalog/catalog';

const root = join(__dirname, '../..');
const catalog = getCatalog();
const PFW = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies';
const node = (path: string) => {
  const found = catalog.byPath(path);
  assert.ok(found, `catalog has ${path}`);
  return found;
};

/** Counts <NodeName> elements under each root <Node> of a DDF by walking the raw XML text. */
function nodeNamesPerRoot(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  let depth = 0;
  let rootPath = '';
  let names = 0;
  for (const match of xml.matchAll(/<Node>|<\/Node>|<NodeName[\s>/]|<Path>([^<]*)<\/Path>/g)) {
    const tag = match[0];
    if (tag === '<Node>') depth++;
    else if (tag.startsWith('<Path>') && depth === 1) rootPath = match[1].trim();
    else if (tag.startsWith('<NodeName')) names++;
    else if (tag === '</Node>' && --depth === 0) {
      // A root's <Path> follows its <NodeName>, so the count is filed when the root closes.
      counts.set(rootPath, (counts.get(rootPath) ?? 0) + names);
      names = 0;
    }
  }
  return counts;
}

test('every PassportForWork node of the DDF is in the catalog, per scope', () => {
  const counts = nodeNamesPerRoot(readFileSync(join(root, 'data/ddf/PassportForWork.xml'), 'utf8'));
  const device = catalog.nodes.filter((n) => n.csp === 'PassportForWork' && n.scope === 'device').length;
  const user = catalog.nodes.filter((n) => n.csp === 'PassportForWork' && n.scope === 'user').length;
  assert.equal(device, counts.get('./Device/Vendor/MSFT'));
  assert.equal(user, counts.get('./User/Vendor/MSFT'));
});

test('MinimumPINLength: range 4-127, DDF default 4 and the guide default 6 both kept', () => {
  const min = node(`${PFW}/PINComplexity/MinimumPINLength`);
  assert.deepEqual(min.allowed, { kind: 'range', min: 4, max: 127, raw: '[4-127]' });
  assert.equal(min.defaultValue, '4');
  assert.deepEqual(min.defaults.map((d) => [d.source, d.value]), [['ddf', '4'], ['guide', '6']]);
  assert.equal(nodeTexts(min).groupPolicy?.displayName, 'Minimum PIN length');
});

test('UseCloudTrustForOnPremAuth lists the minimum build of each servicing branch', () => {
  assert.deepEqual(node(`${PFW}/UseCloudTrustForOnPremAuth`).minBuilds, ['10.0.22621', '10.0.22000.527', '10.0.19044.1566']);
});

test('the insider build is not a minimum build, but is recorded', () => {
  const node = catalog.nodes.find((n) => n.name === 'DisablePostLogonProvisioning' && n.scope === 'device');
  assert.ok(node);
  assert.equal(node.insider, true);
  assert.ok(!node.minBuilds.includes('99.9.99999'));
});

test('the deprecated root UseBiometrics points to Biometrics/UseBiometrics', () => {
  const deprecated = node('./Device/Vendor/MSFT/PassportForWork/UseBiometrics');
  assert.equal(deprecated.deprecated?.successor, './Device/Vendor/MSFT/PassportForWork/Biometrics/UseBiometrics');
  assert.equal(node('./Device/Vendor/MSFT/PassportForWork/Biometrics/UseBiometrics').deprecated, undefined);
});

test('CloudKerberosTicketRetrievalEnabled is in the catalog with its ids and reference', () => {
  const kerberos = node('./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled');
  assert.equal(kerberos.area, 'Kerberos');
  assert.equal(kerberos.format, 'int');
  assert.equal(kerberos.settingsCatalogId, 'device_vendor_msft_policy_config_kerberos_cloudkerberosticketretrievalenabled');
  assert.equal(kerberos.referenceUrl, 'https://learn.microsoft.com/windows/client-management/mdm/policy-csp-kerberos#cloudkerberosticketretrievalenabled');
});

test('settings catalog ids and reference anchors follow Microsoft\'s naming', () => {
  const use = node(`${PFW}/UsePassportForWork`);
  assert.equal(use.settingsCatalogId, 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork');
  assert.equal(use.referenceUrl, 'https://learn.microsoft.com/windows/client-management/mdm/passportforwork-csp#devicetenantidpoliciesusepassportforwork');
  assert.equal(catalog.bySettingsCatalogId('DEVICE_vendor_msft_passportforwork_{TenantId}_policies_usepassportforwork'), use);
  assert.equal(catalog.bySettingsCatalogId('device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true'), undefined);
  assert.deepEqual(splitChoiceValue('device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork_true'), {
    settingDefinitionId: 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork',
    option: 'true',
    node: use,
  });
  for (const n of catalog.nodes) assert.match(n.settingsCatalogId, /^(device|user)_vendor_msft_[a-z0-9_{}]+$/);
});

test('Group Policy names from the guides find their nodes', () => {
  const nodes = catalog.byGroupPolicy('use windows hello for business').map((n) => n.path);
  assert.ok(nodes.includes(`${PFW}/UsePassportForWork`));
  assert.ok(catalog.groupPolicyNames().includes('Use a hardware security device'));
  assert.deepEqual(catalog.byGroupPolicy('No such policy'), []);
});

test('guide sections that name a node are linked from it', () => {
  const hrefs = nodeTexts(node(`${PFW}/UseCloudTrustForOnPremAuth`)).guideRefs.map((ref) => ref.href);
  assert.ok(hrefs.some((href) => href.endsWith('/deploy/hybrid-cloud-kerberos-trust#configure-windows-hello-for-business-policy') || href.includes('hybrid-cloud-kerberos-trust')));
  assert.ok(hrefs.some((href) => href.endsWith('policy-settings#use-cloud-trust-for-on-premises-authentication')));
});

test('resolve() accepts every root spelling, any case, a GUID or anything in the tenant segment, and a trailing slash', () => {
  const use = node(`${PFW}/UsePassportForWork`);
  const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  const canonical = catalog.resolve(`${PFW}/UsePassportForWork`);
  assert.equal(canonical.node, use);
  assert.equal(canonical.caseDiffers, false);
  assert.equal(canonical.tenant?.kind, 'placeholder');

  const legacy = catalog.resolve(`./Vendor/MSFT/PassportForWork/${guid}/Policies/UsePassportForWork/`);
  assert.equal(legacy.node, use);
  assert.equal(legacy.legacyRoot, true);
  assert.equal(legacy.scope, 'device');
  assert.deepEqual(legacy.tenant, { text: guid, start: 30, end: 66, kind: 'guid' });

  const lower = catalog.resolve(`./device/vendor/msft/passportforwork/{tenantid}/policies/usepassportforwork`);
  assert.equal(lower.node, use);
  assert.equal(lower.caseDiffers, true);

  const invalid = catalog.resolve('./User/Vendor/MSFT/PassportForWork/contoso/Policies/UsePassportForWork');
  assert.equal(invalid.node?.path, './User/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork');
  assert.equal(invalid.tenant?.kind, 'invalid');
  assert.equal(catalog.resolve(`./Device/Vendor/MSFT/PassportForWork/{${guid}}/Policies/UsePassportForWork`).tenant?.kind, 'invalid');

  assert.equal(catalog.resolve(`${PFW}/UsePasportForWork`).node, undefined);

  // Graph's Settings Catalog definitions write the tenant as {0} (baseUri + offsetUri).
  const graph = catalog.resolve('./Device/Vendor/MSFT/PassportForWork/{0}/Policies/RequireSecurityDevice');
  assert.equal(graph.node?.name, 'RequireSecurityDevice');
  assert.equal(graph.tenant?.kind, 'placeholder');
});

test('nextSegments() completes an OMA-URI segment by segment', () => {
  const segments = (prefix: string) => catalog.nextSegments(prefix).map((s) => s.segment);
  assert.deepEqual(segments('./').sort(), ['Device', 'User', 'Vendor']);
  assert.deepEqual(segments('./Device/'), ['Vendor']);
  assert.deepEqual(segments('./Device/Vendor/'), ['MSFT']);
  assert.ok(segments('./Device/Vendor/MSFT/').includes('PassportForWork'));
  const tenant = catalog.nextSegments('./Device/Vendor/MSFT/PassportForWork/').find((s) => s.dynamic);
  assert.equal(tenant?.segment, '{TenantId}');
  assert.deepEqual(segments('./Device/Vendor/MSFT/PassportForWork/{TenantId}/'), ['Policies']);
  const policies = catalog.nextSegments('./Vendor/MSFT/PassportForWork/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Policies/Use');
  const use = policies.find((s) => s.segment === 'UsePassportForWork');
  assert.equal(use?.interior, false);
  assert.equal(use?.node?.path, `${PFW}/UsePassportForWork`);
  assert.equal(policies.find((s) => s.segment === 'PINComplexity')?.interior, true);
  assert.ok(segments('./Device/Vendor/MSFT/Policy/Config/').includes('Kerberos'));
});

test('suggest() proposes the node a typo meant, and nothing for an unrelated path', () => {
  assert.equal(catalog.suggest(`${PFW}/UsePasportForWork`)[0]?.path, `${PFW}/UsePassportForWork`);
  assert.equal(catalog.suggest('./Device/Vendor/MSFT/PassportForWork/{TenantId}/UsePassportForWork')[0]?.path, `${PFW}/UsePassportForWork`);
  assert.equal(
    catalog.suggest('./Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrieval')[0]?.path,
    './Device/Vendor/MSFT/Policy/Config/Kerberos/CloudKerberosTicketRetrievalEnabled',
  );
  assert.deepEqual(catalog.suggest('./Device/Vendor/MSFT/Foo/Bar'), []);
});

test('the generator is deterministic and matches the committed catalog and its texts', () => {
  const built = buildCatalog(root);
  const first = JSON.stringify(built, null, 2) + '\n';
  assert.equal(JSON.stringify(buildCatalog(root), null, 2) + '\n', first);
  const files = splitCatalog(built);
  assert.equal(readFileSync(join(root, 'data/generated/catalog.json'), 'utf8'), JSON.stringify(files.structure, null, 2) + '\n');
  assert.equal(readFileSync(join(root, 'data/generated/catalog-texts.json'), 'utf8'), JSON.stringify(files.texts, null, 2) + '\n');
  // The two files hold the whole catalog: joined, they are what the generator built.
  assert.deepEqual(joinCatalog(files.structure, files.texts), built);
});
