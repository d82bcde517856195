import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGeneratedCatalog } from './generatedCatalog';
import type { ChecklistItem } from '../../server/src/checklists/types';
import { allItems } from '../../server/src/checklists/items';
import { buildChecklists, slug } from '../../scripts/checklists/generateChecklists';
import { readGuideLists } from '../../scripts/checklists/guideLayout';
import { loadGuide, loadGuides } from '../../scripts/guides/markdown';

const root = join(__dirname, '..', '..');
const catalog = readGeneratedCatalog(root);
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

/** The link texts of the checklist under the requirements include / a heading of a current page. */
function linkTitles(file: string, heading: string): string[] {
  return checklistUnder(file, heading).map((line) => line.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim());
}

test('every model\'s prerequisites and steps are the current page\'s lists, in its order', () => {
  for (const m of checklists.models) {
    const page = m.guide;
    const lines = readFileSync(join(root, 'data/guides', page), 'utf8').split('\n');
    // The prerequisites follow the requirements include; the steps are under "## Deployment steps".
    const includeLine = lines.findIndex((l) => /\[!INCLUDE \[requirements\]/.test(l));
    assert.ok(includeLine >= 0, `${m.id}: requirements include`);
    const prerequisites = linkTitles(page, lines[includeLine].trim());
    assert.deepEqual(section(m.id, 'prerequisites').map((i) => i.title), prerequisites, m.id);
    assert.deepEqual(section(m.id, 'deployment-steps').map((i) => i.title), linkTitles(page, '## Deployment steps'), m.id);
    for (const item of section(m.id, 'prerequisites')) assert.ok(!item.guide.startsWith('seeds/'), `${item.id} is read from the current guides`);
  }
});

test('hybrid key and certificate trust follow the current guides, not their 2023 layouts (cross-check)', () => {
  // The 2023 pages listed directories, device registration, MFA and device management; the current
  // ones point at the planning guide's sections and add Licensing (certificate trust) and Prepare users.
  assert.deepEqual(section('hybrid-certificate-trust', 'prerequisites').map((i) => i.title),
    ['Public Key Infrastructure', 'Authentication', 'Device configuration', 'Licensing for cloud services', 'Prepare users to use Windows Hello']);
  assert.deepEqual(section('hybrid-key-trust', 'prerequisites').map((i) => i.title),
    ['Public Key Infrastructure', 'Authentication', 'Device configuration', 'Prepare users to use Windows Hello']);
  const older = readGuideLists(loadGuide(root, 'seeds/hybrid-cert-trust.2023.md')).prerequisites.map((p) => p.title);
  assert.equal(older.length, 6);
  assert.ok(older.includes('Device management') && !section('hybrid-certificate-trust', 'prerequisites').some((i) => i.title === 'Device management'));
  // The steps are the current page's deployment steps (its leftover 2023 "Next steps" list is not used).
  assert.deepEqual(section('hybrid-certificate-trust', 'deployment-steps').map((i) => i.title), [
    'Configure and validate the Public Key Infrastructure', 'Configure Active Directory Federation Services',
    'Configure and enroll in Windows Hello for Business', '(optional) Configure single sign-on for Microsoft Entra joined devices',
  ]);
  // The 2023 anchors are gone from the current page: no item links to them.
  for (const m of checklists.models) for (const s of m.sections) for (const i of allItems(s.items)) {
    assert.doesNotMatch(i.href, /hybrid-cert-trust#(directories-and-directory-synchronization|multifactor-authentication|device-management)$/, i.id);
  }
});

test('a step lists the things to do its guide section lists, as children', () => {
  const titles = (id: string, sectionId: string, title: string) =>
    section(id, sectionId).find((i) => i.title === title)?.children?.map((c) => c.title);
  // The guide's own review list ("ensure the following steps are complete").
  assert.deepEqual(titles('hybrid-key-trust', 'deployment-steps', 'Configure and validate the Public Key Infrastructure'), [
    'Configure domain controller certificate template', 'Supersede existing domain controller certificates', 'Unpublish superseded certificate templates',
    'Publish the certificate template to the CA', 'Deploy certificates to the domain controllers', 'Validate the domain controllers configuration',
  ]);
  // The policy settings the "Configure ... policy settings" section names, each with its setting.
  const policy = section('hybrid-cloud-kerberos-trust', 'deployment-steps').find((i) => i.anchor === 'configure-windows-hello-for-business-policy-settings')!;
  assert.deepEqual(policy.children?.map((c) => c.title), ['Use Windows Hello for Business', 'Use cloud trust for on-premises authentication', '(optional) Use a hardware security device']);
  assert.ok(policy.children![1].settings.some((p) => p.endsWith('/UseCloudTrustForOnPremAuth')));
  assert.equal(policy.children![1].href, 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/policy-settings#use-cloud-trust-for-on-premises-authentication');
  // The model's row of a requirement table, when it lists several requirements.
  assert.deepEqual(titles('hybrid-cloud-kerberos-trust', 'prerequisites', 'Windows Server requirements'),
    ['Windows Server 2016, with KB3534307 and later', 'Windows Server 2019, with KB4534321 and later', 'Windows Server 2022']);
  assert.equal(titles('on-premises-key-trust', 'prerequisites', 'Windows Server requirements'), undefined, '"All supported versions" is one requirement');
  // Subsections, without the ones the model has nothing to do in.
  assert.ok(titles('hybrid-key-trust', 'prerequisites', 'Authentication')?.includes('Directory synchronization'));
  assert.ok(!titles('cloud-only', 'prerequisites', 'Authentication')?.includes('Directory synchronization'), 'cloud-only: directory sync is n/a');
  // A child that configures policy settings has them as its own children.
  const enroll = section('hybrid-certificate-trust', 'deployment-steps').find((i) => i.title === 'Configure and enroll in Windows Hello for Business')!;
  assert.deepEqual(enroll.children?.[0]?.children?.map((c) => c.title), ['Use Windows Hello for Business', 'Use certificate for on-premises authentication', '(optional) Use a hardware security device']);
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
      for (const item of allItems(s.items)) {
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

test('item ids are unique, derived from the title (children: their parent\'s id and their title), and the same on every run', () => {
  const ids: { id: string; expected: string }[] = [];
  const walk = (items: readonly ChecklistItem[], prefix: string): void => {
    for (const i of items) {
      ids.push({ id: i.id, expected: `${prefix}/${slug(i.title)}` });
      walk(i.children ?? [], i.id);
    }
  };
  for (const m of checklists.models) for (const s of m.sections) walk(s.items, `${m.id}/${s.id}`);
  assert.equal(new Set(ids.map((i) => i.id)).size, ids.length);
  for (const { id, expected } of ids) assert.equal(id, expected);
  assert.deepEqual(buildChecklists(root, catalog), checklists);
});

test('ids of the steps that are still in the guides are the ones saved ticks use', () => {
  // Ticks in .whfb/checklist.json are kept by id: these ids existed before children were added.
  const ids = new Set(checklists.models.flatMap((m) => m.sections.flatMap((s) => s.items.map((i) => i.id))));
  for (const id of [
    'cloud-only/prerequisites/authentication', 'hybrid-cloud-kerberos-trust/deployment-steps/configure-windows-hello-for-business-policy-settings',
    'hybrid-key-trust/deployment-steps/configure-and-validate-the-public-key-infrastructure', 'hybrid-certificate-trust/prerequisites/public-key-infrastructure',
    'on-premises-certificate-trust/deployment-steps/prepare-and-deploy-ad-fs-with-mfa', 'hybrid-cloud-kerberos-trust/prerequisites/windows-server-requirements',
  ]) assert.ok(ids.has(id), id);
});

test('the policy step of each model names the settings its guide configures', () => {
  const settingsOf = (id: string) => allItems(section(id, 'deployment-steps')).flatMap((i) => i.settings.map((p) => p.split('/').pop()));
  for (const m of checklists.models) assert.ok(settingsOf(m.id).includes('UsePassportForWork'), m.id);
  assert.ok(settingsOf('hybrid-cloud-kerberos-trust').includes('UseCloudTrustForOnPremAuth'));
  assert.ok(settingsOf('hybrid-certificate-trust').includes('UseCertificateForOnPremAuth'));
  assert.ok(settingsOf('on-premises-certificate-trust').includes('UseCertificateForOnPremAuth'));
  const step = section('hybrid-cloud-kerberos-trust', 'deployment-steps').find((i) => i.anchor === 'configure-windows-hello-for-business-policy-settings');
  assert.ok(step?.groupPolicies.includes('Use Windows Hello for Business'));
  for (const m of checklists.models) for (const s of m.sections) for (const i of allItems(s.items)) for (const p of i.settings) assert.ok(catalog.nodes.some((n) => n.path === p), p);
});
