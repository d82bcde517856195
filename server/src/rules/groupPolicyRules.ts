/**
 * Group Policy rules: Group Policy and MDM configuring the same setting (Group Policy wins, the
 * Intune value is ignored: WHFB160), and Group Policy names the guides do not know (WHFB161).
 */
import { finding } from '../model/findings';
import type { Finding, PolicySetting } from '../model/types';
import type { Rule } from './rule';
import { innerRange } from './rule';
import { closest } from './similarity';

const groupPolicyWins: Rule = {
  code: 'WHFB160',
  check(model, catalog) {
    const findings: Finding[] = [];
    const management = model.deployment?.management;
    if (management && management.value.trim().toLowerCase() === 'both') {
      findings.push(finding('WHFB160', management.range,
        'With management: both, Group Policy wins wherever both configure a setting and the Intune value is ignored. Choose intune or group-policy, or make sure the two never overlap.'));
    }
    if (model.groupPolicy.length === 0 || model.settings.length === 0) return findings;
    const settingsByPath = new Map<string, PolicySetting[]>();
    for (const setting of model.settings) {
      if (!setting.node) continue;
      const list = settingsByPath.get(setting.node.path) ?? [];
      list.push(setting);
      settingsByPath.set(setting.node.path, list);
    }
    for (const entry of model.groupPolicy) {
      for (const node of catalog.byGroupPolicy(entry.policy.value)) {
        for (const setting of settingsByPath.get(node.path) ?? []) {
          findings.push(finding('WHFB160', setting.omaUri?.range ?? setting.range,
            `Group Policy "${entry.policy.value}" configures the same setting: Group Policy wins and this Intune value is ignored. Remove one of the two.`,
            { related: [{ range: entry.policy.range, message: 'The Group Policy setting that wins' }] }));
        }
      }
    }
    return findings;
  },
};

const unknownGroupPolicy: Rule = {
  code: 'WHFB161',
  check(model, catalog) {
    const findings: Finding[] = [];
    for (const entry of model.groupPolicy) {
      const name = entry.policy.value.trim();
      if (!name || catalog.byGroupPolicy(name).length > 0) continue;
      const suggestion = closest(name, catalog.groupPolicyNames());
      findings.push(finding('WHFB161', entry.policy.range,
        suggestion
          ? `"${name}" is not a Windows Hello for Business Group Policy. Did you mean "${suggestion}"?`
          : `"${name}" is not a Windows Hello for Business Group Policy the guides name. Check the name in the Group Policy editor.`,
        suggestion ? { data: { fix: 'replace', title: `Change to "${suggestion}"`, replacements: [{ range: innerRange(model.text, entry.policy.range), newText: suggestion }] } } : {}));
    }
    return findings;
  },
};

export const groupPolicyRules: readonly Rule[] = [groupPolicyWins, unknownGroupPolicy];
