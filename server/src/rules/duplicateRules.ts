/**
 * WHFB150: the same setting (node, scope and tenant) twice with different values: which one wins
 * depends on delivery order, so the result is unpredictable.
 */
import { modelIndex } from '../model/modelIndex';
import type { TenantSegment } from '../catalog/index';
import type { CatalogNode } from '../catalog/types';
import { finding } from '../model/findings';
import type { Finding, PolicySetting } from '../model/types';
import { canonicalValue } from './nodeRules';
import type { Rule } from './rule';

/** Tenant segments come from resolveOmaUri's memo, shared by every setting that spells the OMA-URI alike. */
const lowerByTenant = new WeakMap<TenantSegment, string>();

function lowerTenant(tenant: TenantSegment): string {
  let lower = lowerByTenant.get(tenant);
  if (lower === undefined) {
    lower = tenant.text.toLowerCase();
    lowerByTenant.set(tenant, lower);
  }
  return lower;
}

interface Seen { setting: PolicySetting; value?: string }

const duplicateSetting: Rule = {
  code: 'WHFB150',
  check(model, catalog) {
    // Same node and same tenant spelling (placeholder, or one GUID): node -> tenant -> first entry.
    // Nested maps, so a 10,000-setting file builds no key strings on every keystroke.
    const byNode = new Map<CatalogNode, Map<string, Seen>>();
    const unresolved = new Map<string, Seen>();
    const index = modelIndex(model, catalog);
    const findings: Finding[] = [];
    for (const setting of model.settings) {
      if (!setting.value) continue;
      let bucket: Map<string, Seen>;
      let key: string;
      if (setting.node) {
        const tenant = index.tenantOf(setting);
        key = tenant?.kind === 'guid' ? lowerTenant(tenant) : '';
        let forNode = byNode.get(setting.node);
        if (!forNode) {
          forNode = new Map();
          byNode.set(setting.node, forNode);
        }
        bucket = forNode;
      } else {
        const written = setting.omaUri?.value ?? setting.settingDefinitionId?.value;
        if (!written) continue;
        key = written.trim().toLowerCase();
        bucket = unresolved;
      }
      const seen = bucket.get(key);
      if (!seen) {
        bucket.set(key, { setting });
        continue;
      }
      const first = seen.setting;
      const value = canonicalValue(setting);
      const firstValue = (seen.value ??= canonicalValue(first));
      if (value === firstValue) continue;
      const label = setting.node?.name ?? setting.omaUri?.value ?? 'This setting';
      findings.push(finding('WHFB150', setting.value.range,
        `${label} is set twice, to ${firstValue || '(empty)'} and to ${value || '(empty)'}: which one applies depends on delivery order. Keep one value and remove the other entry.`,
        { related: [{ range: first.value?.range ?? first.range, message: `First set to ${firstValue || '(empty)'} here` }] }));
    }
    return findings;
  },
};

export const duplicateRules: readonly Rule[] = [duplicateSetting];
