/**
 * getCatalog(): the generated CSP catalog (bundled by esbuild from data/generated/catalog.json) with
 * its lookups. Indexes are built once, on first use. nodeTexts(): a node's texts, from
 * data/generated/catalog-texts.json, read at the first call.
 */
import catalogJson from '../../../data/generated/catalog.json';
import type { CatalogIndex, ResolvedOmaUri, SegmentCompletion, TenantSegment } from './catalogIndex';
import { splitOmaUri, tenantKindOf } from './omaUriSegments';
import { buildSegmentTree, childFor, hasChildren, type SegmentTreeNode } from './segmentTree';
import { buildSuggestPool, rankSuggestions, type SuggestPool } from './suggest';
import type { Catalog, CatalogNode, CatalogNodeTexts, CatalogTexts, DocumentedCatalogNode, GroupPolicyInfo, Scope } from './types';

let shared: CatalogIndex | undefined;

export function getCatalog(): CatalogIndex {
  shared ??= createCatalogIndex(catalogJson as unknown as Catalog);
  return shared;
}

let generatedTexts: Map<string, CatalogNodeTexts> | undefined;

/**
 * What a node says to a reader: description, Group Policy mapping, links. The generated catalog's
 * texts are a file of their own (dist/catalog-texts.js in the server, scripts/build.mjs), required
 * at the first call: hover, completion, links and quick fixes need them, a server's first
 * diagnostics do not. A node written with its texts (a test's) carries them itself.
 */
export function nodeTexts(node: CatalogNode): CatalogNodeTexts {
  if ((node as Partial<DocumentedCatalogNode>).descriptionMarkdown !== undefined) return node as DocumentedCatalogNode;
  generatedTexts ??= loadGeneratedTexts();
  const texts = generatedTexts.get(node.path);
  if (!texts) throw new Error(`the catalog has no texts for ${node.path}`);
  return texts;
}

/** Do the WHfB guides cite the node? Answered without the texts, which the first export check does not need otherwise. */
export function citedByGuides(node: CatalogNode): boolean {
  const ownRefs = (node as Partial<DocumentedCatalogNode>).guideRefs;
  return ownRefs !== undefined ? ownRefs.length > 0 : node.guided === true;
}

function loadGeneratedTexts(): Map<string, CatalogNodeTexts> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const { texts } = require('../../../data/generated/catalog-texts.json') as CatalogTexts;
  const nodes = (catalogJson as unknown as Catalog).nodes;
  if (texts.length !== nodes.length) throw new Error(`catalog-texts.json has ${texts.length} entries for ${nodes.length} catalog nodes: run npm run generate`);
  return new Map(nodes.map((node, at) => [node.path, texts[at]]));
}

/** The segment whose dynamic value is the Entra tenant id. */
const TENANT_SEGMENT = '{tenantid}';

export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const nodes: readonly CatalogNode[] = catalog.nodes;
  let indexes: Indexes | undefined;
  const get = (): Indexes => (indexes ??= buildIndexes(nodes, catalog.groupPolicies ?? []));

  return {
    nodes,
    byPath: (path) => get().byPath.get(path),
    resolve: (omaUri) => resolve(get().tree, omaUri),
    bySettingsCatalogId: (id) => get().bySettingsCatalogId.get(id.trim().toLowerCase()),
    byGroupPolicy: (name) => get().byGroupPolicy.get(name.trim().toLowerCase()) ?? [],
    groupPolicy: (name) => get().groupPolicyInfo.get(name.trim().toLowerCase()),
    groupPolicyNames: () => get().groupPolicyNames,
    nextSegments: (prefix) => nextSegments(get().tree, prefix),
    suggest: (omaUri, limit = 5) => suggest(get(), omaUri, limit),
  };
}

