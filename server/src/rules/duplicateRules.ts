/**
 * WHFB150: the same setting (node, scope, tenant and instance) twice with different values: which one wins
 * depends on delivery order, so the result is unpredictable.
 *
 * A `{TenantId}` placeholder (or Graph's `{tenantid}` in a Settings Catalog id) stands for the file's
 * tenant: `tenantId` where the file has one, otherwise the one tenant GUID its OMA-URIs spell, so a
 * placeholder and that GUID name the same setting on the device.
 */
import * as l10n from '@vscode/l10n';
import { modelIndex, type ModelIndex } from '../model/modelIndex';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { changedWindow } from './changedWindow';
import type { TenantSegment } from '../catalog/catalogIndex';
import type { CatalogNode } from '../catalog/types';
import { finding } from '../model/findings';
import type { Finding, PolicyModel, PolicySetting } from '../model/types';
import { isGuid } from '../model/values';
import { canonicalValue } from './nodeRules';
import type { Rule } from './rule';

/** Tenant segments come from resolveOmaUri's memo, shared by every setting that spells the OMA-URI alike. */
const lowerByTenant = new WeakMap<TenantSegment, string>();

function lowerTenant(tenant: TenantSegment): string {
  let lower = lowerByTenant.get(tenant);
  if (lower === undefined) {
    lower = tenant.text.toLowerCase();
    lowerByTenant.set(tenant, lower);
  }
  return lower;
}

/** The tenant a placeholder stands for, lowercased, or '' when the file does not say. */
function fileTenant(model: PolicyModel, tenantOf: (setting: PolicySetting) => TenantSegment | undefined): string {
  const declared = model.tenantId?.value;
  if (typeof declared === 'string' && isGuid(declared)) return declared.toLowerCase();
  let only = '';
  for (const setting of model.settings) {
    if (!setting.node || !setting.value) continue;
    const tenant = tenantOf(setting);
    if (tenant?.kind !== 'guid') continue;
    const lower = lowerTenant(tenant);
    if (only && only !== lower) return '';
    only = lower;
  }
  return only;
}

interface DuplicateMade { setting: PolicySetting; first: PolicySetting; value: string; firstValue: string; item: Finding }

/** The settings with a value that name one setting on the device (node, tenant, instance), in document order. */
interface Bucket { members: PolicySetting[] }

/**
 * The last run's buckets and findings (one slot: the document being edited), so an edit re-judges
 * only the buckets of the settings it replaced (issue 16): a duplicates-heavy file of 10,000
 * settings otherwise rebuilt every bucket on every keystroke.
 */
interface DuplicateIndex {
  kind: 'index';
  catalog: CatalogIndex;
  settings: readonly PolicySetting[];
  placeholderTenant: string;
  /** Whether the settings were in document order and apart, so findings can be merged by offset. */
  inOrder: boolean;
  byNode: Map<CatalogNode, Map<string, Bucket>>;
  unresolved: Map<string, Bucket>;
  bucketOf: Map<PolicySetting, Bucket>;
  /** The findings, in the order of their settings. */
  made: DuplicateMade[];
}

/**
 * A run judged without an index: the findings and what the index needs, built when an edit of the
 * same document first asks for it. An open (or a document validated once, as by whfb-lint) only
 * needs its findings, and most settings share their node with no other: the model's settings by
 * node say which few to bucket. Building the whole index there cost ~10-20 ms of the cold open of
 * a 10,000-setting policy (bench/README.md, issue 16, session 26).
 */
interface JudgedRun {
  kind: 'judged';
  catalog: CatalogIndex;
  model: PolicyModel;
  settings: readonly PolicySetting[];
  placeholderTenant: string;
  inOrder: boolean;
  made: DuplicateMade[];
}

let last: DuplicateIndex | JudgedRun | undefined;

/**
 * A run without an index of at least this many settings builds its index once the thread is free,
 * so the first keystroke does not pay for it either (~15-20 ms of main thread at 10,000 settings).
 * Smaller ones build it at their first edit, where it costs little, and whfb-lint's files never
 * schedule anything.
 */
const INDEX_WHEN_IDLE = 1_000;

/**
 * After the answer has gone out: the server writes it from a `setImmediate` queued after the
 * validation, and a timer due at once would run before that (timers come first in Node's loop).
 * An edit that comes sooner builds the index itself.
 */
const IDLE_AFTER_MS = 50;

