/**
 * The cross-file rules (WHFB300-WHFB305): what Intune and Windows do when the policies of a
 * deployment, kept as many files, are applied together. Each judges one topic (facts.ts) over
 * every file that has it, so an edit re-judges only the topics it touched.
 *
 * Which value applies when two sources set the same thing:
 * - Group Policy against MDM: Group Policy wins for PassportForWork settings ("the conflicting CSP
 *   settings aren't applied until the group policy settings are cleared"; "MDMWinsOverGP only
 *   applies to policies in the Policy CSP"); for Policy CSP settings MDM wins where a policy reaching
 *   the device sets ControlPolicyConflict/MDMWinsOverGP to 1.
 * - The tenant-wide policy against a device configuration policy: the tenant-wide policy "is only
 *   applied at enrollment time", the other "is applied after device enrollment", so the latter wins.
 * - A user-scope setting against the device one: "the user policy takes precedence".
 * - Two MDM policies with different values: Intune reports a conflict and neither value is the one
 *   both policies say. Two Group Policy objects: their link order decides, which the files do not hold.
 *
 * A finding stands on the value that wins (or, for a conflict, on each side), names the other file
 * in its message and points at the other value (Finding.related with its uri).
 */
import * as l10n from '@vscode/l10n';
import type { CatalogIndex } from '../../catalog/catalogIndex';
import { finding } from '../../model/findings';
import { nodeMatches, NODES } from '../../model/settingLookup';
import type { Finding, RelatedLocation } from '../../model/types';
import { affected, overlapOf, type Overlap } from './audience';
import { ENABLE_TOPIC, NODE_TOPIC_PREFIX, PIN_TOPIC, TENANT_TOPIC_PREFIX, TRUST_TOPIC, type FileFacts, type Source } from './facts';

export interface CrossFileFinding { readonly uri: string; readonly finding: Finding }

export interface TopicContext {
  catalog: CatalogIndex;
  files: ReadonlyMap<string, FileFacts>;
  /** How a message names a file (a path relative to the workspace or the working directory). */
  nameOf: (uri: string) => string;
  isCancelled?: () => boolean;
  /** Memo of one evaluation (evaluateTopic sets it): which files set MDMWinsOverGP, and for whom it holds. */
  memo?: { mdmWinsFiles?: FileFacts[]; mdmWins: Map<string, boolean> };
}

/** How many other places one message names; the rest are counted ("and 12 more files"). */
export const MAX_NAMED = 3;
/** How many other places one finding points at (relatedInformation); a long list helps nobody. */
export const MAX_RELATED = 10;

interface Pair { other: Source; overlap: Overlap }

/**
 * The partners of one source: how many there are and the first MAX_RELATED of them, best first.
 * Counting instead of listing keeps a topic that 1,000 files set with two values linear: each
 * source would otherwise hold (and sort) a list of 500 partners.
 */
interface Partners { count: number; shown: Pair[] }

/**
 * Sources of one topic that a rule cannot tell apart: same files' reach (tenant, deployment,
 * Group Policy object, assignments) and the same `key` (what the rule reads of a partner: its value, channel...).
 * Partners are found cohort by cohort, so pairing is linear in the files that share a topic.
 */
interface Cohort {
  facts: FileFacts;
  /** One of its sources: what a rule reads of a partner is the same for all of them. */
  first: Source;
  /** Sorted by file and position, so the first ones are the ones a message names. */
  sources: Source[];
  /** How many of its sources each file holds (a file is never its own partner). */
  perUri: Map<string, number>;
}

/** What `overlapOf` reads of a file: files with equal reach overlap everything alike. */
function reachOf(facts: FileFacts): string {
  const audience = facts.audience;
  return JSON.stringify([facts.tenant, facts.deployment, facts.tenantWide, facts.groupPolicyObject ?? null, audience
    ? [audience.allDevices, audience.allUsers, audience.groups, audience.excludedGroups, audience.filtered] : null]);
}

function bySource(a: Source, b: Source): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start - b.range.start;
}

