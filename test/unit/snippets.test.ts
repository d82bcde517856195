import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DocumentedCatalogNode as CatalogNode } from '../../server/src/catalog/types';
import { readGeneratedCatalog } from './generatedCatalog';
import { buildChecklists } from '../../scripts/checklists/generateChecklists';
import { buildSnippets, SNIPPET_FILES } from '../../scripts/snippets/generateSnippets';

const root = join(__dirname, '..', '..');
const catalog = readGeneratedCatalog(root);
const checklists = buildChecklists(root, catalog);
const files = new Map(buildSnippets(root, catalog, checklists).map((f) => [f.path, f.content]));

type Snippets = Record<string, { prefix: string; where: string; body: string[]; description: string }>;
const yamlSnippets = JSON.parse(files.get(SNIPPET_FILES.policyYaml)!) as Snippets;
const jsonSnippets = JSON.parse(files.get(SNIPPET_FILES.customProfile)!) as Snippets;
const templates = JSON.parse(files.get(SNIPPET_FILES.templates)!) as Record<string, string>;

/** The text a snippet inserts when every placeholder keeps its first value. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\\([$}\\])/g, '$1');
}

function nodeOf(omaUri: string): CatalogNode | undefined {
  const canonical = omaUri.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//i, '/{TenantId}/');
  return catalog.nodes.find((n) => n.path === canonical);
}

const FORMAT_TYPE: Record<string, string> = { bool: 'bool', int: 'int', chr: 'string' };

test('each file holds snippets, and the guides tables are among them', () => {
  assert.ok(Object.keys(yamlSnippets).length > 6);
  assert.ok(Object.keys(jsonSnippets).length > 0);
  const kerberos = yamlSnippets['Cloud Kerberos trust: MDM settings'];
  assert.ok(kerberos, 'the cloud Kerberos trust settings table');
  assert.match(expand(kerberos.body), /UseCloudTrustForOnPremAuth/);
  assert.ok(yamlSnippets['Hybrid key trust: MDM settings'], 'the hybrid key trust enroll table');
  for (const s of [...Object.values(yamlSnippets), ...Object.values(jsonSnippets)]) assert.match(s.description, /https:\/\/learn\.microsoft\.com\//);
});

test('every OMA-URI a policy-file snippet inserts names a catalog node, with the node\'s type', () => {
  let checked = 0;
  for (const snippet of Object.values(yamlSnippets)) {
    const parsed = parseYaml(expand(snippet.body)) as unknown;
    const entries = Array.isArray(parsed) ? parsed : ((parsed as { settings?: unknown[] }).settings ?? []);
    for (const entry of entries as { omaUri?: string; type?: string; value?: unknown }[]) {
      if (!entry.omaUri) continue;
      const node = nodeOf(entry.omaUri);
      assert.ok(node, `${snippet.prefix}: ${entry.omaUri}`);
      assert.equal(entry.type, FORMAT_TYPE[node.format], `${snippet.prefix}: ${entry.omaUri}`);
      assert.equal(typeof entry.value, entry.type === 'bool' ? 'boolean' : entry.type === 'int' ? 'number' : 'string');
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('every custom-profile snippet is valid omaSettings JSON matching the node format', () => {
  const odata: Record<string, string> = { bool: '#microsoft.graph.omaSettingBoolean', int: '#microsoft.graph.omaSettingInteger', chr: '#microsoft.graph.omaSettingString' };
  for (const snippet of Object.values(jsonSnippets)) {
    const entries = JSON.parse(`[${expand(snippet.body)}]`) as { '@odata.type': string; omaUri: string; displayName: string }[];
    assert.ok(entries.length > 0);
    for (const entry of entries) {
      const node = nodeOf(entry.omaUri);
      assert.ok(node, entry.omaUri);
      assert.equal(entry['@odata.type'], odata[node.format]);
      assert.ok(entry.displayName);
    }
  }
});

test('every model template is YAML with its model\'s deployment block and the settings its guide requires', () => {
  assert.deepEqual(Object.keys(templates).sort(), checklists.models.map((m) => m.id).sort());
  for (const model of checklists.models) {
    const policy = parseYaml(templates[model.id]) as { whfb: number; tenantId: string; deployment: Record<string, string>; settings: { omaUri: string }[]; groupPolicy?: { policy: string }[] };
    assert.equal(policy.whfb, 1);
    assert.equal(policy.tenantId, '00000000-0000-0000-0000-000000000000');
    assert.equal(policy.deployment.model, model.deployment.model);
    assert.equal(policy.deployment.trust, model.deployment.trust);
    const named = [...policy.settings.map((s) => s.omaUri), ...(policy.groupPolicy ?? []).map((g) => g.policy)].join('\n');
    assert.match(named, /UsePassportForWork|Use Windows Hello for Business/, model.id);
    if (model.deployment.trust === 'cloud-kerberos') assert.match(named, /UseCloudTrustForOnPremAuth/);
    if (model.deployment.trust === 'certificate') assert.match(named, /UseCertificateForOnPremAuth|Use certificate for on-premises authentication/);
    if (model.id === 'hybrid-certificate-trust') assert.equal(policy.deployment.authentication, 'federated');
  }
  const snippet = yamlSnippets['Cloud Kerberos trust: policy file'];
  assert.ok(snippet.body.includes('tenantId: ${1:00000000-0000-0000-0000-000000000000}'));
  assert.equal(`${expand(snippet.body)}\n`, templates['hybrid-cloud-kerberos-trust']);
});

test('snippets have short human names and prefixes, a place, and a description naming the guide section (issue 12 point 5)', () => {
  for (const [name, snippet] of [...Object.entries(yamlSnippets), ...Object.entries(jsonSnippets)]) {
    assert.ok(name.length <= 50 && !/^whfb-/.test(name), name);
    assert.ok(snippet.prefix.length <= 50 && !snippet.prefix.startsWith('whfb-guide-'), snippet.prefix);
    assert.ok(['policy', 'settings', 'groupPolicy', 'omaSettings'].includes(snippet.where), `${name}: ${snippet.where}`);
    assert.match(snippet.description, /section "[^"]+"/, name);
  }
});

test('the output is the same on every run', () => {
  const again = new Map(buildSnippets(root, catalog, checklists).map((f) => [f.path, f.content]));
  assert.deepEqual(again, files);
});
