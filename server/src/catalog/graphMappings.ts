/**
 * Microsoft Graph (Intune) WHfB properties and Endpoint security intent setting ids mapped to the
 * PassportForWork CSP nodes of the catalog, with their value semantics. The table is data
 * (data/mappings/graph-to-csp.json, each row citing what shows the correspondence); this module only
 * looks it up. Formats read Graph JSON, IntuneCD YAML and Microsoft365DSC through it, so every
 * existing rule judges a Graph value in CSP terms.
 *
 * Enums are mapped by member name, never by number: Graph's configurationUsage numbers blocked=0,
 * required=1, allowed=2, while the CSP's PINComplexity values are 0 allow, 1 require, 2 disallow.
 */
import * as l10n from '@vscode/l10n';

/** How a Graph value becomes the CSP value. */
export type GraphValueKind = 'int' | 'bool' | 'bool-negated' | 'bool-as-int' | 'enum';

/** Where a policy applies: a profile or intent assigned to groups, or the tenant-wide enrollment policy. */
export type GraphPolicyScope = 'profile' | 'tenant-wide';

export type CspValue = boolean | number;

/** What a Graph value means in CSP terms. */
export type DecodedValue =
  | { kind: 'value'; value: CspValue }
  /** null, or the enum's notConfigured: Intune writes no CSP value. */
  | { kind: 'not-configured' }
  /** Not a value of the property's Graph type; `expected` names what is. */
  | { kind: 'invalid'; expected: string };

export interface GraphPropertyMapping {
  /** The Graph type, with its #microsoft.graph. prefix. */
  odataType: string;
  /** The Graph property name as Graph spells it (camelCase). */
  property: string;
  /** Graph's type of the property ("Int32", "Boolean", "configurationUsage", "enablement"). */
  graphType: string;
  /** Catalog path (CatalogNode.path) of the CSP node. */
  node: string;
  kind: GraphValueKind;
  /** For kind 'enum': Graph member name -> CSP value (null: not configured). */
  members?: Readonly<Record<string, CspValue | null>>;
  /** What shows the correspondence. */
  source: string;
  /** The intent setting id of this property, where the type has intents. */
  intentDefinitionId?: string;
  policyScope: GraphPolicyScope;
}

export interface GraphTypeInfo {
  odataType: string;
  title: string;
  policyScope: GraphPolicyScope;
  intentDefinitionPrefix?: string;
  intentTemplateIds: string[];
  properties: GraphPropertyMapping[];
  /** Property names or intent ids the type has that map to no catalog node, with why. */
  unmapped: { graph?: string; intentDefinitionId?: string; reason: string }[];
}

interface RawProperty { graph: string; graphType: string; node: string; value: string; enum?: string; source: string }
interface RawType {
  odataType: string; title: string; policyScope: string; intentDefinitionPrefix?: string; intentTemplateIds?: string[];
  properties: RawProperty[]; unmapped?: { graph?: string; graphType?: string; intentDefinitionId?: string; reason: string }[];
}
interface RawTable { enums: Record<string, { members: Record<string, CspValue | null> }>; graphTypes: RawType[] }

const GRAPH_PREFIX = '#microsoft.graph.';