/** The cohorts of `sources`, keyed by the reach of their file and by what `keyOf` says. */
function cohortsOf(context: TopicContext, sources: readonly Source[], keyOf: (source: Source) => string): Cohort[] {
  const byReach = new Map<number, Map<string, Cohort>>();
  const cohorts: Cohort[] = [];
  for (const source of sources) {
    const facts = context.files.get(source.uri);
    if (!facts) continue;
    const reach = reachId(facts);
    let byKey = byReach.get(reach);
    if (!byKey) byReach.set(reach, (byKey = new Map<string, Cohort>()));
    const key = keyOf(source);
    let cohort = byKey.get(key);
    if (!cohort) {
      byKey.set(key, (cohort = { facts, first: source, sources: [], perUri: new Map() }));
      cohorts.push(cohort);
    }
    cohort.sources.push(source);
    cohort.perUri.set(source.uri, (cohort.perUri.get(source.uri) ?? 0) + 1);
  }
  for (const cohort of cohorts) cohort.sources.sort(bySource);
  return cohorts;
}

/** A file version's reach as a small number (FileFacts are rebuilt for each version): equal reaches, equal ids. */
const reachIds = new WeakMap<FileFacts, number>();
const idOfReach = new Map<string, number>();
const MAX_REACHES = 10_000;

function reachId(facts: FileFacts): number {
  let id = reachIds.get(facts);
  if (id === undefined) {
    const reach = reachOf(facts);
    id = idOfReach.get(reach);
    if (id === undefined) {
      // Ids only grow, so a cleared table never hands an old id to another reach.
      if (idOfReach.size >= MAX_REACHES) idOfReach.clear();
      idOfReach.set(reach, (id = nextReachId++));
    }
    reachIds.set(facts, id);
  }
  return id;
}
let nextReachId = 0;

/** Overlaps between reaches: a tenant has few distinct ones. Bounded, since reaches come and go with edits. */
const overlaps = new Map<number, Map<number, Overlap>>();
let cachedOverlaps = 0;
const MAX_CACHED_OVERLAPS = 10_000;

function overlapBetween(a: FileFacts, b: FileFacts): Overlap {
  const left = reachId(a);
  const right = reachId(b);
  let row = overlaps.get(left);
  if (!row) overlaps.set(left, (row = new Map<number, Overlap>()));
  let overlap = row.get(right);
  if (!overlap) {
    if (cachedOverlaps >= MAX_CACHED_OVERLAPS) {
      overlaps.clear();
      overlaps.set(left, row);
      row.clear();
      cachedOverlaps = 0;
    }
    row.set(right, (overlap = overlapOf(a, b)));
    cachedOverlaps++;
  }
  return overlap;
}

/** Known overlaps first, then by file and position, so a message is stable. */
function before(a: Pair, b: Pair): boolean {
  const known = Number(b.overlap.kind === 'yes') - Number(a.overlap.kind === 'yes');
  if (known !== 0) return known < 0;
  if (a.other.uri !== b.other.uri) return a.other.uri < b.other.uri;
  return a.other.range.start < b.other.range.start;
}

/** Keeps `shown` the best MAX_RELATED pairs: one insertion, not a sort. */
function offer(shown: Pair[], pair: Pair): void {
  if (shown.length === MAX_RELATED && !before(pair, shown[MAX_RELATED - 1]!)) return;
  let at = shown.length;
  while (at > 0 && before(pair, shown[at - 1]!)) at--;
  shown.splice(at, 0, pair);
  if (shown.length > MAX_RELATED) shown.pop();
}

/**
 * Sources of other files that reach the same devices as `source`, among the cohorts `matches`
 * picks (it reads the cohort's first source: a cohort's sources are alike for the rule).
 */
function partners(context: TopicContext, source: Source, cohorts: readonly Cohort[], matches: (other: Source) => boolean): Partners {
  const own = context.files.get(source.uri);
  const result: Partners = { count: 0, shown: [] };
  if (!own) return result;
  for (const cohort of sameTenantCohorts(own, cohorts)) {
    if (!matches(cohort.first)) continue;
    const overlap = overlapBetween(own, cohort.facts);
    if (overlap.kind === 'no') continue;
    result.count += cohort.sources.length - (cohort.perUri.get(source.uri) ?? 0);
    let offered = 0;
    for (const other of cohort.sources) {
      if (offered === MAX_RELATED) break;
      if (other.uri === source.uri) continue;
      offer(result.shown, { other, overlap });
      offered++;
    }
  }
  return result;
}

