/**
 * The client's tooltips and the exported checklist escape what they quote (issue 15, defect 6):
 * who ticked a step and when (the shared state file), problem messages, what a setting's entry
 * writes, its value and the policy file name. Without vscode: the Markdown is built by plain
 * functions that the tree views wrap in a MarkdownString (no HTML, not trusted).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentModelChecklist } from '../../../server/src/checklists/types';
import type { PolicySettingSummary } from '../../../server/src/service/api';
import { checklistItemTooltip } from '../../../client/src/checklist/checklistTooltip';
import { checklistToMarkdown } from '../../../client/src/checklist/exportMarkdown';
import { settingTooltip } from '../../../client/src/settingsView/settingTooltip';
import { assertNoLiveMarkup, liveText, PAYLOADS } from '../markdownSafety';

const ROOT = join(__dirname, '..', '..', '..');
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const HREF = 'https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/policy-settings';

const model: DeploymentModelChecklist = {
  id: 'hybrid-cloud-kerberos-trust', title: 'Cloud Kerberos trust', deployment: { model: 'hybrid', trust: 'cloud-kerberos' },
  summary: 'Summary.', guide: 'g.md', href: HREF,
  sections: [{ id: 'prerequisites', title: 'Prerequisites', items: [
    { id: 'a', title: 'Step a', detail: 'Do it.', guide: 'g.md', anchor: 'a', href: HREF, settings: ['./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/UsePassportForWork'], groupPolicies: ['Use Windows Hello for Business'] },
  ] }],
} as unknown as DeploymentModelChecklist;

function setting(payload: string): PolicySettingSummary {
  return {
    index: 0, label: `x${payload}`, written: `./Device/Vendor/MSFT/PassportForWork/x${payload}`, group: 'Unknown', range,
    path: `./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/y${payload}`, scope: payload as PolicySettingSummary["scope"], value: payload,
    problems: [{ code: 'WHFB101', severity: 'error', message: `"${payload}" is not a node` }],
  };
}

for (const [name, payload] of Object.entries(PAYLOADS)) {
  test(`settings view tooltip: ${name} payload in label, entry, path, scope, value and problems`, () => {
    const markdown = settingTooltip(setting(payload));
    assertNoLiveMarkup(markdown, 'settings tooltip');
    const spans = liveText(markdown).codeSpans.map((span) => span.trim());
    assert.ok(spans.includes(`./Device/Vendor/MSFT/PassportForWork/x${payload}`.replace(/\n/g, ' ').trim()), `the entry is one code span: ${spans.join(' | ')}`);
  });

  test(`checklist tooltip: ${name} payload in "by", "at", setting names and problem messages`, () => {
    const item = model.sections[0].items[0];
    const check = { status: 'problem' as const, description: '', settings: [{ path: item.settings[0], name: payload, status: 'problem' as const, problems: [{ code: payload, severity: 'error', message: payload }] }] };
    const markdown = checklistItemTooltip(item, check, { by: payload, at: payload });
    assertNoLiveMarkup(markdown, 'checklist tooltip');
    assert.match(markdown, /^Done by .* on /m, 'who and when are still shown');
    assert.match(markdown, /\$\(warning\) needs attention/, 'our own theme icons stay');
    // A state file with other types (a hand edit) shows nothing instead of crashing.
    assert.doesNotMatch(checklistItemTooltip(item, undefined, { by: 42, at: {} }), /Done/);
  });

  test(`exported checklist: ${name} payload in "by", "at", the policy file name and the policy check`, () => {
    const markdown = checklistToMarkdown({
      checklist: model,
      items: { a: { done: true, by: payload, at: payload } },
      summary: { uri: 'file:///p.whfb.yaml', format: 'whfb-yaml', settings: [{ ...setting(payload), path: model.sections[0].items[0].settings[0] }] },
      policyName: `policies/${payload}.whfb.yaml`,
      exportedAt: new Date('2025-02-03T00:00:00Z'),
    });
    assertNoLiveMarkup(markdown, 'exported checklist');
    assert.match(markdown, /^- \[x\] Step a \(done by /m);
  });
}

test('tree tooltips are MarkdownStrings without HTML and without trust', () => {
  for (const file of ['client/src/checklist/checklistTree.ts', 'client/src/settingsView/settingsTree.ts', 'client/src/statusBar.ts']) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const created = source.match(/new vscode\.MarkdownString\(/g) ?? [];
    assert.ok(created.length > 0, `${file} builds a MarkdownString`);
    assert.equal((source.match(/\.supportHtml = false;/g) ?? []).length, created.length, `${file}: supportHtml off for each`);
    assert.equal((source.match(/\.isTrusted = false;/g) ?? []).length, created.length, `${file}: not trusted`);
    assert.doesNotMatch(source, /supportHtml = true|isTrusted = true|isTrusted: true|supportHtml: true/, file);
  }
});
