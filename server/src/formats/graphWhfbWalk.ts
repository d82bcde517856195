/**
 * Reads the Graph objects that carry WHfB settings as Graph properties or intent setting ids, not
 * as OMA-URIs: the Identity protection profile (windowsIdentityProtectionConfiguration), the
 * tenant-wide enrollment policy (deviceEnrollmentWindowsHelloForBusinessConfiguration) and
 * Endpoint security intents (deviceManagementIntent: `settings` inline, a template export's
 * `settingsDelta`, an IntuneBackupAndRestore-style `<name>_Settings.json` list, any of them saved
 * as a JSON string inside JSON). JSON and IntuneCD YAML alike (one AstNode tree).
 *
 * Each mapped property becomes a PolicySetting whose node is the CSP node and whose value is the
 * CSP value (catalog/graphMappings.ts decodes it), standing on the Graph value as written, so the
 * rules judge it as they judge an OMA-URI. The Graph name or intent id is the setting's
 * settingDefinitionId: hover, the policy summary and findings about the entry use it.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../catalog/catalogIndex';
import {
  decodeGraphValue, graphType, intentSettingMapping, intentTypeOf, isKnownUnmappedIntentId, type GraphPolicyScope, type GraphPropertyMapping,
} from '../catalog/graphMappings';
import { boundedLevenshtein } from '../catalog/suggest';
import { finding } from '../model/findings';
import type { Finding, Located, OffsetRange, PolicySetting } from '../model/types';
import { parseEmbeddedJson } from './embeddedJson';
import { property, propertyEntry, type AstNode, type AstString } from './jsonAst';

/** What a fix needs to write a CSP value back as the Graph value (formats/graphWhfb.ts renders it). */
export interface GraphValueSite {
  mapping: GraphPropertyMapping;
  /** Every place that holds the value (an intent's `value` and its `valueJson`), each exactly the value's text. */
  sites: { range: OffsetRange; quoted: boolean; embedded: boolean; exact: boolean }[];
}

const valueSites = new WeakMap<PolicySetting, GraphValueSite>();

export function graphValueSiteOf(setting: PolicySetting): GraphValueSite | undefined {
  return valueSites.get(setting);
}

export type GraphWhfbKind = 'intent' | 'enrollment' | 'identity-protection';

export interface GraphWhfbResult {
  settings: PolicySetting[];
  findings: Finding[];
  name?: Located<string>;
  /** Set when the document holds the tenant-wide enrollment policy. */
  policyScope?: GraphPolicyScope;
  /** The first policy's name, for a document none of whose policies has a WHfB setting. */
  firstName?: Located<string>;
  kinds: Set<GraphWhfbKind>;
}

interface Context {
  text: string;
  catalog: CatalogIndex;
  ignoredCodesAt: (offsets: number[]) => string[];
  result: GraphWhfbResult;
}

const INTENT_ODATA_TYPE = 'microsoft.graph.devicemanagementintent';
const ENROLLMENT = 'deviceEnrollmentWindowsHelloForBusinessConfiguration';

function odataTypeOf(item: AstNode): string | undefined {
  const type = property(item, '@odata.type');
  return type?.kind === 'string' ? type.value : undefined;
}