/**
 * The cohorts whose files can reach `own`'s devices as far as tenants go (overlapOf: two tenants
 * never share a device): its tenant's and those of files naming none, in their order. A folder of
 * exports from many tenants would otherwise pair every source with every other tenant's cohorts,
 * a million pairs per topic at 1,000 files, each found not to overlap.
 */
function sameTenantCohorts(own: FileFacts, cohorts: readonly Cohort[]): readonly Cohort[] {
  if (own.tenant === undefined || cohorts.length < 16) return cohorts;
  let index = tenantIndexes.get(cohorts);
  if (!index) {
    index = new Map<string | undefined, number[]>();
    cohorts.forEach((cohort, at) => {
      const tenant = cohort.facts.tenant;
      const list = index!.get(tenant);
      if (list) list.push(at);
      else index!.set(tenant, [at]);
    });
    tenantIndexes.set(cohorts, index);
  }
  const same = index.get(own.tenant) ?? [];
  const none = index.get(undefined) ?? [];
  if (same.length + none.length === cohorts.length) return cohorts;
  const picked: Cohort[] = [];
  // Both lists are ascending: merged, the cohorts keep the order everyPartner reports them in.
  for (let i = 0, j = 0; i < same.length || j < none.length;) {
    const at = j >= none.length || (i < same.length && same[i] < none[j]) ? same[i++] : none[j++];
    picked.push(cohorts[at]);
  }
  return picked;
}

const tenantIndexes = new WeakMap<readonly Cohort[], Map<string | undefined, number[]>>();

/** Every partner (for rules that report on each partner, whose output is that long anyway). */
function everyPartner(context: TopicContext, source: Source, cohorts: readonly Cohort[], matches: (other: Source) => boolean): Pair[] {
  const own = context.files.get(source.uri);
  const pairs: Pair[] = [];
  if (!own) return pairs;
  for (const cohort of sameTenantCohorts(own, cohorts)) {
    if (!matches(cohort.first)) continue;
    const overlap = overlapBetween(own, cohort.facts);
    if (overlap.kind === 'no') continue;
    for (const other of cohort.sources) if (other.uri !== source.uri) pairs.push({ other, overlap });
  }
  return pairs;
}

function whereIn(context: TopicContext, found: Partners, describe: (other: Source) => string): string {
  const named = found.shown.slice(0, MAX_NAMED).map((pair) => l10n.t('{0} in {1}', describe(pair.other), context.nameOf(pair.other.uri)));
  const more = found.count - named.length;
  return more === 0 ? named.join(l10n.t(', ')) : more === 1 ? l10n.t('{0} and 1 more file', named.join(l10n.t(', '))) : l10n.t('{0} and {1} more files', named.join(l10n.t(', ')), more);
}

function relatedOf(context: TopicContext, found: Partners, message: (other: Source) => string): RelatedLocation[] {
  return found.shown.map((pair) => ({ uri: pair.other.uri, range: pair.other.range, message: l10n.t('{0} ({1})', message(pair.other), context.nameOf(pair.other.uri)) }));
}

function isTenantWide(context: TopicContext, source: Source): boolean {
  return context.files.get(source.uri)?.tenantWide === true;
}

/** A policy reaching the MDM source's devices sets MDMWinsOverGP to 1. */
function mdmWinsFor(context: TopicContext, mdm: Source): boolean {
  const known = context.memo?.mdmWins.get(mdm.uri);
  if (known !== undefined) return known;
  const own = context.files.get(mdm.uri);
  if (!own) return false;
  let wins = own.mdmWinsOverGroupPolicy;
  if (!wins) {
    // The files that set it are few: list them once per evaluation, not once per source.
    const setters = context.memo
      ? (context.memo.mdmWinsFiles ??= [...context.files.values()].filter((facts) => facts.mdmWinsOverGroupPolicy))
      : [...context.files.values()].filter((facts) => facts.mdmWinsOverGroupPolicy);
    wins = setters.some((facts) => overlapBetween(facts, own).kind !== 'no');
  }
  context.memo?.mdmWins.set(mdm.uri, wins);
  return wins;
}

