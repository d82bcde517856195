/**
 * WHFB120: MinimumPINLength greater than MaximumPINLength in the same scope (and tenant): Windows
 * rejects the PIN policy.
 */
import { modelIndex } from '../model/modelIndex';
import type { CatalogIndex } from '../catalog/index';
import { finding } from '../model/findings';
import { NODES, settingsFor } from '../model/settingLookup';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { asInteger } from '../model/values';
import type { Rule } from './rule';

function scopeKey(setting: PolicySetting, catalog: CatalogIndex, model: PolicyModel): string {
  const tenant = modelIndex(model, catalog).tenantOf(setting);
  const tenantKey = tenant?.kind === 'guid' ? tenant.text.toLowerCase() : '';
  return `${setting.node?.scope ?? ''}|${tenantKey}`;
}

const pinLengthOrder: Rule = {
  code: 'WHFB120',
  check(model, catalog) {
    const minimums = new Map<string, PolicySetting>();
    const maximums = new Map<string, PolicySetting>();
    for (const setting of settingsFor(model, NODES.minimumPinLength, catalog)) minimums.set(scopeKey(setting, catalog, model), setting);
    for (const setting of settingsFor(model, NODES.maximumPinLength, catalog)) maximums.set(scopeKey(setting, catalog, model), setting);
    const findings: Finding[] = [];
    for (const [key, minimum] of minimums) {
      const maximum = maximums.get(key);
      if (!maximum?.value || !minimum.value) continue;
      const low = asInteger(minimum.value.value);
      const high = asInteger(maximum.value.value);
      if (low === undefined || high === undefined || low <= high) continue;
      findings.push(finding('WHFB120', minimum.value.range,
        `MinimumPINLength (${low}) is greater than MaximumPINLength (${high}): lower the minimum or raise the maximum.`,
        { related: [{ range: maximum.value.range, message: `MaximumPINLength is ${high}` }] }));
    }
    return findings;
  },
};

export const pinRules: readonly Rule[] = [pinLengthOrder];
