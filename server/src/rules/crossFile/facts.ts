/**
 * What one policy file contributes to the cross-file rules: the settings it sets (MDM values and
 * Group Policy states) filed under the topics the rules judge, with who the file reaches. Built
 * once per file version from its model; the rules never look at a model again, so a workspace of
 * 1,000 files is judged from these small records.
 *
 * Topics: `node:<catalog path>` (the same setting in two files: WHFB300, WHFB304), `enable`
 * (Use Windows Hello for Business: WHFB302), `trust` (the trust flags: WHFB301), `pin` (PIN
 * lengths: WHFB303) and `tenant:<folder>` (the tenant ids of a folder: WHFB305).
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../../catalog/catalogIndex';
import type { CatalogNode } from '../../catalog/types';
import { modelIndex } from '../../model/modelIndex';
import { nodeMatches, NODES, settingsFor } from '../../model/settingLookup';
import type { OffsetRange, PolicyAudience, PolicyModel } from '../../model/types';
import { asBoolean, asInteger, isGuid } from '../../model/values';
import { admxFormOf, appliesAsWritten } from '../../model/allowedValues';
import { canonicalValue } from '../nodeRules';

/** One place a file sets something a cross-file rule compares. */
export interface Source {
  uri: string;
  channel: 'mdm' | 'group-policy';
  node: CatalogNode;
  /** The value as the rules compare it: canonical MDM value, or "enabled"/"disabled" for Group Policy. */
  value: string;
  /** The value read as on/off where it reads so (a Group Policy's state, a bool node). */
  on?: boolean;
  /** The value read as a whole number, where it reads so. */
  number?: number;
  /** Where a finding stands, and where a related location points. */
  range: OffsetRange;
  /** How a message names it: 'UseCloudTrustForOnPremAuth = true', 'Group Policy "Use certificate..." (enabled)'. */
  said: string;
  /** Codes silenced for the entry (`# whfb-ignore`). */
  ignoredCodes: readonly string[];
}

export interface FileFacts {
  uri: string;
  /** The folder the file is in (its uri up to the last "/"). */
  folder: string;
  /** The tenant GUID, lowercased, where the file names one (tenantId, or the one GUID its OMA-URIs spell). */
  tenant?: string;
  /** Where a finding about the tenant stands. */
  tenantRange?: OffsetRange;
  audience?: PolicyAudience;
  /**
   * "model|trust" of a policy file's deployment block: two files that describe different
   * deployments (an examples folder, one file per model) are alternatives, not one deployment.
   */
  deployment?: string;
  /**
   * The Group Policy object a backup file belongs to (its `{GUID}` folder, as Backup-GPO writes
   * it): gpreport.xml and the registry.pol files of one backup are two views of one GPO, never two
   * sources that could contradict each other.
   */
  groupPolicyObject?: string;
  tenantWide: boolean;
  /** The file sets ControlPolicyConflict/MDMWinsOverGP to 1. */
  mdmWinsOverGroupPolicy: boolean;
  /** Codes silenced for the whole file. */
  ignoredCodes: readonly string[];
  topics: Map<string, Source[]>;
  /** One string per topic that changes exactly when what the rules see of the topic changes. */
  signatures: Map<string, string>;
  /** Everything about the file itself the rules read (tenant, audience...): a change touches all its topics. */
  fileSignature: string;
}

export const ENABLE_TOPIC = 'enable';
export const TRUST_TOPIC = 'trust';
export const PIN_TOPIC = 'pin';
export const NODE_TOPIC_PREFIX = 'node:';
export const TENANT_TOPIC_PREFIX = 'tenant:';

function folderOf(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut < 0 ? '' : uri.slice(0, cut);
}

function add(topics: Map<string, Source[]>, topic: string, source: Source): void {
  const list = topics.get(topic);
  if (list) list.push(source);
  else topics.set(topic, [source]);
}

