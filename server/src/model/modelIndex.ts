/**
 * Per-model lookups the rules share, built once per model (one pass over the settings): settings by
 * catalog node, and each setting's tenant segment. Cross-entry rules (duplicates, PIN lengths, trust
 * flags) stay cheap on a 10,000-setting file because they read these maps instead of re-resolving.
 */
import type { CatalogIndex, TenantSegment } from '../catalog/index';
import type { CatalogNode } from '../catalog/types';
import { resolveOmaUri } from './resolveOmaUri';
import type { PolicyModel, PolicySetting } from './types';

export interface ModelIndex {
  byNode: Map<CatalogNode, PolicySetting[]>;
  /** The tenant segment of each setting's OMA-URI, by setting. */
  tenantOf(setting: PolicySetting): TenantSegment | undefined;
}

const indexes = new WeakMap<PolicyModel, ModelIndex>();
const tenantBySetting = new WeakMap<PolicySetting, TenantSegment | null>();

export function modelIndex(model: PolicyModel, catalog: CatalogIndex): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  const byNode = new Map<CatalogNode, PolicySetting[]>();
  for (const setting of model.settings) {
    const node = setting.node;
    if (node) {
      const list = byNode.get(node);
      if (list) list.push(setting);
      else byNode.set(node, [setting]);
    }
  }
  index = {
    byNode,
    // Asked by several rules for every setting, on every version: remembered per setting object,
    // and the incremental parse hands untouched entries' settings from version to version.
    tenantOf(setting) {
      if (!setting.omaUri) return undefined;
      const known = tenantBySetting.get(setting);
      if (known !== undefined) return known ?? undefined;
      const tenant = resolveOmaUri(catalog, setting.omaUri.value).tenant;
      tenantBySetting.set(setting, tenant ?? null);
      return tenant;
    },
  };
  indexes.set(model, index);
  return index;
}