/** The source whose value applies, or undefined when neither does as written (a conflict). */
export function winnerOf(context: TopicContext, a: Source, b: Source): Source | undefined {
  if (a.channel !== b.channel) {
    const [gp, mdm] = a.channel === 'group-policy' ? [a, b] : [b, a];
    return mdm.node.csp === 'Policy' && mdmWinsFor(context, mdm) ? mdm : gp;
  }
  if (a.node.scope !== b.node.scope) return a.node.scope === 'user' ? a : b;
  if (a.channel === 'mdm') {
    const aWide = isTenantWide(context, a);
    const bWide = isTenantWide(context, b);
    if (aWide !== bWide) return aWide ? b : a;
  }
  return undefined;
}

/** What winnerOf reads of a source beside its file's reach: sources alike in it win alike. */
function precedenceKey(context: TopicContext, source: Source): string {
  return `${source.channel}|${source.node.csp}|${source.node.scope}|${source.channel === 'mdm' && mdmWinsFor(context, source)}`;
}

/**
 * A finding whose message and related locations are written when first read: an edit in a topic
 * 1,000 files share re-judges 1,000 findings, and only those of the files someone looks at need
 * their words.
 */
class PendingFinding implements CrossFileFinding {
  private built: Finding | undefined;
  constructor(
    readonly uri: string,
    private readonly code: string,
    private readonly source: Source,
    private message: (() => string) | undefined,
    private related: (() => RelatedLocation[]) | undefined,
  ) {}

  get finding(): Finding {
    if (!this.built) {
      this.built = finding(this.code, this.source.range, this.message!(), { related: this.related!(), paths: [this.source.node.path] });
      this.message = undefined;
      this.related = undefined;
    }
    return this.built;
  }
}

/** The finding, unless `# whfb-ignore` silences its code on the entry or the file. */
function make(code: string, source: Source, message: () => string, related: () => RelatedLocation[], context?: TopicContext): CrossFileFinding[] {
  if (source.ignoredCodes.includes(code) || context?.files.get(source.uri)?.ignoredCodes.includes(code)) return [];
  return [new PendingFinding(source.uri, code, source, message, related)];
}

/** The overlap words of the first partner (the others are named by file). */
function reach(found: Partners): string {
  return affected(found.shown[0]!.overlap);
}

// --- WHFB300: the same MDM setting with different values in two policies ----------------------------

function conflictingValues(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const mdm = sources.filter((source) => source.channel === 'mdm');
  if (mdm.length < 2 || new Set(mdm.map((source) => source.value)).size < 2) return [];
  // UsePassportForWork has its own rule (WHFB302), which also weighs Group Policy and the tenant-wide policy.
  if (nodeMatches(mdm[0]!.node, NODES.usePassportForWork)) return [];
  const cohorts = cohortsOf(context, mdm, (source) => `${source.node.path}|${source.value}`);
  const out: CrossFileFinding[] = [];
  for (const source of mdm) {
    if (context.isCancelled?.()) return out;
    if (isTenantWide(context, source)) continue;
    const found = partners(context, source, cohorts, (other) => other.value !== source.value && !isTenantWide(context, other) && other.node === source.node);
    if (found.count === 0) continue;
    out.push(...make('WHFB300', source, () => l10n.t('{0} is {1} here and {2}. When policies assigned to the same device set a setting to different values, Intune reports a conflict for it and does not apply either value, {3}. Set {0} in one policy only, or give both the same value.', source.node.name, source.value || l10n.t('(empty)'), whereIn(context, found, (other) => other.value || l10n.t('(empty)')), reach(found)),
      () => relatedOf(context, found, (other) => l10n.t('{0} is {1} here', other.node.name, other.value || l10n.t('(empty)'))), context));
  }
  return out;
}