/**
 * One topic string per node, shared by every file that sets it: the cross-file state files and
 * looks up each file's topics in Maps, and a string made per file (or copied across threads) is
 * hashed and compared character by character there, the shared one once.
 */
const topicByNode = new WeakMap<CatalogNode, string>();

function nodeTopic(node: CatalogNode): string {
  let topic = topicByNode.get(node);
  if (topic === undefined) topicByNode.set(node, (topic = `${NODE_TOPIC_PREFIX}${node.path}`));
  return topic;
}

/** extraTopics by node: five case-insensitive name comparisons per source were a visible share of a whfb-lint thread. */
const extraTopicsByNode = new WeakMap<CatalogNode, readonly string[]>();
const NO_EXTRA_TOPICS: readonly string[] = Object.freeze([]);

/** The topics a source is judged under, beside its own node's. */
function extraTopics(node: CatalogNode): readonly string[] {
  let topics = extraTopicsByNode.get(node);
  if (topics === undefined) {
    topics = nodeMatches(node, NODES.usePassportForWork) ? [ENABLE_TOPIC]
      : nodeMatches(node, NODES.useCertificateTrust) || nodeMatches(node, NODES.useCloudTrust) ? [TRUST_TOPIC]
      : nodeMatches(node, NODES.minimumPinLength) || nodeMatches(node, NODES.maximumPinLength) ? [PIN_TOPIC]
      : NO_EXTRA_TOPICS;
    extraTopicsByNode.set(node, topics);
  }
  return topics;
}

function tenantOfModel(model: PolicyModel, catalog: CatalogIndex): { tenant?: string; range?: OffsetRange } {
  const declared = model.tenantId;
  if (declared && typeof declared.value === 'string' && isGuid(declared.value.trim())) {
    return { tenant: declared.value.trim().toLowerCase(), range: declared.range };
  }
  const index = modelIndex(model, catalog);
  let only: string | undefined;
  let range: OffsetRange | undefined;
  for (const setting of model.settings) {
    if (!setting.node) continue;
    const tenant = index.tenantOf(setting);
    if (tenant?.kind !== 'guid') continue;
    const lower = tenant.text.replace(/[{}]/g, '').toLowerCase();
    if (only !== undefined && only !== lower) return {};
    only = lower;
    range ??= setting.omaUri?.range ?? setting.range;
  }
  return only ? { tenant: only, range } : {};
}

/** The `{GUID}` folder of a Group Policy backup the file is in (lower case), if any. */
function groupPolicyObjectOf(uri: string): string | undefined {
  return /\/(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|%7b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}%7d)\//i
    .exec(uri)?.[1]?.toLowerCase().replace(/^%7b/, '{').replace(/%7d$/, '}');
}

/** The Group Policy's nodes of the entry's scope (a computer policy sets the device node). */
function groupPolicyNodes(catalog: CatalogIndex, name: string, scope: string | undefined): CatalogNode[] {
  const nodes = catalog.byGroupPolicy(name).filter((node) => !node.interior);
  const wanted = scope?.trim().toLowerCase() === 'user' ? 'user' : 'device';
  const ofScope = nodes.filter((node) => node.scope === wanted);
  return ofScope.length > 0 ? ofScope : nodes;
}

function signatureOf(sources: readonly Source[]): string {
  return sources.map((source) => `${source.channel}|${source.node.path}|${source.value}|${source.range.start}|${source.range.end}|${source.ignoredCodes.join(',')}`).join('\n');
}

/** The topics' signatures (FileFacts.signatures), built at their first read. */
function signaturesOf(topics: ReadonlyMap<string, readonly Source[]>): Map<string, string> {
  const signatures = new Map<string, string>();
  for (const [topic, list] of topics) signatures.set(topic, signatureOf(list));
  return signatures;
}

