/**
 * "WHfB: Insert setting" from every cursor position of a policy (issue 12 point 3): the editor
 * inserts the planned snippet as VS Code does (every line after the first indented by the
 * whitespace before the insertion point on its line), and the result parses, holds the new entry
 * and reports no finding the policy did not have.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { PlanInsertSettingResult } from '../../../shared/protocol';
import { example, service } from './helpers';

const MIN_PIN = './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MinimumPINLength';
const URI = 'file:///work/every-cursor.whfb.yaml';

/** The snippet as accepted unchanged (tab stops and choices take their first value), placed as VS Code places it. */
function insertAsEditor(text: string, plan: PlanInsertSettingResult): string {
  assert.ok(!('error' in plan), 'error' in plan ? plan.error : '');
  const inserted = plan.snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
  const lineStart = text.lastIndexOf('\n', plan.start - 1) + 1;
  const lead = /^[ \t]*/.exec(text.slice(lineStart, plan.start))![0];
  const adjusted = inserted.split('\n').map((line, index) => (index === 0 ? line : lead + line)).join('\n');
  return text.slice(0, plan.start) + adjusted + text.slice(plan.end);
}

const signature = (diagnostics: { code?: string | number; message: string }[]) => diagnostics.map((d) => `${d.code} ${d.message}`).sort();

for (const [name, text] of [
  ['the cloud Kerberos example', example('hybrid-cloud-kerberos-trust.whfb.yaml')],
  ['a policy ending on `value: 8` without a line end', `whfb: 1\nsettings:\n  - omaUri: ${MIN_PIN}\n    type: int\n    value: 8`],
] as const) {
  test(`Insert setting at every cursor position keeps the policy valid: ${name}`, () => {
    const ls = service();
    const before = signature(ls.validate({ uri: URI, version: 1, text }));
    const checked = new Set<string>();
    let version = 2;
    for (let offset = 0; offset <= text.length; offset++) {
      const plan = ls.planInsertSetting({ document: { uri: URI, languageId: 'whfb-yaml', version: 1, text }, offset, path: './Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/PINComplexity/MaximumPINLength' });
      const after = insertAsEditor(text, plan);
      if (checked.has(after)) continue;
      checked.add(after);
      const settings = (parseYaml(after) as { settings: { omaUri: string }[] }).settings;
      assert.ok(settings.some((entry) => entry.omaUri.endsWith('/MaximumPINLength')), `offset ${offset}: the entry is a setting of its own:\n${after}`);
      const findings = signature(ls.validate({ uri: URI, version: version++, text: after }));
      assert.deepEqual(findings.filter((item) => !before.includes(item)), [], `offset ${offset}: no new finding:\n${after}`);
    }
    assert.ok(checked.size >= 1, `${checked.size} distinct results`);
  });
}