// --- WHFB304: Group Policy in one file, MDM in another, for the same setting ------------------------

function groupPolicyAgainstMdm(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const gp = sources.filter((source) => source.channel === 'group-policy');
  const mdm = sources.filter((source) => source.channel === 'mdm');
  if (gp.length === 0 || mdm.length === 0) return [];
  const enablement = nodeMatches(mdm[0]!.node, NODES.usePassportForWork);
  const cohorts = cohortsOf(context, mdm, (source) => `${source.on}|${precedenceKey(context, source)}`);
  const out: CrossFileFinding[] = [];
  for (const policy of gp) {
    if (context.isCancelled?.()) return out;
    // Different values of Use Windows Hello for Business are WHFB302's.
    const gpWins = partners(context, policy, cohorts, (other) => !(enablement && other.on !== policy.on) && winnerOf(context, policy, other) !== other);
    if (gpWins.count > 0) {
      const policyCsp = policy.node.csp === 'Policy';
      out.push(...make('WHFB304', policy, () => policyCsp
        ? l10n.t('{0} here and the MDM setting {1} configure the same setting: Group Policy wins, since no policy reaching those devices sets ControlPolicyConflict/MDMWinsOverGP to 1, so the MDM value is not applied {2}. Configure it in one of the two.', policy.said, whereIn(context, gpWins, (other) => other.said), reach(gpWins))
        : l10n.t('{0} here and the MDM setting {1} configure the same setting: for Windows Hello for Business (PassportForWork) settings Group Policy wins, and "the conflicting CSP settings aren\'t applied until the group policy settings are cleared" {2}. Configure it in one of the two.', policy.said, whereIn(context, gpWins, (other) => other.said), reach(gpWins)),
      () => relatedOf(context, gpWins, (other) => l10n.t('{0}: not applied while the Group Policy is set', other.said)), context));
    }
    // One finding on each MDM value that wins: as long as the list of them, whatever the grouping.
    for (const pair of everyPartner(context, policy, cohorts, (other) => !(enablement && other.on !== policy.on) && winnerOf(context, policy, other) === other)) {
      const one: Partners = { count: 1, shown: [{ other: policy, overlap: pair.overlap }] };
      out.push(...make('WHFB304', pair.other, () => l10n.t('{0} here and {1} in {2} configure the same Policy CSP setting: ControlPolicyConflict/MDMWinsOverGP is 1, so the MDM value is used and the Group Policy is blocked {3}. The guides advise against mixing the two: configure it in one of them.', pair.other.said, policy.said, context.nameOf(policy.uri), affected(pair.overlap)),
        () => relatedOf(context, one, (other) => l10n.t('{0}: blocked by MDMWinsOverGP', other.said)), context));
    }
  }
  return out;
}

// --- WHFB301: certificate trust in one file, cloud Kerberos trust in another ------------------------

function trustContradiction(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const certificate = sources.filter((source) => nodeMatches(source.node, NODES.useCertificateTrust) && source.on === true);
  const cloud = sources.filter((source) => nodeMatches(source.node, NODES.useCloudTrust) && source.on === true);
  if (certificate.length === 0 || cloud.length === 0) return [];
  const cohorts = cohortsOf(context, cloud, () => '');
  const out: CrossFileFinding[] = [];
  for (const source of certificate) {
    if (context.isCancelled?.()) return out;
    const found = partners(context, source, cohorts, () => true);
    if (found.count === 0) continue;
    const tenantWide = isTenantWide(context, source) || partners(context, source, cohorts, (other) => isTenantWide(context, other)).count > 0;
    out.push(...make('WHFB301', source, () => tenantWide
      ? l10n.t('{0} here, and {1}: certificate trust takes precedence over cloud Kerberos trust, so Windows Hello for Business enrolls a sign-in certificate and uses certificate trust {2}; the cloud Kerberos trust setting has no effect. The tenant-wide policy applies at enrollment and stays on the device until a policy changes it. Turn off the trust flag of the model you do not deploy.', source.said, whereIn(context, found, (other) => other.said), reach(found))
      : l10n.t('{0} here, and {1}: certificate trust takes precedence over cloud Kerberos trust, so Windows Hello for Business enrolls a sign-in certificate and uses certificate trust {2}; the cloud Kerberos trust setting has no effect. Turn off the trust flag of the model you do not deploy.', source.said, whereIn(context, found, (other) => other.said), reach(found)),
      () => relatedOf(context, found, (other) => l10n.t('{0}: overridden by certificate trust', other.said)), context));
  }
  return out;
}

