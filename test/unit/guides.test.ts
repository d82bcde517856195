import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { anchorOf, listGuides, loadGuide, splitSections } from '../../scripts/guides/markdown';

const root = join(__dirname, '..', '..');

test('lists guide pages, without the include fragments', () => {
  const guides = listGuides(root);
  assert.ok(guides.includes('hello-for-business/deploy/hybrid-cert-trust.md'));
  assert.ok(guides.includes('seeds/hybrid-key-trust.2022.md'));
  assert.ok(!guides.some((g) => g.includes('/includes/') || g.startsWith('repo-includes/')));
  assert.deepEqual(guides, [...guides].sort());
});

test('resolves includes, including the repository-level ones, and maps seeds to their Learn page', () => {
  const enroll = loadGuide(root, 'seeds/hybrid-key-trust-enroll.2024.md');
  assert.equal(enroll.url, 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/deploy/hybrid-key-trust-enroll');
  assert.equal(enroll.unresolvedIncludes.length, 0);
  const text = enroll.sections.map((s) => s.text).join('\n');
  assert.doesNotMatch(text, /\[!INCLUDE/);
  assert.match(text, /Local Group Policy Editor/); // from repo-includes/configure/gpo-settings-1.md
  assert.equal(loadGuide(root, 'hello-for-business/deploy/index.md').url, 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/deploy/');
  assert.equal(loadGuide(root, 'seeds/deployment-overview.2022.md').url, 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/hello-deployment-guide');
});

test('an include that cannot be found stays in the text and is counted', () => {
  const old = loadGuide(root, 'seeds/hybrid-key-trust.2022.md');
  assert.deepEqual(old.unresolvedIncludes, ['../../includes/hello-hybrid-key-trust.md']);
  assert.match(old.sections[0].text, /\[!INCLUDE \[hello-hybrid-key-trust\]/);
});

test('anchors are made as Learn makes them, duplicates numbered, code blocks and tabs are not headings', () => {
  assert.equal(anchorOf('Configure **Windows Hello** for `Business` (optional)'), 'configure-windows-hello-for-business-optional');
  assert.equal(anchorOf('[Use a link](x.md): yes'), 'use-a-link-yes');
  const sections = splitSections(['# Title', '## Step', 'text', '```powershell', '# not a heading', '```', '## Step', '# [Intune](#tab/intune)', 'tab text'].join('\n'), 'https://x/page');
  assert.deepEqual(sections.map((s) => s.anchor), ['title', 'step', 'step-1']);
  assert.equal(sections[1].href, 'https://x/page#step');
  assert.match(sections[1].text, /# not a heading/);
  assert.match(sections[2].text, /tab text/);
});

test('front matter gives the title', () => {
  assert.equal(loadGuide(root, 'hello-for-business/deploy/hybrid-cert-trust.md').title, 'Windows Hello for Business hybrid certificate trust deployment guide');
});
