/**
 * DDF (data/ddf) + policy settings reference and deployment guides (data/guides) -> data/generated/catalog.json
 * and data/generated/catalog-texts.json (splitCatalog).
 * Deterministic: sorted nodes, no timestamps, sources listed with their sha256.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllowedValues, Catalog as StructureCatalog, CatalogNode as StructureNode, CatalogNodeTexts, CatalogTexts, DocumentedCatalog as Catalog, DocumentedCatalogNode as CatalogNode, DdfFormat, GroupPolicyMapping, SourcedValue } from '../../server/src/catalog/types';
import { loadGuide, loadGuides } from '../guides/markdown';
import { attributesOf, type DdfNode, markersOf, objectOf, readDdf, textOf } from './ddfReader';
import { cleanDescription } from './description';
import { ADMX_FACTS_FILE, buildGroupPolicies, loadAdmxFacts } from './groupPolicies';
import { guideRefsFor, loadReferenceGuides } from './guideRefs';
import { ddfListOf, guideListOf } from './listNodes';
import { notConfiguredDisagree, notConfiguredSentence, policySettingFacts, type PolicySettingFact } from './guideFacts';
import { referenceUrlOf, settingsCatalogIdOf } from './naming';

/** The DDF files the catalog covers: the PassportForWork CSP and the other CSPs and Policy CSP areas WHfB deployments touch. */
export const CATALOG_DDF_FILES = [
  'PassportForWork.xml',
  'Policy.xml',
  'Kerberos_AreaDDF.xml',
  'ADMX_Kerberos_AreaDDF.xml',
  'ADMX_kdc_AreaDDF.xml',
  'Authentication_AreaDDF.xml',
  'DeviceLock_AreaDDF.xml',
  'CredentialProviders_AreaDDF.xml',
  'ADMX_CredentialProviders_AreaDDF.xml',
  'ADMX_Smartcard_AreaDDF.xml',
  'FederatedAuthentication_AreaDDF.xml',
  'ClientCertificateInstall.xml',
  'RemoteLock.xml',
  // MDMWinsOverGP decides whether a Policy CSP setting wins over the same Group Policy (WHFB160).
  'ControlPolicyConflict_AreaDDF.xml',
];

const POLICY_SETTINGS_GUIDE = 'hello-for-business/policy-settings.md';
const INSIDER_BUILD = '99.9.99999';
const DDF_FORMATS: readonly DdfFormat[] = ['bool', 'int', 'chr', 'node', 'b64', 'bin', 'xml', 'float', 'date', 'time', 'null'];

export function buildCatalog(root: string): Catalog {
  const ddfNodes = CATALOG_DDF_FILES.flatMap((file) => keptNodes(file, readDdf(join(root, 'data/ddf', file))));
  const bothScopes = cspsWithBothScopes(ddfNodes);
  const nodes = ddfNodes.map((ddf) => toCatalogNode(ddf, bothScopes));
  const byPath = new Map(nodes.map((node) => [node.path, node]));
  const listsWithoutSeparator = new Set(ddfNodes.filter((ddf) => ddfListOf(ddf, ddfFileOf(ddf)) === 'pending').map((ddf) => ddf.path));

  linkDeprecatedSuccessors(nodes, byPath);
  const facts = policySettingFacts(loadGuide(root, POLICY_SETTINGS_GUIDE));
  applyPolicySettingFacts(nodes, facts);

  const allGuides = [...loadGuides(root).values()];
  const groupPolicies = buildGroupPolicies(nodes, loadAdmxFacts(root), facts, allGuides);
  for (const node of nodes) describeAdmxBacked(node);

  const guides = loadReferenceGuides(root);
  for (const node of nodes) node.guideRefs = guideRefsFor(node, guides);
  for (const path of listsWithoutSeparator) {
    const node = byPath.get(path)!;
    const list = guideListOf(node, byPath.get(path.slice(0, path.lastIndexOf('/'))), guides);
    if (list) node.list = list;
  }

  nodes.sort(compareNodes);
  const guideFiles = [...new Set([POLICY_SETTINGS_GUIDE, ...guides.files])].sort();
  const sources = [
    ...CATALOG_DDF_FILES.map((file) => `data/ddf/${file}`).sort(),
    ADMX_FACTS_FILE,
    ...guideFiles.map((file) => `data/guides/${file}`),
  ].map((file) => ({ file, sha256: sha256(join(root, file)) }));
  return { schemaVersion: 1, sources, nodes, groupPolicies };
}