// --- WHFB302: Windows Hello for Business enabled in one source, disabled in another -----------------

function enablementContradiction(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const withState = sources.filter((source) => source.on !== undefined);
  const on = withState.filter((source) => source.on === true);
  const off = withState.filter((source) => source.on === false);
  if (on.length === 0 || off.length === 0) return [];
  const cohortsOn = cohortsOf(context, on, (source) => precedenceKey(context, source));
  const cohortsOff = cohortsOf(context, off, (source) => precedenceKey(context, source));
  const out: CrossFileFinding[] = [];
  for (const source of withState) {
    if (context.isCancelled?.()) return out;
    const opposite = source.on ? cohortsOff : cohortsOn;
    // A finding stands on the side that wins; on both where neither wins (a conflict).
    const standing = partners(context, source, opposite, (other) => winnerOf(context, source, other) !== other);
    if (standing.count === 0) continue;
    const wins = partners(context, source, opposite, (other) => winnerOf(context, source, other) === undefined).count === 0;
    const result = source.on ? l10n.t('devices provision Windows Hello for Business') : l10n.t("the device doesn't provision Windows Hello for Business for any user");
    out.push(...make('WHFB302', source, () => (source.on
      ? l10n.t('Windows Hello for Business is enabled here ({0}) and disabled by {1}: {2} {3}. Decide in one place whether devices use Windows Hello for Business.', source.said, whereIn(context, standing, (other) => other.said), wins
        ? l10n.t('this one wins ({0}), so {1}', explainWin(context, source, standing.shown[0]!.other), result)
        : l10n.t('Intune reports a conflict between the two policies and does not apply either value, so whether devices provision Windows Hello for Business depends on what they had before'), reach(standing))
      : l10n.t('Windows Hello for Business is disabled here ({0}) and enabled by {1}: {2} {3}. Decide in one place whether devices use Windows Hello for Business.', source.said, whereIn(context, standing, (other) => other.said), wins
        ? l10n.t('this one wins ({0}), so {1}', explainWin(context, source, standing.shown[0]!.other), result)
        : l10n.t('Intune reports a conflict between the two policies and does not apply either value, so whether devices provision Windows Hello for Business depends on what they had before'), reach(standing))),
      () => relatedOf(context, standing, (other) => (other.on ? l10n.t('Windows Hello for Business enabled here') : l10n.t('Windows Hello for Business disabled here'))), context));
  }
  return out;
}

function explainWin(context: TopicContext, winner: Source, loser: Source): string {
  if (winner.channel !== loser.channel) {
    return winner.channel === 'group-policy' ? l10n.t('Group Policy wins over the PassportForWork CSP') : l10n.t('MDMWinsOverGP is 1');
  }
  if (winner.node.scope !== loser.node.scope) return l10n.t('the user policy takes precedence over the device policy');
  if (isTenantWide(context, loser)) return l10n.t('the tenant-wide policy applies only at enrollment; this policy applies after it');
  return l10n.t('it applies last');
}

// --- WHFB303: PIN minimum in one file above the maximum in another ----------------------------------

