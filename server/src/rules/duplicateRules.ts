/**
 * WHFB150: the same setting (node, scope, tenant and instance) twice with different values: which one wins
 * depends on delivery order, so the result is unpredictable.
 *
 * A `{TenantId}` placeholder (or Graph's `{tenantid}` in a Settings Catalog id) stands for the file's
 * tenant: `tenantId` where the file has one, otherwise the one tenant GUID its OMA-URIs spell, so a
 * placeholder and that GUID name the same setting on the device.
 */
import * as l10n from '@vscode/l10n';
import { modelIndex } from '../model/modelIndex';
import type { TenantSegment } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { finding } from '../model/findings';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { isGuid } from '../model/values';
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

/** The tenant a placeholder stands for, lowercased, or '' when the file does not say. */
function fileTenant(model: PolicyModel, tenantOf: (setting: PolicySetting) => TenantSegment | undefined): string {
  const declared = model.tenantId?.value;
  if (typeof declared === 'string' && isGuid(declared)) return declared.toLowerCase();
  let only = '';
  for (const setting of model.settings) {
    if (!setting.node || !setting.value) continue;
    const tenant = tenantOf(setting);
    if (tenant?.kind !== 'guid') continue;
    const lower = lowerTenant(tenant);
    if (only && only !== lower) return '';
    only = lower;
  }
  return only;
}

interface DuplicateMade { first: PolicySetting; value: string; firstValue: string; item: Finding }

/**
 * The last run's findings by setting object (one slot: the document being edited). A plain map
 * replaced per run: a weak map keyed by settings the edit replaced kept them until a full collection.
 */
let lastDuplicates = new Map<PolicySetting, DuplicateMade>();

const duplicateSetting: Rule = {
  code: 'WHFB150',
  check(model, catalog) {
    // Same node and same tenant spelling (placeholder, or one GUID): node -> tenant -> first entry.
    // Nested maps, so a 10,000-setting file builds no key strings on every keystroke.
    const byNode = new Map<CatalogNode, Map<string, Seen>>();
    const unresolved = new Map<string, Seen>();
    const index = modelIndex(model, catalog);
    const placeholderTenant = fileTenant(model, (setting) => index.tenantOf(setting));
    const findings: Finding[] = [];
    const previous = lastDuplicates;
    const made = new Map<PolicySetting, DuplicateMade>();
    lastDuplicates = made;
    for (const setting of model.settings) {
      if (!setting.value) continue;
      let bucket: Map<string, Seen>;
      let key: string;
      if (setting.node) {
        const tenant = index.tenantOf(setting);
        key = tenant?.kind === 'guid' ? lowerTenant(tenant) : placeholderTenant;
        // Two instances of a dynamic node (PFXCertInstall/pilot and /lab) are two settings.
        const instance = index.instanceOf(setting);
        if (instance) key = `${key}|${instance}`;
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
      // The same pair of setting objects with the same values makes the same finding: reused, so an
      // edit elsewhere in a file with thousands of duplicates rebuilds none of them (issue 16).
      const known = previous.get(setting);
      if (known && known.first === first && known.value === value && known.firstValue === firstValue) {
        made.set(setting, known);
        findings.push(known.item);
        continue;
      }
      const label = setting.node?.name ?? setting.omaUri?.value ?? l10n.t('This setting');
      const item = finding('WHFB150', setting.value.range,
        l10n.t('{0} is set twice, to {1} and to {2}: which one a device keeps depends on delivery order, and Intune reports the setting as conflicting when both come from assigned policies. Keep one value and remove the other entry.', label, firstValue || l10n.t('(empty)'), value || l10n.t('(empty)')),
        { related: [{ range: first.value?.range ?? first.range, message: l10n.t('First set to {0} here', firstValue || l10n.t('(empty)')) }] });
      made.set(setting, { first, value, firstValue, item });
      findings.push(item);
    }
    return findings;
  },
};

export const duplicateRules: readonly Rule[] = [duplicateSetting];
