/**
 * `Rule.reads` for rules that read only the settings of a few named nodes (trust flags, PIN
 * lengths): a setting counts when its node has one of the names, in any CSP, area or scope, a
 * superset of what `settingsFor` finds for those refs.
 */
import type { CatalogNode } from '../catalog/types';
import type { NodeRef } from '../model/settingLookup';
import type { PolicySetting } from '../model/types';

export function settingOfNodes(refs: readonly NodeRef[]): (setting: PolicySetting) => boolean {
  const names = new Set(refs.map((ref) => ref.name.toLowerCase()));
  // Catalog nodes live as long as the catalog: one lowercasing per node, not per setting and edit.
  const known = new Map<CatalogNode, boolean>();
  return (setting) => {
    const node = setting.node;
    if (!node) return false;
    let named = known.get(node);
    if (named === undefined) {
      named = names.has(node.name.toLowerCase());
      known.set(node, named);
    }
    return named;
  };
}
