/**
 * The registry values a Group Policy backup writes (registry.pol) and the options a Group Policy
 * report shows (gpreport.xml), each mapped to the Group Policy name of the catalog and, where the
 * setting has one, to the MDM node it corresponds to: data/generated/gpo-registry.json.
 *
 * Derived, never typed: the registry key, value name, enabled/disabled DWORDs and option labels
 * come from the templates (data/admx/policies.json, imported from the ADMX/ADML by
 * importAdmx.ts); the Group Policy name and its MDM nodes come from the catalog's Group Policy list
 * (groupPolicies.ts: the DDF's GpMapping/AdmxBacked and the guides' policy-settings includes,
 * which name each Group Policy's ADMX display name and CSP path). A value maps to the node whose
 * leaf name is the value name (DisablePostLogonProvisioning, TPM12, MinimumPINLength), else the
 * policy's own value maps to the policy's first node (the setting itself: "Enabled" ->
 * UsePassportForWork) in the hive's scope (HKLM -> ./Device, HKCU -> ./User).
 */
import type { GpoRegistryRow } from '../../server/src/catalog/gpoRegistry';
import type { DocumentedCatalogNode as CatalogNode, GroupPolicyInfo } from '../../server/src/catalog/types';
import type { GeneratedFile } from '../generatedFile';
import type { AdmxFacts } from './admxFacts';
import { loadAdmxFacts } from './groupPolicies';

export const GPO_REGISTRY_FILE = 'data/generated/gpo-registry.json';

/** Node formats a registry value can be written into as a value (an ADMX-backed node takes <enabled/> XML). */
const VALUE_FORMATS = new Set(['bool', 'int', 'chr']);

export function buildGpoRegistryRows(nodes: CatalogNode[], groupPolicies: GroupPolicyInfo[], admx: AdmxFacts): GpoRegistryRow[] {
  const byPath = new Map(nodes.map((node) => [node.path, node]));
  const rows: GpoRegistryRow[] = [];
  for (const info of groupPolicies) {
    if (!info.admx) continue;
    const policy = admx.policies.find((p) => p.file.toLowerCase() === info.admx!.file.toLowerCase() && p.name === info.admx!.name);
    if (!policy) continue;
    const hives: ('HKLM' | 'HKCU')[] = policy.class === 'Both' ? ['HKLM', 'HKCU'] : policy.class === 'User' ? ['HKCU'] : ['HKLM'];
    for (const hive of hives) {
      const scoped = info.nodes.map((path) => byPath.get(path)).filter((node): node is CatalogNode => node !== undefined && node.scope === (hive === 'HKLM' ? 'device' : 'user'));
      const optionNames = new Set((policy.elements ?? []).map((element) => element.valueName.toLowerCase()));
      const byLeaf = (name: string) => scoped.find((node) => node.name.toLowerCase() === name.toLowerCase());
      const source = `${policy.file} ${policy.name}`;
      if (policy.valueName) {
        const node = valueNode(byLeaf(policy.valueName) ?? scoped.find((candidate) => !optionNames.has(candidate.name.toLowerCase())));
        const enabledValue = policy.enabledValue ?? 1;
        const disabledValue = policy.disabledValue;
        rows.push({
          hive, key: policy.key, valueName: policy.valueName, policy: info.name, role: 'state',
          enabledValue,
          ...(disabledValue !== undefined ? { disabledValue } : {}),
          ...(node ? { node: node.path, nodeEnabled: nodeValue(node, enabledValue, true), nodeDisabled: nodeValue(node, disabledValue ?? 0, false) } : {}),
          source,
        });
      }
      for (const element of policy.elements ?? []) {
        // An option named like no node: the policy's only option is its value (MinimumPINLength).
        const own = byLeaf(element.valueName) ?? (!policy.valueName && policy.elements?.length === 1 ? scoped[0] : undefined);
        const node = valueNode(own);
        rows.push({
          hive, key: element.key ?? policy.key, valueName: element.valueName, policy: info.name, role: 'option', kind: element.kind,
          ...(element.label ? { label: element.label } : {}),
          ...(node ? { node: node.path } : {}),
          source,
        });
      }
    }
  }
  return rows.sort((a, b) => compare(`${a.hive}\\${a.key}\\${a.valueName}|${a.policy}`.toLowerCase(), `${b.hive}\\${b.key}\\${b.valueName}|${b.policy}`.toLowerCase()));
}

function valueNode(node: CatalogNode | undefined): CatalogNode | undefined {
  return node && !node.interior && VALUE_FORMATS.has(node.format) && node.allowed?.kind !== 'admx' ? node : undefined;
}

/** What the node takes for the policy's enabled/disabled DWORD: a bool node true/false; an int node the DWORD where it allows it, else 1/0. */
function nodeValue(node: CatalogNode, dword: number, enabled: boolean): boolean | number {
  if (node.format === 'bool') return enabled;
  const allowed = node.allowed;
  if (allowed?.kind === 'enum' && allowed.values.some((value) => Number(value.value) === dword)) return dword;
  if (allowed?.kind === 'range' && dword >= allowed.min && dword <= allowed.max) return dword;
  if (!allowed) return dword;
  return enabled ? 1 : 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildGpoRegistry(root: string, catalog: { nodes: CatalogNode[]; groupPolicies?: GroupPolicyInfo[] }): GeneratedFile {
  const rows = buildGpoRegistryRows(catalog.nodes, catalog.groupPolicies ?? [], loadAdmxFacts(root));
  return { path: GPO_REGISTRY_FILE, content: `${JSON.stringify({ schemaVersion: 1, rows }, null, 2)}\n` };
}
