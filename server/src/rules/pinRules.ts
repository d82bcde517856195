/**
 * WHFB120: MinimumPINLength not less than MaximumPINLength where the two apply together.
 *
 * The DDF (PassportForWork MinimumPINLength): "The largest number you can configure must be less than
 * the number configured in the Maximum PIN length policy setting or the number 127, whichever is the
 * lowest." and "NOTE: If the above specified conditions for the minimum PIN length are not met,
 * default values will be used for both the maximum and minimum PIN lengths." Equal values break it too.
 *
 * Which values apply together: the configure guide, "If there's a conflicting device policy and user
 * policy, the user policy takes precedence." So a user signing in under a user-scoped value gets that
 * value, and the device-scoped one for what the user scope leaves unset; everyone else gets the device pair.
 */
import * as l10n from '@vscode/l10n';
import { modelIndex } from '../model/modelIndex';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { finding } from '../model/findings';
import { NODES, settingsFor } from '../model/settingLookup';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { asInteger } from '../model/values';
import type { Rule } from './rule';
import { settingOfNodes } from './readsNodes';

interface ScopedLengths {
  deviceMinimum?: PolicySetting;
  deviceMaximum?: PolicySetting;
  userMinimum?: PolicySetting;
  userMaximum?: PolicySetting;
}

function tenantKey(setting: PolicySetting, catalog: CatalogIndex, model: PolicyModel): string {
  const tenant = modelIndex(model, catalog).tenantOf(setting);
  return tenant?.kind === 'guid' ? tenant.text.toLowerCase() : '';
}

function lengthOf(setting: PolicySetting | undefined): number | undefined {
  return setting?.value ? asInteger(setting.value.value) : undefined;
}

const pinLengthOrder: Rule = {
  code: 'WHFB120',
  check(model, catalog) {
    const byTenant = new Map<string, ScopedLengths>();
    const collect = (settings: PolicySetting[], key: 'Minimum' | 'Maximum'): void => {
      for (const setting of settings) {
        const tenant = tenantKey(setting, catalog, model);
        const lengths = byTenant.get(tenant) ?? {};
        // The last one wins, as Windows applies them in order; WHFB150 reports the duplicate.
        lengths[`${setting.node?.scope === 'user' ? 'user' : 'device'}${key}`] = setting;
        byTenant.set(tenant, lengths);
      }
    };
    collect(settingsFor(model, NODES.minimumPinLength, catalog), 'Minimum');
    collect(settingsFor(model, NODES.maximumPinLength, catalog), 'Maximum');

    const findings: Finding[] = [];
    for (const lengths of byTenant.values()) {
      const pairs: { minimum?: PolicySetting; maximum?: PolicySetting; who: string }[] = [
        { minimum: lengths.deviceMinimum, maximum: lengths.deviceMaximum, who: l10n.t('device scope') },
      ];
      if (lengths.userMinimum || lengths.userMaximum) {
        pairs.push({
          minimum: lengths.userMinimum ?? lengths.deviceMinimum,
          maximum: lengths.userMaximum ?? lengths.deviceMaximum,
          who: lengths.userMinimum && lengths.userMaximum ? l10n.t('user scope') : l10n.t('user scope, which takes precedence, with the device scope for the other'),
        });
      }
      const reported = new Set<string>();
      for (const { minimum, maximum, who } of pairs) {
        const low = lengthOf(minimum);
        const high = lengthOf(maximum);
        if (!minimum?.value || !maximum?.value || low === undefined || high === undefined || low < high) continue;
        const pairKey = `${minimum.index}|${maximum.index}`;
        if (reported.has(pairKey)) continue;
        reported.add(pairKey);
        findings.push(finding('WHFB120', minimum.value.range,
          low === high
            ? l10n.t('MinimumPINLength ({0}) is equal to MaximumPINLength ({1}) ({2}): the minimum must be less than the maximum, otherwise Windows ignores both and uses the default values for the minimum and maximum PIN lengths. Lower the minimum or raise the maximum.', low, high, who)
            : l10n.t('MinimumPINLength ({0}) is greater than MaximumPINLength ({1}) ({2}): the minimum must be less than the maximum, otherwise Windows ignores both and uses the default values for the minimum and maximum PIN lengths. Lower the minimum or raise the maximum.', low, high, who),
          { related: [{ range: maximum.value.range, message: l10n.t('MaximumPINLength is {0}', high) }] }));
      }
    }
    return findings;
  },
};

/** WHFB120 reads the PIN length settings and nothing else of the model (their tenant comes from their own OMA-URI). */
export const pinRules: readonly Rule[] = [{
  ...pinLengthOrder,
  reads: { setting: settingOfNodes([NODES.minimumPinLength, NODES.maximumPinLength]), model: () => [] },
}];
