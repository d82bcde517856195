/**
 * Builds the one model from what a Group Policy backup says, whatever its syntax (registry.pol
 * records, gpreport.xml policies): one GroupPolicyEntry per Group Policy (its name, state and
 * Computer/User scope), and for each registry value that corresponds to an MDM node a
 * PolicySetting with that node and the value Windows ends up with, linked to its entry
 * (PolicySetting.groupPolicy), so the value and trust rules judge real GPOs and the Group Policy
 * vs MDM rules know which side it is.
 *
 * The correspondences are data (catalog/gpoRegistry.ts, generated from the templates and the
 * catalog); nothing here names a policy.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { GpoRegistryRow, RegistryHive } from '../catalog/gpoRegistry';
import type { CatalogNode } from '../catalog/types';
import type { GroupPolicyEntry, Located, OffsetRange, PolicyModel, PolicySetting } from '../model/types';
import { valueTypeForFormat } from '../model/values';
import { whfbMarkersOf } from './whfbPolicy';

export class GpoModelBuilder {
  private readonly entries = new Map<string, GroupPolicyEntry>();

  constructor(private readonly model: PolicyModel, private readonly catalog: CatalogIndex, private readonly hive: RegistryHive) {}

  /**
   * The entry of a policy (made on first use). The policy's own value decides its state (`own`);
   * an option only says the policy is enabled where nothing else said so.
   */
  entry(policy: Located<string>, range: OffsetRange, state?: Located<string>, own = false, ignoredCodes: string[] = []): GroupPolicyEntry {
    const key = policy.value.toLowerCase();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        index: this.model.groupPolicy.length,
        range,
        policy,
        scope: { value: this.hive === 'HKCU' ? 'user' : 'computer', range: policy.range },
        ignoredCodes,
      };
      this.entries.set(key, entry);
      this.model.groupPolicy.push(entry);
    }
    if (state && (own || !entry.state)) entry.state = state;
    return entry;
  }

  /** A value the policy delivers to an MDM node. */
  setting(entry: GroupPolicyEntry, row: GpoRegistryRow, value: unknown, where: { range: OffsetRange; name: Located<string>; value: OffsetRange }): PolicySetting | undefined {
    const node = row.node ? this.catalog.byPath(row.node) : undefined;
    if (!node) return undefined;
    const converted = nodeValueOf(node, value);
    if (converted === undefined) return undefined;
    const normalized = valueTypeForFormat(node.format);
    const setting: PolicySetting = {
      index: this.model.settings.length,
      range: where.range,
      node,
      type: { value: row.kind ?? 'REG_DWORD', range: where.value, ...(normalized ? { normalized } : {}) },
      value: { value: converted, range: where.value },
      name: where.name,
      ignoredCodes: entry.ignoredCodes,
      groupPolicy: entry,
    };
    this.model.settings.push(setting);
    return setting;
  }
}

/** A registry value as the node's type: a bool node takes non-zero as true; an int node a number; a string node text. */
function nodeValueOf(node: CatalogNode, value: unknown): boolean | number | string | undefined {
  if (typeof value === 'boolean') return node.format === 'bool' ? value : node.format === 'int' ? Number(value) : undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : undefined;
  switch (node.format) {
    case 'bool': return number === undefined ? undefined : number !== 0;
    case 'int': return number;
    case 'chr': return Array.isArray(value) ? value.join(';') : String(value);
    default: return undefined;
  }
}

/**
 * Is this Group Policy value about Windows Hello for Business itself: a policy of the Windows Hello
 * for Business template, or one whose MDM node belongs to a CSP the WHfB guides document (the same
 * decision formats/whfbPolicy.ts makes for exports). A GPO with only Kerberos or smart card
 * settings is someone else's baseline and is not claimed.
 */
export function isWhfbRow(row: GpoRegistryRow, catalog: Pick<CatalogIndex, 'nodes'>): boolean {
  if (/^passport\.admx\b/i.test(row.source)) return true;
  if (!row.node) return false;
  const path = row.node.toLowerCase().replace(/^\.\/(device|user)\//, '');
  return whfbMarkersOf(catalog).uriPrefixes.some((prefix) => path.startsWith(prefix));
}