/** The keys of a node that only readers need (CatalogNodeTexts), in the order the texts file writes them. */
const TEXT_KEYS = ['groupPolicy', 'descriptionMarkdown', 'notConfigured', 'guideRefs'] as const satisfies readonly (keyof CatalogNodeTexts)[];

/**
 * The catalog as two files: what the rules need (catalog.json, loaded with the language service)
 * and the nodes' texts with the sources (catalog-texts.json, read on first use by hover,
 * completion and the links), so a server's first diagnostics neither read nor parse the texts.
 * The texts are in the nodes' order: entry i belongs to node i.
 */
export function splitCatalog(catalog: Catalog): { structure: StructureCatalog; texts: CatalogTexts } {
  const nodes: StructureNode[] = [];
  const texts: CatalogNodeTexts[] = [];
  for (const node of catalog.nodes) {
    const structure: Record<string, unknown> = { ...node };
    const text: Record<string, unknown> = {};
    for (const key of TEXT_KEYS) {
      if (node[key] !== undefined) text[key] = node[key];
      delete structure[key];
    }
    if (node.guideRefs.length > 0) structure.guided = true;
    nodes.push(structure as unknown as StructureNode);
    texts.push(text as unknown as CatalogNodeTexts);
  }
  const { sources, groupPolicies } = catalog;
  return {
    structure: { schemaVersion: catalog.schemaVersion, nodes, ...(groupPolicies ? { groupPolicies } : {}) },
    texts: { sources, texts },
  };
}

/** splitCatalog's inverse: the two generated files as the generator built them (tests hand them to the other generators). */
export function joinCatalog(structure: StructureCatalog, texts: CatalogTexts): Catalog {
  if (texts.texts.length !== structure.nodes.length) throw new Error(`catalog-texts.json has ${texts.texts.length} entries for ${structure.nodes.length} catalog nodes`);
  const nodes = structure.nodes.map(({ guided: _guided, ...node }, at) => ({ ...node, ...texts.texts[at] }) as CatalogNode);
  return { schemaVersion: structure.schemaVersion, sources: texts.sources, nodes, ...(structure.groupPolicies ? { groupPolicies: structure.groupPolicies } : {}) };
}

/** Policy.xml contributes only its fixed Policy and Policy/Config nodes; the area DDFs supply the real areas and policies. */
function keptNodes(file: string, nodes: DdfNode[]): DdfNode[] {
  if (file !== 'Policy.xml') return nodes;
  return nodes.filter((node) => /\/Policy(\/Config)?$/.test(node.path));
}

function cspOf(ddf: DdfNode): { csp: string; area?: string; cspRoot: string } {
  const underPolicyConfig = /\/Policy\/Config$/i.test(ddf.rootPath);
  if (underPolicyConfig) return { csp: 'Policy', area: ddf.rootName, cspRoot: `${ddf.rootPath}/${ddf.rootName}` };
  return { csp: ddf.rootName, cspRoot: `${ddf.rootPath}/${ddf.rootName}` };
}

function cspsWithBothScopes(nodes: DdfNode[]): Set<string> {
  const scopes = new Map<string, Set<string>>();
  for (const node of nodes) {
    const { csp } = cspOf(node);
    if (!scopes.has(csp)) scopes.set(csp, new Set());
    scopes.get(csp)!.add(node.scope);
  }
  return new Set([...scopes].filter(([, set]) => set.size > 1).map(([csp]) => csp));
}

