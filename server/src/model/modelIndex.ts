/**
 * Per-model lookups the rules share, built once per model (one pass over the settings): settings by
 * catalog node, and each setting's tenant segment. Cross-entry rules (duplicates, PIN lengths, trust
 * flags) stay cheap on a 10,000-setting file because they read these maps instead of re-resolving.
 */
import type { CatalogIndex, TenantSegment } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { resolveOmaUri } from './resolveOmaUri';
import type { PolicyModel, PolicySetting } from './types';

export interface ModelIndex {
  byNode: Map<CatalogNode, PolicySetting[]>;
  /** The tenant segment of each setting's OMA-URI, by setting. */
  tenantOf(setting: PolicySetting): TenantSegment | undefined;
  /** The instance names of the setting's other dynamic segments ('' when it has none). */
  instanceOf(setting: PolicySetting): string;
}

const indexes = new WeakMap<PolicyModel, ModelIndex>();
const NO_SETTINGS: PolicySetting[] = [];

export function modelIndex(model: PolicyModel, catalog: CatalogIndex): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  // Counted first, so each node's list is allocated once at its size: growing 10,000 entries'
  // lists by push on every keystroke left their outgrown copies as garbage.
  const buckets = new Map<CatalogNode, { list: PolicySetting[]; filled: number }>();
  // By index, not for...of (as the other loops over model.settings here): on a cold open this runs for
  // every one of 10,000 settings before V8 optimizes it, and each for...of step allocates an iterator result.
  for (let at = 0; at < model.settings.length; at++) {
    const setting = model.settings[at];
    const node = setting.node;
    if (!node) continue;
    const bucket = buckets.get(node);
    if (bucket) bucket.filled += 1;
    else buckets.set(node, { list: NO_SETTINGS, filled: 1 });
  }
  const byNode = new Map<CatalogNode, PolicySetting[]>();
  buckets.forEach((bucket, node) => {
    bucket.list = new Array<PolicySetting>(bucket.filled);
    bucket.filled = 0;
    byNode.set(node, bucket.list);
  });
  for (let at = 0; at < model.settings.length; at++) {
    const setting = model.settings[at];
    const bucket = setting.node && buckets.get(setting.node);
    if (bucket) bucket.list[bucket.filled++] = setting;
  }
  index = {
    byNode,
    // Asked by several rules for every setting, on every version: resolveOmaUri remembers each
    // OMA-URI string, so this is one map lookup. (A memo per setting object missed for every entry
    // after an edit that changes the text's length, whose settings are shifted copies, and each
    // miss grew a WeakMap.)
    tenantOf(setting) {
      if (!setting.omaUri) return undefined;
      return resolveOmaUri(catalog, setting.omaUri.value).tenant;
    },
    instanceOf(setting) {
      if (!setting.omaUri) return '';
      return resolveOmaUri(catalog, setting.omaUri.value).instance ?? '';
    },
  };
  indexes.set(model, index);
  return index;
}
