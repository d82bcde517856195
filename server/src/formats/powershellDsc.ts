/**
 * Microsoft365DSC resources that hold WHfB settings, as configuration blocks (.ps1) and exports
 * (.ps1/.psd1). Which resource keeps its settings how (schemas: data/m365dsc, MIT):
 * - IntuneDeviceConfigurationCustomPolicyWindows10: OmaSettings = @( MSFT_MicrosoftGraphomaSetting
 *   { OmaUri; Value; odataType } ): a custom profile, read by the custom-profile reader.
 * - IntuneSettingCatalogCustomPolicyWindows10: Settings = @( ...{ SettingInstance = ... } ): a
 *   Settings Catalog policy, read by the Settings Catalog reader (ids and choices as Graph has them).
 * - IntuneAccountProtectionPolicyWindows10 (and the older IntuneAccountProtectionPolicy):
 *   DeviceSettings / UserSettings instances whose property names are the CSP leaf names
 *   (MinimumPINLength, UsePassportForWork): mapped through the catalog, never through a typed list.
 * - IntuneDeviceConfigurationIdentityProtectionPolicyWindows10, IntuneAccountProtectionPolicy (the
 *   intent) and IntuneWindowsHelloForBusinessGlobalPolicy (the tenant-wide enrollment policy): Graph
 *   property names with the first letter upper-cased, mapped through the Graph mapping table
 *   (catalog/graphMappings.ts), enums by member name.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { decodeGraphValue, graphPropertyMapping, type GraphPropertyMapping } from '../catalog/graphMappings';
import { finding } from '../model/findings';
import type { Finding } from '../model/types';
import type { CatalogNode } from '../catalog/types';
import type { Located, PolicySetting } from '../model/types';
import { whfbMarkersOf } from './whfbPolicy';
import type { PsBlock, PsValue } from './powershellScanner';

export type DscResourceKind = 'custom-profile' | 'settings-catalog' | 'account-protection' | 'graph-properties';

/** The Graph type of the tenant-wide Windows Hello for Business enrollment policy. */
const TENANT_WIDE_GRAPH_TYPE = '#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration';

/** Resources whose properties are the Graph properties of one type. */
const GRAPH_TYPE_OF_RESOURCE = new Map<string, string>([
  ['intunedeviceconfigurationidentityprotectionpolicywindows10', '#microsoft.graph.windowsIdentityProtectionConfiguration'],
  ['intuneaccountprotectionpolicy', '#microsoft.graph.windowsIdentityProtectionConfiguration'],
  ['intunewindowshelloforbusinessglobalpolicy', TENANT_WIDE_GRAPH_TYPE],
]);

/** Resource name (lower case) -> how its settings are kept. */
export const DSC_RESOURCES = new Map<string, DscResourceKind>([
  ['intunedeviceconfigurationcustompolicywindows10', 'custom-profile'],
  ['intunesettingcatalogcustompolicywindows10', 'settings-catalog'],
  ['intuneaccountprotectionpolicywindows10', 'account-protection'],
  ...[...GRAPH_TYPE_OF_RESOURCE.keys()].map((name): [string, DscResourceKind] => [name, 'graph-properties']),
]);

/** One pattern for a cheap detection of any resource above. */
export const DSC_RESOURCE_PATTERN = /\b(?:IntuneDeviceConfigurationCustomPolicyWindows10|IntuneSettingCatalogCustomPolicyWindows10|IntuneAccountProtectionPolicy(?:Windows10)?|IntuneDeviceConfigurationIdentityProtectionPolicyWindows10|IntuneWindowsHelloForBusinessGlobalPolicy)\b/i;
/** Resources that are WHfB policies by what they are, whether or not their text names a WHfB node. */
export const WHFB_DSC_RESOURCE_PATTERN = /\b(?:IntuneAccountProtectionPolicy(?:Windows10)?|IntuneDeviceConfigurationIdentityProtectionPolicyWindows10|IntuneWindowsHelloForBusinessGlobalPolicy)\b/i;

/** The Graph property a setting read from a Graph-named DSC property stands for (fixes write its Graph value). */
export const graphMappingOfSetting = new WeakMap<PolicySetting, GraphPropertyMapping>();

/**
 * The settings of a resource whose properties are Graph properties: each property the mapping
 * table maps to a catalog node, with its value decoded by member name. A value the Graph type does
 * not have is WHFB002 (the resource's schema allows only its members); "notConfigured" (and $null) sets nothing, so it becomes no setting.
 */
export function readGraphProperties(resource: PsBlock, catalog: CatalogIndex): { settings: PolicySetting[]; findings: Finding[] } {
  const settings: PolicySetting[] = [];
  const findings: Finding[] = [];
  const odataType = GRAPH_TYPE_OF_RESOURCE.get(resource.head?.name.toLowerCase() ?? '');
  if (!odataType) return { settings, findings };
  for (const property of resource.entries) {
    const mapping = graphPropertyMapping(odataType, property.key);
    const node = mapping ? catalog.byPath(mapping.node) : undefined;
    if (!mapping || !node) continue;
    const written = property.value;
    if (written.kind !== 'string' && written.kind !== 'number' && written.kind !== 'boolean') continue;
    const range = written.kind === 'string' ? written.valueRange : written.range;
    const decoded = decodeGraphValue(mapping, written.value);
    if (decoded.kind === 'not-configured') continue;
    if (decoded.kind === 'invalid') {
      findings.push(finding('WHFB002', range, l10n.t('{0} is a {1} property: write {2}, not {3}.', property.key, mapping.graphType, decoded.expected, JSON.stringify(written.value))));
    }
    const setting: PolicySetting = {
      index: settings.length,
      range: { start: property.keyRange.start, end: written.range.end },
      omaUri: { value: node.path, range: property.keyRange },
      name: { value: property.key, range: property.keyRange },
      node,
      // An invalid value (reported above) is kept off the model: the node's own checks would judge a Graph word.
      ...(decoded.kind === 'value' ? { value: { value: decoded.value, range } } : {}),
      ignoredCodes: ['WHFB104', 'WHFB105'],
    };
    graphMappingOfSetting.set(setting, mapping);
    settings.push(setting);
  }
  return { settings, findings };
}