function toCatalogNode(ddf: DdfNode, bothScopes: Set<string>): CatalogNode {
  const props = ddf.properties;
  const { csp, area, cspRoot } = cspOf(ddf);
  const format = formatOf(markersOf(props, 'DFFormat')[0]);
  const builds = (ddf.osBuildVersion ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  const allowed = allowedValuesOf(props, ddf);
  const list = ddfListOf(ddf, ddfFileOf(ddf));
  const defaultValue = textOf(props, 'DefaultValue')?.trim() || undefined;
  const title = textOf(props, 'DFTitle')?.trim() || undefined;
  const relativeSegments = ddf.path.length > cspRoot.length ? ddf.path.slice(cspRoot.length + 1).split('/') : [];
  const node: CatalogNode = {
    path: ddf.path,
    scope: ddf.scope,
    csp,
    ...(area ? { area } : {}),
    name: ddf.segment,
    ...(title ? { title } : {}),
    format,
    interior: format === 'node',
    accessTypes: markersOf(props, 'AccessType'),
    ...(allowed ? { allowed } : {}),
    ...(list && list !== 'pending' ? { list } : {}),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    defaults: defaultValue !== undefined ? [{ value: defaultValue, source: 'ddf', sourceRef: ddfFileOf(ddf), note: 'DDF DefaultValue' }] : [],
    minBuilds: builds.filter((b) => b !== INSIDER_BUILD),
    ...(builds.includes(INSIDER_BUILD) ? { insider: true } : {}),
    ...(ddf.cspVersion ? { cspVersion: ddf.cspVersion } : {}),
    ...deprecationOf(ddf),
    ...groupPolicyOf(props, ddf.scope),
    descriptionMarkdown: descriptionOf(ddf, allowed),
    settingsCatalogId: settingsCatalogIdOf(ddf.path),
    referenceUrl: referenceUrlOf({
      csp,
      area,
      relativeSegments,
      scopeName: ddf.scope === 'user' ? 'User' : 'Device',
      cspHasBothScopes: bothScopes.has(csp),
    }),
    guideRefs: [],
  };
  return node;
}

/** The catalog records which DDF file a node came from only through its sources; defaults name the file. */
function ddfFileOf(ddf: DdfNode): string {
  const { csp, area } = cspOf(ddf);
  if (area) return `data/ddf/${area}_AreaDDF.xml`;
  return `data/ddf/${csp}.xml`;
}

function formatOf(marker: string | undefined): DdfFormat {
  return DDF_FORMATS.includes(marker as DdfFormat) ? (marker as DdfFormat) : 'null';
}

function allowedValuesOf(props: DdfNode['properties'], ddf: DdfNode): AllowedValues | undefined {
  const allowed = objectOf(props, 'MSFT:AllowedValues');
  if (!allowed) return undefined;
  const valueType = attributesOf(allowed).ValueType ?? '';
  switch (valueType) {
    case 'ENUM': {
      const entries = (allowed['MSFT:Enum'] as Record<string, unknown>[] | undefined) ?? [];
      return {
        kind: 'enum',
        values: entries.map((entry) => ({
          value: textOf(entry, 'MSFT:Value')?.trim() ?? '',
          description: cleanInline(textOf(entry, 'MSFT:ValueDescription') ?? ''),
        })),
      };
    }
    case 'Range': {
      const raw = textOf(allowed, 'MSFT:Value')?.trim() ?? '';
      const range = /^\[\s*(-?\d+)\s*-\s*(-?\d+)\s*\]$/.exec(raw);
      if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]), raw };
      return { kind: 'other', valueType, raw };
    }
    case 'RegEx':
      return { kind: 'regex', pattern: textOf(allowed, 'MSFT:Value')?.trim() ?? '' };
    case 'ADMX': {
      const admx = attributesOf(allowed['MSFT:AdmxBacked']);
      return { kind: 'admx', area: admx.Area ?? '', name: admx.Name ?? '', file: admx.File ?? '' };
    }
    case 'None':
    case '':
      return undefined;
    default:
      return { kind: 'other', valueType, raw: textOf(allowed, 'MSFT:Value')?.trim() ?? `${ddf.segment}` };
  }
}

function cleanInline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "THIS NODE IS DEPRECATED ... PLEASE USE Biometrics/UseBiometrics NODE INSTEAD." or <MSFT:Deprecated/>. */
const DEPRECATION_SENTENCE = /THIS NODE IS DEPRECATED[^.]*\.(?:\s*PLEASE USE (\S+) NODE INSTEAD\.)?/i;