/** Upper- or lower-cased first letter: Microsoft365DSC spells Graph names with a capital. */
function propertyKey(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function typeKey(odataType: string): string {
  const trimmed = odataType.trim();
  const bare = trimmed.toLowerCase().startsWith(GRAPH_PREFIX) ? trimmed.slice(GRAPH_PREFIX.length) : trimmed.replace(/^#?microsoft\.graph\./i, '');
  return bare.toLowerCase();
}

interface Tables {
  types: Map<string, GraphTypeInfo>;
  byIntentId: Map<string, GraphPropertyMapping>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) return tables;
  // Read here, not imported: only Graph exports need it, and an import built the table at every
  // start of the server, before its first diagnostics (scripts/build.mjs, jsonLoadedOnFirstUse).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const raw = require('../../../data/mappings/graph-to-csp.json') as RawTable;
  const types = new Map<string, GraphTypeInfo>();
  const byIntentId = new Map<string, GraphPropertyMapping>();
  for (const type of raw.graphTypes) {
    const policyScope = type.policyScope === 'tenant-wide' ? 'tenant-wide' : 'profile';
    const info: GraphTypeInfo = {
      odataType: type.odataType,
      title: type.title,
      policyScope,
      ...(type.intentDefinitionPrefix ? { intentDefinitionPrefix: type.intentDefinitionPrefix } : {}),
      intentTemplateIds: type.intentTemplateIds ?? [],
      properties: [],
      unmapped: (type.unmapped ?? []).map(({ graph, intentDefinitionId, reason }) => ({ ...(graph ? { graph } : {}), ...(intentDefinitionId ? { intentDefinitionId } : {}), reason })),
    };
    for (const row of type.properties) {
      const mapping: GraphPropertyMapping = {
        odataType: type.odataType,
        property: row.graph,
        graphType: row.graphType,
        node: row.node,
        kind: row.value as GraphValueKind,
        source: row.source,
        policyScope,
        ...(row.enum ? { members: raw.enums[row.enum]?.members ?? {} } : {}),
        ...(type.intentDefinitionPrefix ? { intentDefinitionId: type.intentDefinitionPrefix + row.graph } : {}),
      };
      info.properties.push(mapping);
      if (mapping.intentDefinitionId) byIntentId.set(mapping.intentDefinitionId.toLowerCase(), mapping);
    }
    types.set(typeKey(type.odataType), info);
  }
  tables = { types, byIntentId };
  return tables;
}

/** The mapped Graph types (Identity protection profile, tenant-wide enrollment policy). */
export function graphTypes(): GraphTypeInfo[] {
  return [...load().types.values()];
}

/** A Graph type by its @odata.type ("#microsoft.graph.x", "microsoft.graph.x" or "x"), case-insensitive. */
export function graphType(odataType: string): GraphTypeInfo | undefined {
  return load().types.get(typeKey(odataType));
}

/**
 * The mapping of one property of a Graph type. The first letter is matched either way, so
 * Microsoft365DSC's "PinMinimumLength" finds Graph's "pinMinimumLength".
 */
export function graphPropertyMapping(odataType: string, property: string): GraphPropertyMapping | undefined {
  const key = propertyKey(property.trim());
  return graphType(odataType)?.properties.find((mapping) => propertyKey(mapping.property) === key);
}

/** The mapping of an Endpoint security intent setting id (deviceConfiguration--windowsIdentityProtectionConfiguration_pinMinimumLength). */
export function intentSettingMapping(definitionId: string): GraphPropertyMapping | undefined {
  const id = definitionId.trim().toLowerCase();
  const exact = load().byIntentId.get(id);
  if (exact) return exact;
  // The property part with its first letter upper-cased, as some tools write it.
  for (const type of load().types.values()) {
    const prefix = type.intentDefinitionPrefix?.toLowerCase();
    if (prefix && id.startsWith(prefix)) return load().byIntentId.get(prefix + propertyKey(id.slice(prefix.length)));
  }
  return undefined;
}

/** The Graph type whose intent ids start like this id (a WHfB intent setting), mapped or not. */
export function intentTypeOf(definitionId: string): GraphTypeInfo | undefined {
  const id = definitionId.trim().toLowerCase();
  return graphTypes().find((type) => type.intentDefinitionPrefix && id.startsWith(type.intentDefinitionPrefix.toLowerCase()));
}

/** Is this intent id one the table knows and deliberately leaves unmapped (not a WHfB setting)? */
export function isKnownUnmappedIntentId(definitionId: string): boolean {
  const id = definitionId.trim().toLowerCase();
  return graphTypes().some((type) => type.unmapped.some((row) => row.intentDefinitionId?.toLowerCase() === id));
}

/** Is this Graph property one the table knows and deliberately leaves unmapped? */
export function isKnownUnmappedProperty(odataType: string, property: string): boolean {
  const key = propertyKey(property.trim());
  return graphType(odataType)?.unmapped.some((row) => row.graph !== undefined && propertyKey(row.graph) === key) ?? false;
}

/** The Graph enum member names of an enum property, in table order (for completion and messages). */
export function graphMembers(mapping: GraphPropertyMapping): string[] {
  return mapping.members ? Object.keys(mapping.members) : [];
}

function asGraphBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(?:true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

function asGraphInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * A Graph value in CSP terms. Graph's null (and an intent's "notConfigured") is not configured:
 * Intune writes nothing. Booleans and integers are also read from strings, as intents and DSC
 * write them.
 */
export function decodeGraphValue(mapping: GraphPropertyMapping, graphValue: unknown): DecodedValue {
  if (graphValue === null || graphValue === undefined) return { kind: 'not-configured' };
  if (typeof graphValue === 'string' && graphValue.trim().toLowerCase() === 'notconfigured') return { kind: 'not-configured' };
  switch (mapping.kind) {
    case 'int': {
      const value = asGraphInteger(graphValue);
      return value === undefined ? { kind: 'invalid', expected: l10n.t('an integer') } : { kind: 'value', value };
    }
    case 'bool':
    case 'bool-negated':
    case 'bool-as-int': {
      const value = asGraphBoolean(graphValue);
      if (value === undefined) return { kind: 'invalid', expected: l10n.t('true or false') };
      if (mapping.kind === 'bool') return { kind: 'value', value };
      if (mapping.kind === 'bool-negated') return { kind: 'value', value: !value };
      return { kind: 'value', value: value ? 1 : 0 };
    }
    case 'enum': {
      const members = mapping.members ?? {};
      const name = typeof graphValue === 'string' ? Object.keys(members).find((member) => member.toLowerCase() === graphValue.trim().toLowerCase()) : undefined;
      if (name === undefined) return { kind: 'invalid', expected: l10n.t('one of {0}', Object.keys(members).map((member) => `"${member}"`).join(', ')) };
      const value = members[name];
      return value === null || value === undefined ? { kind: 'not-configured' } : { kind: 'value', value };
    }
  }
}

/**
 * A CSP value written back as the Graph value that means it ("required" for 1 of a
 * configurationUsage property), or undefined where no Graph value means it.
 */
export function encodeCspValue(mapping: GraphPropertyMapping, cspValue: boolean | number | string): boolean | number | string | undefined {
  const asNumber = typeof cspValue === 'number' ? cspValue : typeof cspValue === 'string' && /^-?\d+$/.test(cspValue.trim()) ? Number(cspValue.trim()) : undefined;
  const asBool = typeof cspValue === 'boolean' ? cspValue : typeof cspValue === 'string' ? asGraphBoolean(cspValue) : undefined;
  switch (mapping.kind) {
    case 'int':
      return asNumber;
    case 'bool':
      return asBool;
    case 'bool-negated':
      return asBool === undefined ? undefined : !asBool;
    case 'bool-as-int':
      return asNumber === 1 ? true : asNumber === 0 ? false : undefined;
    case 'enum': {
      const entry = Object.entries(mapping.members ?? {}).find(([, value]) => value !== null && (value === cspValue || value === asNumber || value === asBool));
      return entry?.[0];
    }
  }
}