export function fileFacts(uri: string, model: PolicyModel, catalog: CatalogIndex): FileFacts {
  const topics = new Map<string, Source[]>();
  const deliveredByGroupPolicy = new Set<string>();
  const admx = admxFormOf(model);
  // By index: whfb-lint runs this interpreted for each file, where a for...of step allocates its result.
  for (let at = 0; at < model.settings.length; at++) {
    const setting = model.settings[at];
    const node = setting.node;
    if (!node || node.interior || !setting.value) continue;
    const value = canonicalValue(setting);
    const on = node.format === 'bool' ? asBoolean(setting.value.value) : undefined;
    const number = node.format === 'int' ? asInteger(setting.value.value) : undefined;
    // A value a Group Policy backup delivers (formats/gpoPolicyBuilder.ts) is Group Policy, not MDM.
    // Marked before the check below: a backup value the device rejects must not let the policy's
    // bare "enabled" state stand in for it.
    if (setting.groupPolicy) deliveredByGroupPolicy.add(node.path);
    // A value the device would reject is reported in its own file (WHFB103, by the same predicate)
    // and never applies, so it contradicts nothing elsewhere; nor does a redacted one (WHFB180).
    if (!appliesAsWritten(node, setting.value.value, admx)) continue;
    const channel = setting.groupPolicy ? 'group-policy' : 'mdm';
    const source: Source = {
      uri, channel, node, value, range: setting.value.range,
      said: `${node.name} = ${value || l10n.t('(empty)')}`,
      ignoredCodes: setting.ignoredCodes,
    };
    // Set after, not spread in: no object per optional field (factsFromPortable builds the same shape).
    if (on !== undefined) source.on = on;
    if (number !== undefined) source.number = number;
    add(topics, nodeTopic(node), source);
    const extra = extraTopics(node);
    for (let each = 0; each < extra.length; each++) add(topics, extra[each], source);
  }
  for (const entry of model.groupPolicy) {
    const state = (entry.state?.value ?? 'enabled').trim().toLowerCase();
    if (state !== 'enabled' && state !== 'disabled') continue;
    const shown = catalog.groupPolicy(entry.policy.value)?.name ?? entry.policy.value.trim();
    for (const node of groupPolicyNodes(catalog, entry.policy.value, entry.scope?.value)) {
      // The backup already gave this node with the value Windows ends up with.
      if (deliveredByGroupPolicy.has(node.path)) continue;
      const source: Source = {
        uri, channel: 'group-policy', node, value: state, on: state === 'enabled', range: entry.policy.range,
        said: state === 'enabled' ? l10n.t('Group Policy "{0}" (enabled)', shown) : l10n.t('Group Policy "{0}" (disabled)', shown), ignoredCodes: entry.ignoredCodes,
      };
      add(topics, nodeTopic(node), source);
      for (const topic of extraTopics(node)) add(topics, topic, source);
    }
  }
  const { tenant, range: tenantRange } = tenantOfModel(model, catalog);
  const folder = folderOf(uri);
  if (tenant) topics.set(`${TENANT_TOPIC_PREFIX}${folder}`, []);
  const mdmWinsOverGroupPolicy = settingsFor(model, NODES.mdmWinsOverGroupPolicy, catalog)
    .some((setting) => setting.value !== undefined && asInteger(setting.value.value) === 1);
  const audience = model.audience;
  const tenantWide = model.policyScope === 'tenant-wide';
  const ignoredCodes = model.ignoredCodes ?? [];
  const deployedModel = model.deployment?.model?.value.trim().toLowerCase();
  const deployment = deployedModel ? `${deployedModel}|${model.deployment?.trust?.value.trim().toLowerCase() ?? ''}` : undefined;
  const groupPolicyObject = model.settings.some((setting) => setting.groupPolicy) || model.groupPolicy.length > 0 ? groupPolicyObjectOf(uri) : undefined;
  const level: FileLevelFacts = {
    uri, folder, audience, tenantWide, mdmWinsOverGroupPolicy, ignoredCodes,
    ...(tenant ? { tenant } : {}),
    ...(tenantRange ? { tenantRange } : {}),
    ...(deployment ? { deployment } : {}),
    ...(groupPolicyObject ? { groupPolicyObject } : {}),
  };
  return new FactsOfFile(level, topics);
}