function deprecationOf(ddf: DdfNode): Pick<CatalogNode, 'deprecated'> {
  const description = textOf(ddf.properties, 'Description') ?? '';
  const sentence = DEPRECATION_SENTENCE.exec(description);
  const marked = 'MSFT:Deprecated' in ddf.properties;
  if (!sentence && !marked) return {};
  const successorHint = sentence?.[1];
  return {
    deprecated: {
      // Resolved to a canonical path by linkDeprecatedSuccessors once every node is known.
      ...(successorHint ? { successor: successorHint } : {}),
      message: successorHint
        ? `Deprecated: this node will be removed in a future version of Windows. Use ${successorHint} instead.`
        : 'Deprecated: this node will be removed in a future version of Windows.',
    },
  };
}

/** A successor hint is relative ("Biometrics/UseBiometrics"): the nearest node of the same CSP and scope that ends with it. */
function linkDeprecatedSuccessors(nodes: CatalogNode[], byPath: Map<string, CatalogNode>): void {
  for (const node of nodes) {
    const hint = node.deprecated?.successor;
    if (!node.deprecated || !hint) continue;
    const candidates = nodes.filter((other) => other !== node && other.csp === node.csp && other.scope === node.scope && other.path.endsWith(`/${hint}`));
    candidates.sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
    const successor = candidates[0];
    if (successor && byPath.has(successor.path)) node.deprecated.successor = successor.path;
    else delete node.deprecated.successor;
  }
}

function groupPolicyOf(props: DdfNode['properties'], scope: DdfNode['scope']): Pick<CatalogNode, 'groupPolicy'> {
  const gpScope = scope === 'user' ? 'user' : 'computer';
  const gp = attributesOf(props['MSFT:GpMapping']);
  if (gp.GpEnglishName) {
    const mapping: GroupPolicyMapping = { name: gp.GpEnglishName, scope: gpScope };
    if (gp.GpAreaPath) mapping.area = gp.GpAreaPath;
    if (gp.GpEnglishName.includes(' ')) mapping.displayName = gp.GpEnglishName;
    return { groupPolicy: mapping };
  }
  const allowed = objectOf(props, 'MSFT:AllowedValues');
  if (allowed && attributesOf(allowed).ValueType === 'ADMX') {
    const admx = attributesOf(allowed['MSFT:AdmxBacked']);
    if (admx.Name) return { groupPolicy: { name: admx.Name, area: admx.Area, admxFile: admx.File, scope: gpScope } };
  }
  return {};
}

function descriptionOf(ddf: DdfNode, allowed: AllowedValues | undefined): string {
  const text = cleanDescription(textOf(ddf.properties, 'Description') ?? '');
  if (text) return text;
  // ADMX-backed Policy CSP nodes carry no description in the DDF; say where their meaning lives.
  if (allowed?.kind === 'admx') return `ADMX-backed policy \`${allowed.name}\` (${allowed.file}, category \`${allowed.area}\`). The value is an ADMX \`<enabled/>\` or \`<disabled/>\` XML string.`;
  const unique = textOf(objectOf(ddf.properties, 'MSFT:DynamicNodeNaming'), 'MSFT:UniqueName');
  return unique ? cleanDescription(unique) : '';
}

/**
 * An ADMX-backed node the DDF leaves undescribed: say which Group Policy it is, as the editor shows
 * it, once the Group Policy names are known (not the DDF's area ids, "Kerberos~AT~System~kerberos").
 */
function describeAdmxBacked(node: CatalogNode): void {
  const allowed = node.allowed;
  const gp = node.groupPolicy;
  if (allowed?.kind !== 'admx' || !gp?.displayName || !gp.location || !node.descriptionMarkdown.startsWith('ADMX-backed policy `')) return;
  node.descriptionMarkdown = `ADMX-backed policy: the Group Policy "${gp.displayName}" (${gp.scope === 'user' ? 'User' : 'Computer'} Configuration > ${gp.location}; ${allowed.file}, policy \`${allowed.name}\`). The value is an ADMX \`<enabled/>\` or \`<disabled/>\` XML string.`;
}

