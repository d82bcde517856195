import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../server/src/catalog/types';
import { buildChecklists, slug } from '../../scripts/checklists/generateChecklists';
import { readGuideLists } from '../../scripts/checklists/guideLayout';
import { loadGuide, loadGuides } from '../../scripts/guides/markdown';

const root = join(__dirname, '..', '..');
const catalog = JSON.parse(readFileSync(join(root, 'data/generated/catalog.json'), 'utf8')) as Catalog;
const checklists = buildChecklists(root, catalog);
const model = (id: string) => {
  const found = checklists.models.find((m) => m.id === id);
  assert.ok(found, `model ${id}`);
  return found;
};
const section = (id: string, sectionId: string) => model(id).sections.find((s) => s.id === sectionId)!.items;

/** The items of the checklist block under a heading, read straight from the file. */
function checklistUnder(file: string, heading: string): string[] {
  const lines = readFileSync(join(root, 'data/guides', file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line)) break;
    const item = /^>\s*[-*]\s+(.*)$/.exec(line);
    if (item) items.push(item[1].trim());
    else if (items.length > 0 && !line.startsWith('>')) break;
  }
  return items;
}

test('every deployment model has prerequisites and deployment steps', () => {
  assert.deepEqual(
    checklists.models.map((m) => m.id).sort(),
    ['cloud-only', 'hybrid-certificate-trust', 'hybrid-cloud-kerberos-trust', 'hybrid-key-trust', 'on-premises-certificate-trust', 'on-premises-key-trust'],
  );
  for (const m of checklists.models) {
    for (const s of m.sections) assert.ok(s.items.length > 0, `${m.id} ${s.id}`);
    assert.ok(m.summary.length > 0 && m.href.startsWith('https://learn.microsoft.com/'), m.id);
  }
});

test('each model carries the deployment block that selects it', () => {
  assert.deepEqual(model('hybrid-cloud-kerberos-trust').deployment, { model: 'hybrid', trust: 'cloud-kerberos' });
  assert.deepEqual(model('hybrid-certificate-trust').deployment, { model: 'hybrid', trust: 'certificate' });
  assert.deepEqual(model('on-premises-key-trust').deployment, { model: 'on-premises', trust: 'key' });
  assert.deepEqual(model('cloud-only').deployment, { model: 'cloud-only' });
  assert.equal(model('hybrid-key-trust').guide, 'hello-for-business/deploy/hybrid-key-trust.md');
});

test('hybrid certificate trust has the six prerequisites and the five next steps its guide lists', () => {
  const prerequisites = checklistUnder('seeds/hybrid-cert-trust.2023.md', '## Prerequisites');
  const nextSteps = checklistUnder('hello-for-business/deploy/hybrid-cert-trust.md', '## Next steps');
  assert.equal(prerequisites.length, 6);
  assert.equal(nextSteps.length, 5);
  assert.deepEqual(section('hybrid-certificate-trust', 'prerequisites').map((i) => i.title), prerequisites);
  assert.deepEqual(section('hybrid-certificate-trust', 'deployment-steps').map((i) => i.title), nextSteps);
});

test('the 2022, 2023 and current layouts of the hybrid key trust guide all parse', () => {
  const layouts = ['seeds/hybrid-key-trust.2022.md', 'seeds/hybrid-key-trust.2023.md', 'hello-for-business/deploy/hybrid-key-trust.md'].map((path) => {
    const lists = readGuideLists(loadGuide(root, path));
    assert.ok(lists.prerequisites.length > 0, `${path} prerequisites`);
    assert.ok(lists.steps.length > 0, `${path} steps`);
    return lists.layout;
  });
  assert.deepEqual(layouts, ['subsections', 'grid', 'linked-checklist']);
  const grid = readGuideLists(loadGuide(root, 'seeds/hybrid-key-trust.2023.md'));
  assert.ok(grid.prerequisites.some((p) => p.title === 'Directories and directory synchronization'));
  const old = readGuideLists(loadGuide(root, 'seeds/hybrid-key-trust.2022.md'));
  assert.deepEqual(old.steps.map((s) => s.title), ['Validate and configure a PKI', 'Configure Windows Hello for Business settings', 'Provision Windows Hello for Business']);
});

test('every item points at a section that exists in its guide', () => {
  const guides = loadGuides(root);
  for (const m of checklists.models) {
    for (const s of m.sections) {
      for (const item of s.items) {
        const guide = guides.get(item.guide);
        assert.ok(guide, `${item.id}: guide ${item.guide}`);
        const target = guide.sections.find((sec) => sec.anchor === item.anchor);
        assert.ok(target, `${item.id}: anchor ${item.anchor}`);
        assert.equal(item.href, target.href);
        assert.ok(item.href.startsWith(guide.url), item.id);
      }
    }
  }
});

test('item ids are unique, derived from the title, and the same on every run', () => {
  const ids = checklists.models.flatMap((m) => m.sections.flatMap((s) => s.items.map((i) => ({ id: i.id, expected: `${m.id}/${s.id}/${slug(i.title)}` }))));
  assert.equal(new Set(ids.map((i) => i.id)).size, ids.length);
  for (const { id, expected } of ids) assert.equal(id, expected);
  assert.deepEqual(buildChecklists(root, catalog), checklists);
});

test('the policy step of each model names the settings its guide configures', () => {
  const settingsOf = (id: string) => section(id, 'deployment-steps').flatMap((i) => i.settings.map((p) => p.split('/').pop()));
  for (const m of checklists.models) assert.ok(settingsOf(m.id).includes('UsePassportForWork'), m.id);
  assert.ok(settingsOf('hybrid-cloud-kerberos-trust').includes('UseCloudTrustForOnPremAuth'));
  assert.ok(settingsOf('hybrid-certificate-trust').includes('UseCertificateForOnPremAuth'));
  assert.ok(settingsOf('on-premises-certificate-trust').includes('UseCertificateForOnPremAuth'));
  const step = section('hybrid-cloud-kerberos-trust', 'deployment-steps').find((i) => i.anchor === 'configure-windows-hello-for-business-policy-settings');
  assert.ok(step?.groupPolicies.includes('Use Windows Hello for Business'));
  for (const m of checklists.models) for (const s of m.sections) for (const i of s.items) for (const p of i.settings) assert.ok(catalog.nodes.some((n) => n.path === p), p);
});