/** The kind of one Graph object, or undefined when it is none of ours. */
export function graphWhfbKindOf(item: AstNode): GraphWhfbKind | undefined {
  if (item.kind !== 'object') return undefined;
  const odataType = odataTypeOf(item);
  const mapped = odataType ? graphType(odataType) : undefined;
  if (mapped) return mapped.odataType.endsWith(ENROLLMENT) ? 'enrollment' : 'identity-protection';
  if (odataType?.replace(/^#/, '').toLowerCase() === INTENT_ODATA_TYPE) return 'intent';
  if (propertyEntry(item, 'settingsDelta') || (propertyEntry(item, 'templateId') && propertyEntry(item, 'settings'))) return 'intent';
  return undefined;
}

/** The list a value holds: an array, a Graph list response's `value`, or either saved as a JSON string. */
function listOf(node: AstNode | undefined, context: Context): AstNode[] | undefined {
  if (!node) return undefined;
  if (node.kind === 'array') return node.items;
  if (node.kind === 'object') {
    const value = property(node, 'value');
    return value?.kind === 'array' ? value.items : undefined;
  }
  if (node.kind === 'string') {
    const embedded = parseEmbeddedJson(context.text, node.valueRange, node.value);
    return embedded && embedded.root.kind !== 'string' ? listOf(embedded.root, context) : undefined;
  }
  return undefined;
}

function located(node: AstString): Located<string> {
  return { value: node.value, range: node.valueRange };
}

/** A Graph value as written: its JS value and where its text is. */
interface WrittenValue {
  value: unknown;
  range: OffsetRange;
  quoted: boolean;
  embedded: boolean;
  /** False when the range is only the whole encoded string the value sits in (escapes could not be followed): judged, never rewritten. */
  exact?: boolean;
}

function writtenValue(node: AstNode, embedded: boolean): WrittenValue | undefined {
  switch (node.kind) {
    case 'string': return { value: node.value, range: node.valueRange, quoted: true, embedded };
    case 'number':
    case 'boolean': return { value: node.value, range: node.range, quoted: false, embedded };
    case 'null': return { value: null, range: node.range, quoted: false, embedded };
    default: return undefined;
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** One mapped Graph value into the model (or a finding when it is no value of its Graph type). */
function addSetting(context: Context, mapping: GraphPropertyMapping, written: Located<string> & { keyRange?: OffsetRange }, values: WrittenValue[], entryRange: OffsetRange): void {
  const primary = values[0];
  if (!primary) return;
  const decoded = decodeGraphValue(mapping, primary.value);
  if (decoded.kind === 'not-configured') return;
  if (decoded.kind === 'invalid') {
    context.result.findings.push(finding('WHFB002', primary.range, l10n.t('{0} is {1}, which Intune does not accept: {2} ({3}) takes {4}.', mapping.property, describe(primary.value), mapping.property, mapping.graphType, decoded.expected)));
    return;
  }
  const setting: PolicySetting = {
    index: context.result.settings.length,
    range: entryRange,
    settingDefinitionId: written,
    node: context.catalog.byPath(mapping.node),
    value: { value: decoded.value, range: primary.range, ...(written.keyRange ? { keyRange: written.keyRange } : {}) },
    ignoredCodes: context.ignoredCodesAt([entryRange.start]),
  };
  valueSites.set(setting, { mapping, sites: values.map(({ range, quoted, embedded, exact }) => ({ range, quoted, embedded, exact: exact !== false })) });
  context.result.settings.push(setting);
}

/** A profile or enrollment policy: each mapped property of the object. */
function readGraphObject(item: AstNode, context: Context): void {
  if (item.kind !== 'object') return;
  const type = graphType(odataTypeOf(item) ?? '');
  if (!type) return;
  if (type.policyScope === 'tenant-wide') context.result.policyScope = 'tenant-wide';
  for (const prop of item.properties) {
    const mapping = type.properties.find((row) => row.property === prop.key);
    if (!mapping) continue;
    const value = writtenValue(prop.value, false);
    if (!value) {
      context.result.findings.push(finding('WHFB002', prop.value.range, l10n.t('{0} must be a {1} value, not an {2}.', mapping.property, mapping.graphType, prop.value.kind)));
      continue;
    }
    // The property's line: the entry a `# whfb-ignore` comment above it silences.
    addSetting(context, mapping, { value: prop.key, range: prop.keyRange, keyRange: prop.keyRange }, [value], { start: prop.keyRange.start, end: prop.value.range.end });
  }
}

/**
 * The values of one setting instance: `value` (typed subtypes, as Graph returns them) and
 * `valueJson` (the same value as a JSON string); the first is judged, both are fixed.
 */
function instanceValues(item: AstNode, context: Context): WrittenValue[] {
  const values: WrittenValue[] = [];
  const direct = propertyEntry(item, 'value');
  if (direct) {
    const value = writtenValue(direct.value, false);
    if (value) values.push(value);
  }
  const json = property(item, 'valueJson');
  if (json?.kind === 'string') {
    const embedded = parseEmbeddedJson(context.text, json.valueRange, json.value);
    const value = embedded?.exact ? writtenValue(embedded.root, true) : undefined;
    // A valueJson whose offsets cannot be followed is judged but not fixed in place.
    if (value) values.push(value);
    else if (embedded) {
      const whole = writtenValue(embedded.root, true);
      if (whole && values.length === 0) values.push({ ...whole, embedded: true, exact: false });
    }
  } else if (json?.kind === 'null' && values.length === 0) {
    values.push({ value: null, range: json.range, quoted: false, embedded: false });
  }
  return values;
}

/** One intent setting instance ({ definitionId, value, valueJson }). */
function readSettingInstance(item: AstNode, context: Context): void {
  if (item.kind !== 'object') return;
  const idEntry = propertyEntry(item, 'definitionId');
  if (idEntry?.value.kind !== 'string') return;
  const id = idEntry.value;
  const mapping = intentSettingMapping(id.value);
  if (!mapping) {
    const meant = misspeltIntentId(id.value);
    if (meant) {
      context.result.findings.push(finding('WHFB002', id.valueRange,
        l10n.t('"{0}" is no setting of the Account protection template: Intune does not accept it. Did you mean {1}?', id.value, meant)));
    }
    return;
  }
  addSetting(context, mapping, { ...located(id), keyRange: idEntry.keyRange }, instanceValues(item, context), item.range);
}

/**
 * The WHfB intent id a written id misspells (a few edits from it), or undefined. An id with the
 * WHfB prefix that is far from every known one is passed over: a newer template version may have
 * settings the Graph reference does not list yet, and judging them would be a false alarm.
 */
function misspeltIntentId(written: string): string | undefined {
  const type = intentTypeOf(written);
  const prefix = type?.intentDefinitionPrefix;
  if (!type || !prefix || isKnownUnmappedIntentId(written)) return undefined;
  const property = written.trim().slice(prefix.length).toLowerCase();
  const limit = Math.max(2, Math.floor(property.length / 6));
  let best: { id: string; distance: number } | undefined;
  for (const row of type.properties) {
    const distance = boundedLevenshtein(property, row.property.toLowerCase(), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { id: prefix + row.property, distance };
  }
  return best?.id;
}

/** An intent: its settings inline, or a template export's settingsDelta (either may be a JSON string). */
function readIntent(item: AstNode, context: Context): void {
  for (const key of ['settings', 'settingsDelta']) {
    const list = listOf(property(item, key), context);
    for (const instance of list ?? []) readSettingInstance(instance, context);
  }
}

function nameOf(item: AstNode): Located<string> | undefined {
  const name = property(item, 'displayName');
  return name?.kind === 'string' ? located(name) : undefined;
}

/** Is this a list of setting instances (an intent's `<name>_Settings.json`, a `GET intents/{id}/settings` response)? */
function isSettingInstanceList(items: AstNode[]): boolean {
  return items.some((item) => property(item, 'definitionId')?.kind === 'string');
}

/**
 * Reads every WHfB Graph object of the document: one object, a list (top-level array or Graph
 * list response) of them, a list of intent setting instances, or a JSON string holding any of these.
 * Items of other kinds are passed over (`others` receives them, so a mixed list loses nothing).
 */
export function readGraphWhfbDocument(
  root: AstNode,
  text: string,
  catalog: CatalogIndex,
  ignoredCodesAt: (offsets: number[]) => string[],
  others?: (item: AstNode) => void,
): GraphWhfbResult {
  const context: Context = { text, catalog, ignoredCodesAt, result: { settings: [], findings: [], kinds: new Set() } };
  readNode(root, context, others, 0);
  context.result.settings.forEach((setting, index) => { setting.index = index; });
  return context.result;
}

function readNode(node: AstNode, context: Context, others: ((item: AstNode) => void) | undefined, depth: number): void {
  if (depth > 2) return;
  if (node.kind === 'string') {
    const embedded = parseEmbeddedJson(context.text, node.valueRange, node.value);
    if (embedded && embedded.root.kind !== 'string') readNode(embedded.root, context, others, depth + 1);
    return;
  }
  const kind = graphWhfbKindOf(node);
  if (kind) {
    readItem(node, kind, context);
    return;
  }
  const list = node.kind === 'array' ? node.items : listOf(propertyEntry(node, 'value')?.value, context);
  if (!list) return;
  if (isSettingInstanceList(list)) {
    context.result.kinds.add('intent');
    for (const item of list) readSettingInstance(item, context);
    return;
  }
  for (const item of list) {
    const itemKind = graphWhfbKindOf(item);
    if (itemKind) readItem(item, itemKind, context);
    else others?.(item);
  }
}

function readItem(item: AstNode, kind: GraphWhfbKind, context: Context): void {
  const before = context.result.settings.length;
  context.result.kinds.add(kind);
  if (kind === 'intent') readIntent(item, context);
  else readGraphObject(item, context);
  const name = nameOf(item);
  // In a list, the first WHfB policy's name (the first named one when none has settings).
  if (name && context.result.settings.length > before) context.result.name ??= name;
  context.result.firstName ??= name;
}