/** The resource is the tenant-wide enrollment policy (PolicyModel.policyScope 'tenant-wide'). */
export function isTenantWideResource(resource: string): boolean {
  return graphTypeOfResource(resource) === TENANT_WIDE_GRAPH_TYPE;
}

/** The Graph type of a Graph-named resource ("#microsoft.graph.windowsIdentityProtectionConfiguration"). */
export function graphTypeOfResource(resource: string): string | undefined {
  return GRAPH_TYPE_OF_RESOURCE.get(resource.toLowerCase());
}

/** The property names an Account protection DeviceSettings/UserSettings instance can hold that map to a WHfB node. */
export function accountProtectionProperties(catalog: CatalogIndex, scope: 'device' | 'user'): CatalogNode[] {
  const seen = new Set<string>();
  const nodes: CatalogNode[] = [];
  for (const node of catalog.nodes) {
    if (node.scope !== scope || seen.has(node.name.toLowerCase())) continue;
    if (nodeForLeafName(catalog, node.name, scope) !== node) continue;
    seen.add(node.name.toLowerCase());
    nodes.push(node);
  }
  return nodes;
}

const leafIndexes = new WeakMap<object, Map<string, CatalogNode | null>>();

/**
 * The WHfB catalog node a DSC property stands for: the node of a WHfB CSP (the CSPs the guides
 * document, formats/whfbPolicy.ts) in `scope` whose leaf name is the property name. Where several
 * nodes share the leaf name, the tenant policy node (…/{TenantId}/Policies/…) is the one the
 * Account protection template sets; any other ambiguity maps to nothing rather than to a guess.
 */
export function nodeForLeafName(catalog: CatalogIndex, leaf: string, scope: 'device' | 'user'): CatalogNode | undefined {
  let index = leafIndexes.get(catalog.nodes);
  if (!index) {
    index = new Map();
    const prefixes = whfbMarkersOf(catalog).uriPrefixes;
    const candidates = new Map<string, CatalogNode[]>();
    for (const node of catalog.nodes) {
      if (node.interior) continue;
      const path = node.path.toLowerCase().replace(/^\.\/(?:device|user)\//, '');
      if (!prefixes.some((prefix) => path.startsWith(prefix))) continue;
      const key = `${node.scope}:${node.name.toLowerCase()}`;
      candidates.set(key, [...(candidates.get(key) ?? []), node]);
    }
    for (const [key, nodes] of candidates) {
      const policies = nodes.filter((node) => /\/\{TenantId\}\/Policies\//i.test(node.path));
      const chosen = nodes.length === 1 ? nodes[0] : policies.length === 1 ? policies[0] : undefined;
      index.set(key, chosen ?? null);
    }
    leafIndexes.set(catalog.nodes, index);
  }
  return index.get(`${scope}:${leaf.toLowerCase()}`) ?? undefined;
}

/**
 * The settings of an Account protection resource: each property of its DeviceSettings and
 * UserSettings instances that names a WHfB node. The value is read as the node reads it
 * (Microsoft365DSC writes choices as "true"/"false" and "0"/"1"/"2" strings).
 */
export function readAccountProtection(resource: PsBlock, catalog: CatalogIndex): PolicySetting[] {
  const settings: PolicySetting[] = [];
  for (const entry of resource.entries) {
    const scope = /^devicesettings$/i.test(entry.key) ? 'device' : /^usersettings$/i.test(entry.key) ? 'user' : undefined;
    if (!scope) continue;
    for (const instance of instancesOf(entry.value)) {
      for (const property of instance.entries) {
        const node = nodeForLeafName(catalog, property.key, scope);
        if (!node) continue;
        const value = leafValue(property.value, node);
        settings.push({
          index: settings.length,
          range: { start: property.keyRange.start, end: property.value.range.end },
          // What the property sets, located on the property name (the file writes no OMA-URI).
          omaUri: { value: node.path, range: property.keyRange },
          name: { value: property.key, range: property.keyRange },
          node,
          ...(value ? { value } : {}),
          // The catalog path's {TenantId} is Intune's own tenant here, not a placeholder to fill in.
          ignoredCodes: ['WHFB104', 'WHFB105'],
        });
      }
    }
  }
  return settings;
}

function instancesOf(value: PsValue): PsBlock[] {
  if (value.kind === 'block') return [value];
  if (value.kind === 'array') return value.items.filter((item): item is PsBlock => item.kind === 'block');
  return [];
}

function leafValue(value: PsValue, node: CatalogNode): Located<unknown> | undefined {
  switch (value.kind) {
    case 'string': {
      const written = value.value.trim();
      let read: unknown = value.value;
      if (node.format === 'bool' && /^(?:true|false)$/i.test(written)) read = written.toLowerCase() === 'true';
      if (node.format === 'int' && /^-?\d+$/.test(written)) read = Number(written);
      return { value: read, range: value.valueRange };
    }
    case 'number':
    case 'boolean':
      return { value: value.value, range: value.range };
    default:
      return undefined;
  }
}