function pinLengths(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const minimum = sources.filter((source) => source.channel === 'mdm' && source.number !== undefined && nodeMatches(source.node, NODES.minimumPinLength));
  const maximum = sources.filter((source) => source.channel === 'mdm' && source.number !== undefined && nodeMatches(source.node, NODES.maximumPinLength));
  if (minimum.length === 0 || maximum.length === 0) return [];
  const cohorts = cohortsOf(context, maximum, (source) => `${source.node.scope}|${source.number}`);
  const out: CrossFileFinding[] = [];
  for (const source of minimum) {
    if (context.isCancelled?.()) return out;
    const found = partners(context, source, cohorts, (other) => other.node.scope === source.node.scope && other.number! <= source.number!);
    if (found.count === 0) continue;
    out.push(...make('WHFB303', source, () => l10n.t('MinimumPINLength is {0} here, not less than MaximumPINLength {1}: where both apply, "default values will be used for both the maximum and minimum PIN lengths" {2}. Make the minimum less than every maximum that reaches the same devices.', source.number!, whereIn(context, found, (other) => String(other.number)), reach(found)),
      () => relatedOf(context, found, (other) => l10n.t('MaximumPINLength is {0} here', other.number!)), context));
  }
  return out;
}

// --- WHFB305: policy files of two tenants in one folder ---------------------------------------------

function tenantsOfFolder(context: TopicContext, folder: string): CrossFileFinding[] {
  const files = [...context.files.values()].filter((facts) => facts.folder === folder && facts.tenant)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const first = files[0];
  if (!first || files.every((facts) => facts.tenant === first.tenant)) return [];
  return files.filter((facts) => facts.tenant !== first.tenant).map((facts) => ({
    uri: facts.uri,
    finding: finding('WHFB305', facts.tenantRange ?? { start: 0, end: 0 },
      l10n.t('This file is for tenant {0}, and {1} in the same folder is for tenant {2}: a device is registered in one tenant, so only the policies of its own tenant apply to it, and the cross-file rules judge the two sets apart. If the folder is one deployment, one of the tenant ids is wrong; otherwise keep each tenant\'s policies in a folder of its own.', facts.tenant!, context.nameOf(first.uri), first.tenant!),
      { related: [{ uri: first.uri, range: first.tenantRange ?? { start: 0, end: 0 }, message: l10n.t('Tenant {0} ({1})', first.tenant!, context.nameOf(first.uri)) }] }),
  }));
}

/**
 * Whether the files that hold a topic may give it a finding. Every rule but WHFB305 pairs sources
 * of two files that can reach one device, and two tenants never share one (overlapOf; a file naming
 * none may meet any other): in a topic whose files each name a tenant of their own (a folder of
 * exports from many tenants) nothing can pair, and gathering and grouping its sources would be
 * all its cost. `uris` are distinct.
 */
export function topicMayPair(topic: string, uris: Iterable<string>, context: TopicContext): boolean {
  if (topic.startsWith(TENANT_TOPIC_PREFIX)) return true;
  const tenants = new Set<string>();
  let files = 0;
  let tenantless = false;
  for (const uri of uris) {
    const facts = context.files.get(uri);
    if (!facts) continue;
    files++;
    if (facts.tenant === undefined) tenantless = true;
    else if (tenants.has(facts.tenant)) return true;
    else tenants.add(facts.tenant);
    if (tenantless && files >= 2) return true;
  }
  return false;
}

/** The findings of one topic over every file that has it. */
export function evaluateTopic(topic: string, sources: readonly Source[], shared: TopicContext): CrossFileFinding[] {
  const context: TopicContext = { ...shared, memo: { mdmWins: new Map() } };
  if (topic.startsWith(TENANT_TOPIC_PREFIX)) return tenantsOfFolder(context, topic.slice(TENANT_TOPIC_PREFIX.length));
  if (topic.startsWith(NODE_TOPIC_PREFIX)) return [...conflictingValues(context, sources), ...groupPolicyAgainstMdm(context, sources)];
  if (topic === TRUST_TOPIC) return trustContradiction(context, sources);
  if (topic === ENABLE_TOPIC) return enablementContradiction(context, sources);
  if (topic === PIN_TOPIC) return pinLengths(context, sources);
  return [];
}

/** The codes the cross-file rules report. */
export const CROSS_FILE_CODES: readonly string[] = ['WHFB300', 'WHFB301', 'WHFB302', 'WHFB303', 'WHFB304', 'WHFB305'];