/**
 * The facts of a file from what it says about itself and its topics. The signatures are read only
 * when a file's next version is compared with this one: a first version (every file of a whfb-lint
 * run, a workspace file as it is indexed) never is, so they are built at their first read. A class,
 * so the lazy getters sit once on its prototype: an object literal with getters defined them
 * anew for every file (a runtime call each where the code runs interpreted).
 */
class FactsOfFile implements FileFacts {
  declare uri: string;
  declare folder: string;
  declare tenant?: string;
  declare tenantRange?: OffsetRange;
  declare audience?: PolicyAudience;
  declare deployment?: string;
  declare groupPolicyObject?: string;
  declare tenantWide: boolean;
  declare mdmWinsOverGroupPolicy: boolean;
  declare ignoredCodes: readonly string[];
  readonly topics: Map<string, Source[]>;
  private builtSignatures: Map<string, string> | undefined;
  private builtFileSignature: string | undefined;

  constructor(level: FileLevelFacts, topics: Map<string, Source[]>) {
    for (let at = 0; at < FILE_LEVEL_KEYS.length; at++) {
      const key = FILE_LEVEL_KEYS[at];
      if (key in level) (this as Record<string, unknown>)[key] = level[key];
    }
    this.topics = topics;
    this.builtSignatures = undefined;
    this.builtFileSignature = undefined;
  }

  get signatures(): Map<string, string> {
    return (this.builtSignatures ??= signaturesOf(this.topics));
  }

  get fileSignature(): string {
    return (this.builtFileSignature ??= JSON.stringify([
      this.tenant, this.tenantRange, this.audience, this.tenantWide, this.mdmWinsOverGroupPolicy, this.ignoredCodes, this.deployment, this.groupPolicyObject,
    ]));
  }
}

/**
 * A file's facts as plain data, with the line/character of every offset they hold: whfb-lint's
 * workers check each file once and hand these back, and the main thread judges the set across
 * files from them (cli/crossFileLint.ts) without reading or parsing any file again.
 *
 * Column by column rather than an object per source: a structured clone writes every object's
 * keys, and a thousand files of twenty settings made the copy between threads, and the objects it
 * built, a large part of a run. Each source is sent once, however many topics name it.
 */
export interface PortableFileFacts extends Omit<FileFacts, 'topics' | 'signatures' | 'fileSignature'> {
  /** Per source, SOURCE_STRINGS apart: value, how a message names it. */
  sourceStrings: string[];
  /**
   * Per source, SOURCE_NUMBERS apart: flags (SOURCE_*), the node's index in the catalog's nodes,
   * range start, range end, number. An index, not the path: both threads load the one catalog of
   * the one bundle, and a path that crossed threads was a string to hash and compare per source.
   */
  sourceNumbers: Float64Array;
  /** Pairs source index, codes joined by "\n", for the sources with codes silenced. */
  ignoredCodesBySource: (number | string)[];
  /**
   * Topic by topic: its name (a node's topic as the node's index in the catalog's nodes, so no
   * path crosses threads), then in topicSources how many sources it holds, then their indices.
   */
  topicNames: (string | number)[];
  topicSources: number[];
  /** Flat triples offset, line, character for every offset a finding or related location can name. */
  positions: number[];
}

const SOURCE_STRINGS = 2;
const SOURCE_NUMBERS = 5;
const SOURCE_GROUP_POLICY = 1;
const SOURCE_HAS_ON = 2;
const SOURCE_ON = 4;
const SOURCE_HAS_NUMBER = 8;
const NO_CODES: readonly string[] = Object.freeze([]);