function indexWhenIdle(run: JudgedRun): void {
  const timer = setTimeout(() => {
    if (last !== run) return;
    try {
      last = indexOfRun(run);
    } catch {
      // Left as it was: the next edit builds the index itself, and reports a failure as any rule's.
    }
  }, IDLE_AFTER_MS);
  // Node's timer must not keep a process alive for this; a web worker's timer is a number.
  (timer as { unref?: () => void }).unref?.();
}

/** The index of a run judged without one; its findings are the run's, reused. */
function indexOfRun(run: JudgedRun): DuplicateIndex {
  return fullIndex(run.model, run.catalog, modelIndex(run.model, run.catalog), run.placeholderTenant, run.made);
}

/** An edit that replaces more settings than this rebuilds the index: it walks them all anyway. */
const MAX_REPLACED = 512;

function bucketFor(index: DuplicateIndex, setting: PolicySetting, models: ModelIndex): Bucket | undefined {
  if (!setting.value) return undefined;
  let buckets: Map<string, Bucket>;
  let key: string;
  if (setting.node) {
    const tenant = models.tenantOf(setting);
    key = tenant?.kind === 'guid' ? lowerTenant(tenant) : index.placeholderTenant;
    // Two instances of a dynamic node (PFXCertInstall/pilot and /lab) are two settings.
    const instance = models.instanceOf(setting);
    if (instance) key = `${key}|${instance}`;
    let forNode = index.byNode.get(setting.node);
    if (!forNode) {
      forNode = new Map();
      index.byNode.set(setting.node, forNode);
    }
    buckets = forNode;
  } else {
    const written = setting.omaUri?.value ?? setting.settingDefinitionId?.value;
    if (!written) return undefined;
    key = written.trim().toLowerCase();
    buckets = index.unresolved;
  }
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = { members: [] };
    buckets.set(key, bucket);
  }
  return bucket;
}

/** The findings of one bucket: every member whose value differs from the first's, reusing what `known` made for the same pair. */
function judgeBucket(bucket: Bucket, known: (setting: PolicySetting) => DuplicateMade | undefined, out: DuplicateMade[]): void {
  const members = bucket.members;
  if (members.length < 2) return;
  const first = members[0];
  const firstValue = canonicalValue(first);
  const firstWritten = first.value?.value;
  for (let at = 1; at < members.length; at++) {
    const setting = members[at];
    // The canonical value depends on the value read and the node's format, and a bucket's members
    // share their node: the same value read is the same canonical value, without building its text.
    if (setting.value?.value === firstWritten) continue;
    judgeMember(first, firstValue, setting, known, out);
  }
}

/** A member that does not read as its bucket's first: a finding when their canonical values differ. */
function judgeMember(first: PolicySetting, firstValue: string, setting: PolicySetting, known: (setting: PolicySetting) => DuplicateMade | undefined, out: DuplicateMade[]): void {
  const value = canonicalValue(setting);
  if (value === firstValue) return;
  // The same pair of setting objects with the same values makes the same finding: reused, so an
  // edit elsewhere in a file with thousands of duplicates rebuilds none of them.
  const before = known(setting);
  if (before && before.first === first && before.value === value && before.firstValue === firstValue) {
    out.push(before);
    return;
  }
  const label = setting.node?.name ?? setting.omaUri?.value ?? l10n.t('This setting');
  const item = finding('WHFB150', setting.value!.range,
    l10n.t('{0} is set twice, to {1} and to {2}: which one a device keeps depends on delivery order, and Intune reports the setting as conflicting when both come from assigned policies. Keep one value and remove the other entry.', label, firstValue || l10n.t('(empty)'), value || l10n.t('(empty)')),
    { related: [{ range: first.value?.range ?? first.range, message: l10n.t('First set to {0} here', firstValue || l10n.t('(empty)')) }] });
  out.push({ setting, first, value, firstValue, item });
}

function inOrderAndApart(settings: readonly PolicySetting[], from: number, to: number): boolean {
  for (let index = Math.max(1, from); index < to && index < settings.length; index++) {
    if (settings[index].range.start <= settings[index - 1].range.end) return false;
  }
  return true;
}

