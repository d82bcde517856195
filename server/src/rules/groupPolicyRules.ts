/**
 * Group Policy rules: Group Policy and MDM configuring the same setting (WHFB160), and Group Policy
 * names that name no setting the guides or the templates give (WHFB161).
 *
 * Precedence (configure guide, "Policy conflicts from multiple policy sources"): for the
 * PassportForWork CSP, "If you mix GPO and CSP policy settings, the conflicting CSP settings aren't
 * applied until the group policy settings are cleared", and "MDMWinsOverGP only applies to policies
 * in the Policy CSP". So a Policy CSP setting (Kerberos, DeviceLock, ...) wins over its Group Policy
 * when ControlPolicyConflict/MDMWinsOverGP is 1 (DDF: "The MDM policy is used and the GP policy is
 * blocked"), and Group Policy wins otherwise.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import { catalogNodeFor, NODES, settingsFor } from '../model/settingLookup';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { asInteger } from '../model/values';
import type { Rule } from './rule';
import { closest } from './similarity';

/** True when the file sets ControlPolicyConflict/MDMWinsOverGP to 1. */
function mdmWinsOverGroupPolicy(model: PolicyModel, catalog: CatalogIndex): boolean {
  return settingsFor(model, NODES.mdmWinsOverGroupPolicy, catalog).some((setting) => setting.value !== undefined && asInteger(setting.value.value) === 1);
}

const groupPolicyWins: Rule = {
  code: 'WHFB160',
  check(model, catalog) {
    const findings: Finding[] = [];
    const management = model.deployment?.management;
    if (management && management.value.trim().toLowerCase() === 'both') {
      findings.push(finding('WHFB160', management.range,
        l10n.t('With management: both, Group Policy wins over every PassportForWork (Windows Hello for Business) setting both configure: "the conflicting CSP settings aren\'t applied until the group policy settings are cleared", and MDMWinsOverGP does not apply to them. The guide: "Windows Hello for Business can be configured by GPO or CSP, but not a combination of both." Choose intune or group-policy.')));
    }
    if (model.groupPolicy.length === 0 || model.settings.length === 0) return findings;
    const settingsByPath = new Map<string, PolicySetting[]>();
    // By index, not for...of: on a cold open this runs for
    // every one of 10,000 settings before V8 optimizes it, and each for...of step allocates an iterator result.
    for (let at = 0; at < model.settings.length; at++) {
      const setting = model.settings[at];
      // A value a GPO backup delivers is the Group Policy side itself, not an MDM setting.
      if (!setting.node || setting.groupPolicy) continue;
      const list = settingsByPath.get(setting.node.path) ?? [];
      list.push(setting);
      settingsByPath.set(setting.node.path, list);
    }
    const mdmWins = mdmWinsOverGroupPolicy(model, catalog);
    const mdmWinsPath = catalogNodeFor(catalog, NODES.mdmWinsOverGroupPolicy)?.path ?? 'ControlPolicyConflict/MDMWinsOverGP';
    for (const entry of model.groupPolicy) {
      const shown = catalog.groupPolicy(entry.policy.value)?.name ?? entry.policy.value.trim();
      for (const node of catalog.byGroupPolicy(entry.policy.value)) {
        const policyCsp = node.csp === 'Policy';
        if (policyCsp && mdmWins) continue;
        for (const setting of settingsByPath.get(node.path) ?? []) {
          const message = policyCsp
            ? l10n.t('Group Policy "{0}" configures the same setting, and MDMWinsOverGP is not 1, so Group Policy wins and this MDM value is not applied. Remove one of the two, or set {1} to 1 ("MDMWinsOverGP only applies to policies in the Policy CSP").', shown, mdmWinsPath)
            : l10n.t('Group Policy "{0}" configures the same setting: for Windows Hello for Business (PassportForWork) settings Group Policy wins, and "the conflicting CSP settings aren\'t applied until the group policy settings are cleared" (MDMWinsOverGP does not apply to them). Remove one of the two.', shown);
          findings.push(finding('WHFB160', setting.omaUri?.range ?? setting.settingDefinitionId?.range ?? setting.range, message,
            { related: [{ range: entry.policy.range, message: l10n.t('The Group Policy setting that wins') }] }));
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
      if (!name || catalog.groupPolicy(name) || catalog.byGroupPolicy(name).length > 0) continue;
      const suggestion = closest(name, catalog.groupPolicyNames());
      findings.push(finding('WHFB161', entry.policy.range,
        suggestion
          ? l10n.t('"{0}" is not a Group Policy setting the guides or the Windows Hello for Business templates name. Did you mean "{1}"?', name, suggestion)
          : l10n.t('"{0}" is not a Group Policy setting the guides or the Windows Hello for Business templates name. Write the name the Group Policy editor shows.', name),
        suggestion ? { fix: { kind: 'rename-group-policy', title: l10n.t('Change to "{0}"', suggestion), entry, name: suggestion } } : {}));
    }
    return findings;
  },
};

export const groupPolicyRules: readonly Rule[] = [groupPolicyWins, unknownGroupPolicy];