/** What a file's facts say about the file itself: FileFacts without the topics and their signatures. */
type FileLevelFacts = Omit<FileFacts, 'topics' | 'signatures' | 'fileSignature'>;

/** Every key of FileLevelFacts, so a field added to FileFacts cannot be left out of the portable form unnoticed. */
const FILE_LEVEL_KEYS = [
  'uri', 'folder', 'tenant', 'tenantRange', 'audience', 'deployment', 'groupPolicyObject', 'tenantWide', 'mdmWinsOverGroupPolicy',
  'ignoredCodes',
] as const satisfies readonly (keyof FileLevelFacts)[];
const everyFileLevelKey: Exclude<keyof FileLevelFacts, (typeof FILE_LEVEL_KEYS)[number]> extends never ? true : never = true;
void everyFileLevelKey;

/** The file-level fields, copied one by one: a rest spread would read (and so build) the lazy signatures. */
function fileLevelOf(facts: FileLevelFacts): FileLevelFacts {
  const out: Record<string, unknown> = {};
  for (let at = 0; at < FILE_LEVEL_KEYS.length; at++) {
    const key = FILE_LEVEL_KEYS[at];
    if (key in facts) out[key] = facts[key];
  }
  return out as unknown as FileLevelFacts;
}

/**
 * Flat triples offset, line, character (0-based) for every offset a finding or related location
 * can name: the file's start, its sources' ranges and the tenant's range. An offset may come twice
 * (a source under two topics, two sources of one range): a lookup finds the same place either way.
 * Index loops and forEach, no for...of nor Set: this runs for every file of a short whfb-lint run,
 * interpreted (TurboFan is off there), where each for...of step allocates its iterator result.
 */
export function positionsOf(facts: FileFacts, positionAt: (offset: number) => { line: number; character: number }): number[] {
  // Sized once (grown by push, the list left its outgrown copies behind for every file); a huge
  // one grows as it is filled, since V8 keeps a very long preallocated array as a dictionary.
  let offsets = facts.tenantRange ? 3 : 1;
  facts.topics.forEach((sources) => (offsets += 2 * sources.length));
  const positions: number[] = offsets <= 10_000 ? new Array<number>(3 * offsets) : [];
  let filled = 0;
  const put = (offset: number): void => {
    const position = positionAt(offset);
    positions[filled++] = offset;
    positions[filled++] = position.line;
    positions[filled++] = position.character;
  };
  put(0);
  facts.topics.forEach((sources) => {
    for (let at = 0; at < sources.length; at++) {
      const range = sources[at].range;
      put(range.start);
      put(range.end);
    }
  });
  if (facts.tenantRange) {
    put(facts.tenantRange.start);
    put(facts.tenantRange.end);
  }
  return positions;
}

/**
 * A file's facts as they are, with the positions of their offsets, for the thread that built them:
 * whfb-lint's main thread keeps its own files' facts so, and only a worker's cross threads in the
 * portable form.
 */
export interface LocalFileFacts {
  facts: FileFacts;
  positions: number[];
}

/** Each node's index in the catalog's nodes, by catalog. */
const nodeIndices = new WeakMap<CatalogIndex, Map<CatalogNode, number>>();

function nodeIndexOf(catalog: CatalogIndex, node: CatalogNode): number {
  let indices = nodeIndices.get(catalog);
  if (!indices) {
    indices = new Map(catalog.nodes.map((each, index) => [each, index]));
    nodeIndices.set(catalog, indices);
  }
  return indices.get(node) ?? -1;
}