interface Indexes {
  byPath: Map<string, CatalogNode>;
  bySettingsCatalogId: Map<string, CatalogNode>;
  byGroupPolicy: Map<string, CatalogNode[]>;
  groupPolicyInfo: Map<string, GroupPolicyInfo>;
  groupPolicyNames: string[];
  tree: SegmentTreeNode;
  /**
   * Built at the first suggestion for the scope, not with the other indexes: only an unknown
   * OMA-URI asks for one, and most policies have none (and those that do are nearly all ./Device),
   * so the first diagnostics of a server do without them.
   */
  suggestPool: (scope: SuggestScope) => SuggestPool;
}

type SuggestScope = Scope | 'all';

function buildSuggestPoolOf(nodes: readonly CatalogNode[], scope: SuggestScope): SuggestPool {
  return buildSuggestPool(nodes.filter((node) => !node.interior && (scope === 'all' || node.scope === scope)));
}

function buildIndexes(nodes: readonly CatalogNode[], groupPolicies: readonly GroupPolicyInfo[]): Indexes {
  const byGroupPolicy = new Map<string, CatalogNode[]>();
  const groupPolicyInfo = new Map<string, GroupPolicyInfo>();
  const addGroupPolicy = (name: string | undefined, node: CatalogNode): void => {
    if (!name) return;
    const key = name.toLowerCase();
    const list = byGroupPolicy.get(key) ?? [];
    if (!list.includes(node)) list.push(node);
    byGroupPolicy.set(key, list);
  };
  const names = new Set<string>();
  const nodeByPath = new Map(nodes.map((node) => [node.path, node]));
  // The editor's names first, then the other names; a name two policies share ("Use forest search
  // order", client and KDC) keeps the first policy's info and lists both policies' nodes.
  for (const keyOf of [(info: GroupPolicyInfo) => [info.name], (info: GroupPolicyInfo) => info.aliases]) {
    for (const info of groupPolicies) {
      for (const name of keyOf(info)) {
        const key = name.toLowerCase();
        if (!groupPolicyInfo.has(key)) groupPolicyInfo.set(key, info);
        for (const path of info.nodes) {
          const node = nodeByPath.get(path);
          if (node) addGroupPolicy(name, node);
        }
      }
    }
  }
  for (const info of groupPolicies) names.add(info.name);
  // A catalog without Group Policy infos (built for a test): the nodes' own mappings.
  for (const node of groupPolicies.length > 0 ? [] : nodes) {
    const mapping = nodeTexts(node).groupPolicy;
    addGroupPolicy(mapping?.displayName, node);
    addGroupPolicy(mapping?.name, node);
    const shown = mapping?.displayName ?? mapping?.name;
    if (shown) names.add(shown);
  }
  const suggestPools = new Map<SuggestScope, SuggestPool>();
  return {
    byPath: new Map(nodes.map((node) => [node.path, node])),
    bySettingsCatalogId: new Map(nodes.map((node) => [node.settingsCatalogId.toLowerCase(), node])),
    byGroupPolicy,
    groupPolicyInfo,
    groupPolicyNames: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    tree: buildSegmentTree(nodes),
    suggestPool: (scope) => {
      let pool = suggestPools.get(scope);
      if (!pool) suggestPools.set(scope, (pool = buildSuggestPoolOf(nodes, scope)));
      return pool;
    },
  };
}

function scopeChild(tree: SegmentTreeNode, scope: Scope): SegmentTreeNode | undefined {
  return tree.literal.get(scope);
}