/** Every bucket built anew; findings reused from `before` (the last run's) for the same pairs. */
function fullIndex(model: PolicyModel, catalog: CatalogIndex, models: ModelIndex, placeholderTenant: string, before: readonly DuplicateMade[]): DuplicateIndex {
  const settings = model.settings;
  const index: DuplicateIndex = {
    kind: 'index', catalog, settings, placeholderTenant, inOrder: inOrderAndApart(settings, 1, settings.length),
    byNode: new Map(), unresolved: new Map(), bucketOf: new Map(), made: [],
  };
  const previous = madeBySetting(before);
  const touched: Bucket[] = [];
  for (let at = 0; at < settings.length; at++) {
    const setting = settings[at];
    const bucket = bucketFor(index, setting, models);
    if (!bucket) continue;
    if (bucket.members.length === 0) touched.push(bucket);
    bucket.members.push(setting);
    index.bucketOf.set(setting, bucket);
  }
  // Findings in the order of their settings, as the rule has always listed them.
  const found: DuplicateMade[] = [];
  for (const bucket of touched) judgeBucket(bucket, (setting) => previous.get(setting), found);
  index.made = found.length < 2 ? found : sortByPosition(found, settings);
  return index;
}

function madeBySetting(made: readonly DuplicateMade[]): Map<PolicySetting, DuplicateMade> {
  const bySetting = new Map<PolicySetting, DuplicateMade>();
  for (let at = 0; at < made.length; at++) bySetting.set(made[at].setting, made[at]);
  return bySetting;
}

/**
 * The findings `fullIndex` would make, without its index: only the settings that share their node
 * (the model's settings by node, already built) or their unresolved OMA-URI with another are
 * bucketed, by the same keys as `bucketFor`, each bucket in document order.
 */
function judgedRun(model: PolicyModel, catalog: CatalogIndex, models: ModelIndex, placeholderTenant: string, before: readonly DuplicateMade[]): JudgedRun {
  const settings = model.settings;
  const run: JudgedRun = { kind: 'judged', catalog, model, settings, placeholderTenant, inOrder: inOrderAndApart(settings, 1, settings.length), made: [] };
  const previous = before.length > 0 ? madeBySetting(before) : undefined;
  const known = (setting: PolicySetting) => previous?.get(setting);
  const found: DuplicateMade[] = [];
  // One scratch index for every node's buckets, emptied after each. A bucket keeps only its first
  // member: each later one is judged against it as it comes, in document order, as judgeBucket would.
  const scratch: DuplicateIndex = { kind: 'index', catalog, settings, placeholderTenant, inOrder: run.inOrder, byNode: new Map(), unresolved: new Map(), bucketOf: new Map(), made: [] };
  const firstValues = new Map<Bucket, string>();
  const judgeAsItComes = (bucket: Bucket, setting: PolicySetting) => {
    if (bucket.members.length === 0) {
      bucket.members.push(setting);
      return;
    }
    const first = bucket.members[0];
    if (setting.value!.value === first.value!.value) return;
    let firstValue = firstValues.get(bucket);
    if (firstValue === undefined) {
      firstValue = canonicalValue(first);
      firstValues.set(bucket, firstValue);
    }
    judgeMember(first, firstValue, setting, known, found);
  };
  // A node's settings that spell the same OMA-URI have the same tenant and instance, so the same
  // bucket: its key is built once per spelling (a file repeats a few spellings thousands of times).
  const bucketOfUri = new Map<string, Bucket>();
  // forEach rather than for...of: cold code on an open, where each iterator step allocates.
  models.byNode.forEach((members) => {
    if (members.length < 2) return;
    for (let at = 0; at < members.length; at++) {
      const setting = members[at];
      if (!setting.value) continue;
      const uri = setting.omaUri?.value;
      let bucket = uri === undefined ? undefined : bucketOfUri.get(uri);
      if (bucket === undefined) {
        bucket = bucketFor(scratch, setting, models)!;
        if (uri !== undefined) bucketOfUri.set(uri, bucket);
      }
      judgeAsItComes(bucket, setting);
    }
    scratch.byNode.clear();
    bucketOfUri.clear();
  });
  for (let at = 0; at < settings.length; at++) {
    const setting = settings[at];
    if (setting.node || !setting.value) continue;
    const bucket = bucketFor(scratch, setting, models);
    if (bucket) judgeAsItComes(bucket, setting);
  }
  run.made = found.length < 2 ? found : sortByPosition(found, settings);
  return run;
}