/** The portable form of a file's facts (as localCrossFileFacts gives them), for another thread. */
export function portableFacts({ facts, positions }: LocalFileFacts, catalog: CatalogIndex): PortableFileFacts {
  const indexOf = new Map<Source, number>();
  const sourceStrings: string[] = [];
  const numbers: number[] = [];
  const ignoredCodesBySource: (number | string)[] = [];
  const topicNames: (string | number)[] = [];
  const topicSources: number[] = [];
  for (const [topic, sources] of facts.topics) {
    topicNames.push(sources.length > 0 && topic === nodeTopic(sources[0].node) ? nodeIndexOf(catalog, sources[0].node) : topic);
    topicSources.push(sources.length);
    for (const source of sources) {
      let index = indexOf.get(source);
      if (index === undefined) {
        index = indexOf.size;
        indexOf.set(source, index);
        sourceStrings.push(source.value, source.said);
        const flags = (source.channel === 'group-policy' ? SOURCE_GROUP_POLICY : 0)
          | (source.on !== undefined ? SOURCE_HAS_ON | (source.on ? SOURCE_ON : 0) : 0)
          | (source.number !== undefined ? SOURCE_HAS_NUMBER : 0);
        numbers.push(flags, nodeIndexOf(catalog, source.node), source.range.start, source.range.end, source.number ?? 0);
        if (source.ignoredCodes.length > 0) ignoredCodesBySource.push(index, source.ignoredCodes.join('\n'));
      }
      topicSources.push(index);
    }
  }
  return { ...fileLevelOf(facts), sourceStrings, sourceNumbers: new Float64Array(numbers), ignoredCodesBySource, topicNames, topicSources, positions };
}

/** The facts again, their nodes the catalog's own (the rules compare nodes by identity); undefined when a node is unknown here. */
export function factsFromPortable(portable: PortableFileFacts, catalog: CatalogIndex): FileFacts | undefined {
  const { sourceStrings: strings, sourceNumbers: numbers, ignoredCodesBySource } = portable;
  const ignored = new Map<number, readonly string[]>();
  for (let at = 0; at + 1 < ignoredCodesBySource.length; at += 2) {
    ignored.set(ignoredCodesBySource[at] as number, (ignoredCodesBySource[at + 1] as string).split('\n'));
  }
  // One uri string for the file: the rules compare and look up uris in their hottest loops, and
  // a string that crossed threads is a copy per source, compared character by character.
  const uri = portable.uri;
  const sources: Source[] = [];
  for (let index = 0; index * SOURCE_NUMBERS < numbers.length; index++) {
    const node = catalog.nodes[numbers[index * SOURCE_NUMBERS + 1]!];
    if (!node) return undefined;
    const flags = numbers[index * SOURCE_NUMBERS]!;
    // Built in fileFacts' shape, so the rules' property reads stay monomorphic.
    const source: Source = {
      uri, channel: flags & SOURCE_GROUP_POLICY ? 'group-policy' : 'mdm', node, value: strings[index * SOURCE_STRINGS]!,
      range: { start: numbers[index * SOURCE_NUMBERS + 2]!, end: numbers[index * SOURCE_NUMBERS + 3]! },
      said: strings[index * SOURCE_STRINGS + 1]!, ignoredCodes: ignored.get(index) ?? NO_CODES,
    };
    if (flags & SOURCE_HAS_ON) source.on = (flags & SOURCE_ON) !== 0;
    if (flags & SOURCE_HAS_NUMBER) source.number = numbers[index * SOURCE_NUMBERS + 4]!;
    sources.push(source);
  }
  const topics = new Map<string, Source[]>();
  const { topicNames, topicSources } = portable;
  for (let topic = 0, at = 0; topic < topicNames.length; topic++) {
    const count = topicSources[at++]!;
    const list: Source[] = new Array<Source>(count);
    for (let k = 0; k < count; k++) list[k] = sources[topicSources[at++]!]!;
    const name = topicNames[topic]!;
    if (typeof name === 'string') {
      topics.set(name, list);
      continue;
    }
    const node = catalog.nodes[name];
    if (!node) return undefined;
    topics.set(nodeTopic(node), list);
  }
  // The constructor copies the file-level fields only: the portable lists stay behind.
  return new FactsOfFile(portable, topics);
}