function resolve(tree: SegmentTreeNode, omaUri: string): ResolvedOmaUri {
  const split = splitOmaUri(omaUri);
  const result: ResolvedOmaUri = { legacyRoot: split.legacyRoot, caseDiffers: false };
  if (!split.scope) return result;
  result.scope = split.scope;
  let current = scopeChild(tree, split.scope);
  if (!current) return result;
  let caseDiffers = split.scopeSegment !== undefined && split.scopeSegment.text !== current.segment;
  let tenant: TenantSegment | undefined;
  let instance: string | undefined;
  for (const segment of split.segments) {
    const { child, viaDynamic } = childFor(current, segment.text);
    if (!child) {
      current = undefined;
      break;
    }
    if (viaDynamic && child.segment.toLowerCase() === TENANT_SEGMENT) {
      tenant = { text: segment.text, start: segment.start, end: segment.end, kind: tenantKindOf(segment.text) };
      if (tenant.kind === 'placeholder' && segment.text !== child.segment) caseDiffers = true;
    } else if (viaDynamic) {
      // As written: the device's tree may tell names apart by case, and a false duplicate is worse than a missed one.
      instance = instance === undefined ? segment.text : `${instance}/${segment.text}`;
    } else if (segment.text !== child.segment) {
      caseDiffers = true;
    }
    current = child;
  }
  if (tenant) result.tenant = tenant;
  if (instance !== undefined) result.instance = instance;
  result.caseDiffers = caseDiffers;
  if (current?.node) result.node = current.node;
  return result;
}

/**
 * Completion after a partial OMA-URI: what may follow the last '/'. Text after it (a segment being
 * typed) is ignored; the editor filters by it.
 */
function nextSegments(tree: SegmentTreeNode, prefix: string): SegmentCompletion[] {
  const typed = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  if (typed === '' ) return [];
  const trimmed = typed.replace(/^\s+/, '');
  if (trimmed === './' || trimmed === '/') return rootCompletions(tree);
  const split = splitOmaUri(typed);
  if (!split.scope) return [];
  let current = scopeChild(tree, split.scope);
  for (const segment of split.segments) {
    if (!current) return [];
    current = childFor(current, segment.text).child;
  }
  return current ? completionsOf(current) : [];
}

/** "./" is followed by the scopes and by the legacy root "Vendor" (device scope). */
function rootCompletions(tree: SegmentTreeNode): SegmentCompletion[] {
  const out = completionsOf(tree);
  const device = scopeChild(tree, 'device');
  const legacy = device ? [...device.literal.values()].find((child) => child.segment === 'Vendor') : undefined;
  if (legacy) out.push({ segment: legacy.segment, interior: true, dynamic: false });
  return out;
}

function completionsOf(parent: SegmentTreeNode): SegmentCompletion[] {
  const out: SegmentCompletion[] = [];
  const children = [...parent.literal.values()].sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
  if (parent.dynamic) children.unshift(parent.dynamic);
  for (const child of children) {
    const completion: SegmentCompletion = {
      segment: child.segment,
      interior: child.node ? child.node.interior : hasChildren(child),
      dynamic: child === parent.dynamic,
    };
    if (child.node) completion.node = child.node;
    out.push(completion);
  }
  return out;
}

function suggest(indexes: Indexes, omaUri: string, limit: number): CatalogNode[] {
  const split = splitOmaUri(omaUri);
  const input = split.segments.map((segment) => segment.text.toLowerCase());
  if (input.length === 0 || limit <= 0) return [];
  return rankSuggestions(input, indexes.suggestPool(split.scope ?? 'all'), limit);
}

export interface ChoiceValue {
  settingDefinitionId: string;
  /** What follows the id: "true", "1", "0". */
  option: string;
  node: CatalogNode;
}

/**
 * Settings Catalog choice values are `<settingDefinitionId>_<option>`
 * (`..._usepassportforwork_true`). Splits one when its prefix is a known id; undefined otherwise,
 * and for a bare setting id.
 */
export function splitChoiceValue(id: string, index: CatalogIndex = getCatalog()): ChoiceValue | undefined {
  const lower = id.trim().toLowerCase();
  for (let at = lower.lastIndexOf('_'); at > 0; at = lower.lastIndexOf('_', at - 1)) {
    const node = index.bySettingsCatalogId(lower.slice(0, at));
    if (node) return { settingDefinitionId: node.settingsCatalogId, option: id.trim().slice(at + 1), node };
  }
  return undefined;
}
