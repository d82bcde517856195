/**
 * "WHfB: New policy" writes a clean, complete policy for every deployment model (issue 12 point 4):
 * no finding at all through the language service, `join` and `minimumOsBuild` present, a name
 * after the model, and the checklist's setting marks agree with the diagnostics (a setting is
 * marked right only when no finding stands on it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checklists, ChecklistItem } from '../../../shared/protocol';
import { checkItemSettings, diagnosticPaths, type DocumentProblem } from '../../../client/src/checklist/checklistView';
import { applyTenantId } from '../../../client/src/commands/newPolicyText';
import { ROOT, doc, service, TENANT } from '../service/helpers';

const templates = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'policy-templates.json'), 'utf8')) as Record<string, string>;
const checklists = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'checklists.json'), 'utf8')) as Checklists;
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

test('there is a template for every deployment model', () => {
  assert.deepEqual(Object.keys(templates).sort(), checklists.models.map((model) => model.id).sort());
});

for (const [id, template] of Object.entries(templates)) {
  test(`New policy "${id}": no finding at all, with the zero GUID and with a real tenant id`, () => {
    for (const text of [template, applyTenantId(template, TENANT)]) {
      const diagnostics = service().validate(doc(text, `file:///work/${id}.whfb.yaml`));
      assert.deepEqual(diagnostics.map((d) => `${String(d.code)} ${d.message}`), [], id);
    }
  });

  test(`New policy "${id}": complete (join, minimumOsBuild when it has MDM settings) and named after its model`, () => {
    const model = checklists.models.find((m) => m.id === id)!;
    assert.match(template, /^ {2}join: (entra|hybrid|domain)$/m);
    if (/^ {2}- omaUri:/m.test(template)) assert.match(template, /^ {2}minimumOsBuild: "10\.0\.\d+(\.\d+)?"/m);
    const name = /^name: (.*)$/m.exec(template)?.[1] ?? '';
    assert.match(name, /^Windows Hello for Business - /);
    assert.ok(name.toLowerCase().includes(model.title.replace(/\s+(deployment\s+)?guide$/i, '').replace(/\s+deployment$/i, '').toLowerCase()), name);
  });

  test(`New policy "${id}": a checklist mark is green only where no finding stands on that setting`, () => {
    const model = checklists.models.find((m) => m.id === id)!;
    // Break the template as an admin might: drop its second MDM setting, so a finding asks for it.
    const lines = applyTenantId(template, TENANT).split('\n');
    const entries = lines.flatMap((line, index) => (line.startsWith('  - omaUri:') ? [index] : []));
    const broken = entries.length > 1 ? [...lines.slice(0, entries[1]), ...lines.slice(entries[1] + 4)].join('\n') : undefined;
    if (id === 'hybrid-cloud-kerberos-trust') {
      const findings = service().validate(doc(broken!, `file:///work/${id}.whfb.yaml`)).filter((d) => d.severity === 1 || d.severity === 2);
      assert.ok(findings.length > 0, 'without UseCloudTrustForOnPremAuth the cloud Kerberos policy has a finding');
      for (const finding of findings) assert.ok(diagnosticPaths(finding.data)?.length, `${String(finding.code)} names the settings it is about, so the checklist can show it`);
    }
    for (const text of [applyTenantId(template, TENANT), ...(broken ? [broken] : [])]) {
      const ls = service();
      const document = doc(text, `file:///work/${id}.whfb.yaml`);
      const diagnostics = ls.validate(document);
      const summary = ls.policySummary(document);
      assert.ok(summary, 'a summary of the policy');
      const problems: DocumentProblem[] = diagnostics.map((d) => ({ code: String(d.code), severity: SEVERITY[d.severity ?? 1], message: d.message, paths: diagnosticPaths(d.data) }));
      const items: ChecklistItem[] = [];
      const walk = (list: readonly ChecklistItem[]) => { for (const item of list) { items.push(item); walk(item.children ?? []); } };
      for (const section of model.sections) walk(section.items);
      for (const item of items) {
        const check = checkItemSettings(item, summary, problems);
        for (const setting of check?.settings ?? []) {
          if (setting.status !== 'ok') continue;
          const standing = problems.filter((p) => (p.severity === 'error' || p.severity === 'warning') && p.paths?.some((path) => path.toLowerCase() === setting.path.toLowerCase()));
          assert.deepEqual(standing.map((p) => p.code), [], `${item.id}: ${setting.name} is marked right while a finding stands on it`);
        }
      }
    }
  });
}