/** Guide-stated Group Policy names and defaults, joined to nodes by the CSP reference anchors the guide links. */
function applyPolicySettingFacts(nodes: CatalogNode[], facts: PolicySettingFact[]): void {
  const byAnchor = new Map<string, CatalogNode>();
  for (const node of nodes) if (node.csp === 'PassportForWork') byAnchor.set(node.referenceUrl.replace(/^.*#/, ''), node);
  for (const fact of facts) {
    const linked = fact.cspAnchors.map((link) => leafFor(byAnchor.get(link.anchor), link.linkText, nodes)).filter((n): n is CatalogNode => !!n);
    // The reference links the device node; when the GPO also exists under User Configuration, the user twin maps too.
    const withTwins = [...linked];
    if (fact.gpoScopes.includes('user')) {
      for (const node of linked) {
        const twin = node.scope === 'device' ? nodes.find((n) => n.path === node.path.replace(/^\.\/Device\//, './User/')) : undefined;
        if (twin && !withTwins.includes(twin)) withTwins.push(twin);
      }
    }
    // The first node a section links is the setting itself; later links are options inside it (DisablePostLogonProvisioning).
    const primaryDevice = linked.find((n) => n.scope === 'device');
    const primaryUser = linked.find((n) => n.scope === 'user') ?? (primaryDevice ? withTwins.find((n) => n.scope === 'user' && n.name === primaryDevice.name) : undefined);
    const primaries = new Set([primaryDevice, primaryUser].filter((n): n is CatalogNode => !!n));
    for (const node of withTwins) {
      if (!node.groupPolicy) {
        const gpScope = node.scope === 'user' && fact.gpoScopes.includes('user') ? 'user' : fact.gpoScopes.includes('computer') ? 'computer' : 'user';
        node.groupPolicy = { name: fact.displayName, displayName: fact.displayName, ...(fact.gpoArea ? { area: fact.gpoArea } : {}), scope: gpScope };
      } else if (!node.groupPolicy.displayName) {
        node.groupPolicy.displayName = fact.displayName;
      }
      const stated = fact.documentedDefault;
      if (stated && primaries.has(node) && defaultFits(node, stated.kind)) {
        node.defaults.push(guideDefault(stated.value, fact));
      }
      if (fact.notConfigured && primaries.has(node) && !node.interior) node.notConfigured = notConfiguredFacts(node, fact.notConfigured, fact);
    }
  }
}

/** The guide's not-configured sentence beside the DDF description's, marked when they contradict. */
function notConfiguredFacts(node: CatalogNode, guide: string, fact: PolicySettingFact): NonNullable<CatalogNode['notConfigured']> {
  const ddf = notConfiguredSentence(node.descriptionMarkdown);
  return { guide, guideRef: fact.sourceRef, ...(ddf ? { ddf } : {}), sourcesDisagree: ddf !== undefined && notConfiguredDisagree(guide, ddf) };
}

/** A guide link may point at an interior node whose leaf carries the same name (DynamicLock/DynamicLock). */
function leafFor(node: CatalogNode | undefined, linkText: string, nodes: CatalogNode[]): CatalogNode | undefined {
  if (!node || !node.interior) return node;
  return nodes.find((n) => n.path === `${node.path}/${linkText}` && !n.interior) ?? node;
}

function defaultFits(node: CatalogNode, kind: 'number' | 'enabled' | 'disabled'): boolean {
  if (node.interior) return false;
  return kind === 'number' ? node.format === 'int' : node.format === 'bool';
}

function guideDefault(value: string, fact: PolicySettingFact): SourcedValue {
  return { value, source: 'guide', sourceRef: fact.sourceRef, note: `Policy settings reference (${fact.displayName}): value when the setting is not configured` };
}

function compareNodes(a: CatalogNode, b: CatalogNode): number {
  return compare(a.scope, b.scope) || compare(a.csp, b.csp) || compare(a.path, b.path);
}

/** Ordinal comparison: locale-independent, so the output is the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(file: string): string {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '';
}