/** Findings sorted by their setting's position in `settings`. */
function sortByPosition(found: DuplicateMade[], settings: readonly PolicySetting[]): DuplicateMade[] {
  const bySetting = madeBySetting(found);
  const sorted: DuplicateMade[] = [];
  for (let at = 0; at < settings.length; at++) {
    const made = bySetting.get(settings[at]);
    if (made) sorted.push(made);
  }
  return sorted;
}

/**
 * The index after an edit that replaced settings [head, end) of the last run: only the buckets of
 * the replaced and the new settings are judged again. Undefined when the edit does not allow it
 * (another document, a different tenant for placeholders, many settings replaced, settings out of order).
 */
function updatedIndex(model: PolicyModel, catalog: CatalogIndex, models: ModelIndex, placeholderTenant: string): DuplicateIndex | undefined {
  const previous = last;
  if (!previous || previous.catalog !== catalog || !previous.inOrder || previous.placeholderTenant !== placeholderTenant) return undefined;
  const before = previous.settings;
  const settings = model.settings;
  const { head, tail } = changedWindow(before, settings);
  const oldEnd = before.length - tail;
  const newEnd = settings.length - tail;
  if (oldEnd - head + newEnd - head > MAX_REPLACED) return undefined;
  if (!inOrderAndApart(settings, head, newEnd + 1)) return undefined;
  // The first edit after a run without an index builds it for the version before the edit (its
  // findings are that run's, reused), then updates it like any other.
  const index = previous.kind === 'index' ? previous : indexOfRun(previous);
  const affected = new Set<Bucket>();
  const replaced = new Set<PolicySetting>();
  for (let at = head; at < oldEnd; at++) {
    const setting = before[at];
    replaced.add(setting);
    const bucket = index.bucketOf.get(setting);
    if (!bucket) continue;
    bucket.members.splice(bucket.members.indexOf(setting), 1);
    index.bucketOf.delete(setting);
    affected.add(bucket);
  }
  for (let at = head; at < newEnd; at++) {
    const setting = settings[at];
    const bucket = bucketFor(index, setting, models);
    if (!bucket) continue;
    insertInOrder(bucket.members, setting);
    index.bucketOf.set(setting, bucket);
    affected.add(bucket);
  }
  index.settings = settings;
  if (affected.size === 0) return index;
  const kept: DuplicateMade[] = [];
  const known = new Map<PolicySetting, DuplicateMade>();
  for (const made of index.made) {
    if (replaced.has(made.setting) || affected.has(index.bucketOf.get(made.setting)!)) known.set(made.setting, made);
    else kept.push(made);
  }
  const found: DuplicateMade[] = [];
  for (const bucket of affected) judgeBucket(bucket, (setting) => known.get(setting), found);
  index.made = mergeByOffset(kept, found);
  return index;
}

/** Inserts a setting into members in document order (members are in order and apart). */
function insertInOrder(members: PolicySetting[], setting: PolicySetting): void {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (members[mid].range.start < setting.range.start) low = mid + 1;
    else high = mid;
  }
  members.splice(low, 0, setting);
}

/** Two lists of findings in document order, as one. */
function mergeByOffset(kept: DuplicateMade[], found: DuplicateMade[]): DuplicateMade[] {
  if (found.length === 0) return kept;
  found.sort((a, b) => a.setting.range.start - b.setting.range.start);
  const merged: DuplicateMade[] = [];
  let at = 0;
  for (const made of kept) {
    while (at < found.length && found[at].setting.range.start < made.setting.range.start) merged.push(found[at++]);
    merged.push(made);
  }
  while (at < found.length) merged.push(found[at++]);
  return merged;
}

const duplicateSetting: Rule = {
  code: 'WHFB150',
  check(model, catalog) {
    const models = modelIndex(model, catalog);
    const placeholderTenant = fileTenant(model, (setting) => models.tenantOf(setting));
    let index: DuplicateIndex | JudgedRun;
    try {
      index = updatedIndex(model, catalog, models, placeholderTenant) ?? judgedRun(model, catalog, models, placeholderTenant, last?.made ?? []);
    } catch (error) {
      // A half-updated index must not be read by the next run.
      last = undefined;
      throw error;
    }
    last = index;
    if (index.kind === 'judged' && index.settings.length >= INDEX_WHEN_IDLE) indexWhenIdle(index);
    return index.made.map((made) => made.item);
  },
};

export const duplicateRules: readonly Rule[] = [duplicateSetting];
