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
import type { CatalogIndex } from '../../catalog/catalogIndex';
import { finding } from '../../model/findings';
import { nodeMatches, NODES } from '../../model/settingLookup';
import type { Finding, RelatedLocation } from '../../model/types';
import { affected, overlapOf, type Overlap } from './audience';
import { ENABLE_TOPIC, NODE_TOPIC_PREFIX, PIN_TOPIC, TENANT_TOPIC_PREFIX, TRUST_TOPIC, type FileFacts, type Source } from './facts';

export interface CrossFileFinding { uri: string; finding: Finding }

export interface TopicContext {
  catalog: CatalogIndex;
  files: ReadonlyMap<string, FileFacts>;
  /** How a message names a file (a path relative to the workspace or the working directory). */
  nameOf: (uri: string) => string;
  isCancelled?: () => boolean;
}

/** How many other files one finding lists; the rest are counted. */
const MAX_RELATED = 3;

interface Pair { other: Source; overlap: Overlap }

function overlapBetween(context: TopicContext, a: Source, b: Source): Overlap {
  const left = context.files.get(a.uri);
  const right = context.files.get(b.uri);
  return left && right ? overlapOf(left, right) : { kind: 'unknown' };
}

/** Sources of other files that reach the same devices as `source` and `matches` picks (unordered). */
function partners(context: TopicContext, source: Source, candidates: readonly Source[], matches: (other: Source) => boolean): Pair[] {
  const pairs: Pair[] = [];
  for (const other of candidates) {
    if (other.uri === source.uri || !matches(other)) continue;
    const overlap = overlapBetween(context, source, other);
    if (overlap.kind !== 'no') pairs.push({ other, overlap });
  }
  return pairs;
}

/** Known overlaps first, then by file and position, so a message is stable. */
function before(a: Pair, b: Pair): boolean {
  const known = Number(b.overlap.kind === 'yes') - Number(a.overlap.kind === 'yes');
  if (known !== 0) return known < 0;
  if (a.other.uri !== b.other.uri) return a.other.uri < b.other.uri;
  return a.other.range.start < b.other.range.start;
}

/**
 * The pairs a message shows, best first: one pass keeping MAX_RELATED, not a sort, since 1,000
 * files setting one value against 1,000 with another make a million pairs per edit otherwise.
 */
function shownPairs(pairs: readonly Pair[]): Pair[] {
  const shown: Pair[] = [];
  for (const pair of pairs) {
    if (shown.length === MAX_RELATED && !before(pair, shown[MAX_RELATED - 1]!)) continue;
    let at = shown.length;
    while (at > 0 && before(pair, shown[at - 1]!)) at--;
    shown.splice(at, 0, pair);
    if (shown.length > MAX_RELATED) shown.pop();
  }
  return shown;
}

function whereIn(context: TopicContext, pairs: readonly Pair[], describe: (other: Source) => string): string {
  const shown = shownPairs(pairs).map((pair) => `${describe(pair.other)} in ${context.nameOf(pair.other.uri)}`);
  const more = pairs.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more file${more === 1 ? '' : 's'}` : ''}`;
}

function relatedOf(context: TopicContext, pairs: readonly Pair[], message: (other: Source) => string): RelatedLocation[] {
  return shownPairs(pairs).map((pair) => ({ uri: pair.other.uri, range: pair.other.range, message: `${message(pair.other)} (${context.nameOf(pair.other.uri)})` }));
}

function isTenantWide(context: TopicContext, source: Source): boolean {
  return context.files.get(source.uri)?.tenantWide === true;
}

/** A policy reaching the MDM source's devices sets MDMWinsOverGP to 1. */
function mdmWinsFor(context: TopicContext, mdm: Source): boolean {
  const own = context.files.get(mdm.uri);
  if (!own) return false;
  if (own.mdmWinsOverGroupPolicy) return true;
  for (const facts of context.files.values()) {
    if (facts.mdmWinsOverGroupPolicy && overlapOf(facts, own).kind !== 'no') return true;
  }
  return false;
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

/** The finding, unless `# whfb-ignore` silences its code on the entry or the file. */
function make(code: string, source: Source, message: string, related: RelatedLocation[], context?: TopicContext): CrossFileFinding[] {
  if (source.ignoredCodes.includes(code) || context?.files.get(source.uri)?.ignoredCodes.includes(code)) return [];
  return [{ uri: source.uri, finding: finding(code, source.range, message, { related, paths: [source.node.path] }) }];
}

/** The overlap words of the first partner (the others are named by file). */
function reach(pairs: readonly Pair[]): string {
  return affected(shownPairs(pairs)[0]!.overlap);
}

// --- WHFB300: the same MDM setting with different values in two policies ----------------------------

function conflictingValues(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const mdm = sources.filter((source) => source.channel === 'mdm');
  if (mdm.length < 2 || new Set(mdm.map((source) => source.value)).size < 2) return [];
  // UsePassportForWork has its own rule (WHFB302), which also weighs Group Policy and the tenant-wide policy.
  if (nodeMatches(mdm[0]!.node, NODES.usePassportForWork)) return [];
  const out: CrossFileFinding[] = [];
  for (const source of mdm) {
    if (context.isCancelled?.()) return out;
    if (isTenantWide(context, source)) continue;
    const pairs = partners(context, source, mdm, (other) => other.value !== source.value && !isTenantWide(context, other) && other.node === source.node);
    if (pairs.length === 0) continue;
    out.push(...make('WHFB300', source, `${source.node.name} is ${source.value || '(empty)'} here and ${whereIn(context, pairs, (other) => other.value || '(empty)')}. When policies assigned to the same device set a setting to different values, Intune reports a conflict for it and does not apply either value, ${reach(pairs)}. Set ${source.node.name} in one policy only, or give both the same value.`,
      relatedOf(context, pairs, (other) => `${other.node.name} is ${other.value || '(empty)'} here`), context));
  }
  return out;
}

// --- WHFB304: Group Policy in one file, MDM in another, for the same setting ------------------------

function groupPolicyAgainstMdm(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const gp = sources.filter((source) => source.channel === 'group-policy');
  const mdm = sources.filter((source) => source.channel === 'mdm');
  if (gp.length === 0 || mdm.length === 0) return [];
  const enablement = nodeMatches(mdm[0]!.node, NODES.usePassportForWork);
  const out: CrossFileFinding[] = [];
  for (const policy of gp) {
    if (context.isCancelled?.()) return out;
    // Different values of Use Windows Hello for Business are WHFB302's.
    const pairs = partners(context, policy, mdm, (other) => !(enablement && other.on !== policy.on));
    if (pairs.length === 0) continue;
    const mdmWins = pairs.filter((pair) => winnerOf(context, policy, pair.other) === pair.other);
    const gpWins = pairs.filter((pair) => !mdmWins.includes(pair));
    if (gpWins.length > 0) {
      const policyCsp = policy.node.csp === 'Policy';
      out.push(...make('WHFB304', policy, `${policy.said} here and the MDM setting ${whereIn(context, gpWins, (other) => other.said)} configure the same setting: ${policyCsp
        ? 'Group Policy wins, since no policy reaching those devices sets ControlPolicyConflict/MDMWinsOverGP to 1, so the MDM value is not applied'
        : 'for Windows Hello for Business (PassportForWork) settings Group Policy wins, and "the conflicting CSP settings aren\'t applied until the group policy settings are cleared"'} ${reach(gpWins)}. Configure it in one of the two.`,
      relatedOf(context, gpWins, (other) => `${other.said}: not applied while the Group Policy is set`), context));
    }
    for (const pair of mdmWins) {
      out.push(...make('WHFB304', pair.other, `${pair.other.said} here and ${policy.said} in ${context.nameOf(policy.uri)} configure the same Policy CSP setting: ControlPolicyConflict/MDMWinsOverGP is 1, so the MDM value is used and the Group Policy is blocked ${affected(pair.overlap)}. The guides advise against mixing the two: configure it in one of them.`,
        relatedOf(context, [{ other: policy, overlap: pair.overlap }], (other) => `${other.said}: blocked by MDMWinsOverGP`), context));
    }
  }
  return out;
}

// --- WHFB301: certificate trust in one file, cloud Kerberos trust in another ------------------------

function trustContradiction(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const certificate = sources.filter((source) => nodeMatches(source.node, NODES.useCertificateTrust) && source.on === true);
  const cloud = sources.filter((source) => nodeMatches(source.node, NODES.useCloudTrust) && source.on === true);
  if (certificate.length === 0 || cloud.length === 0) return [];
  const out: CrossFileFinding[] = [];
  for (const source of certificate) {
    if (context.isCancelled?.()) return out;
    const pairs = partners(context, source, cloud, () => true);
    if (pairs.length === 0) continue;
    const tenantWide = isTenantWide(context, source) || pairs.some((pair) => isTenantWide(context, pair.other));
    out.push(...make('WHFB301', source, `${source.said} here, and ${whereIn(context, pairs, (other) => other.said)}: certificate trust takes precedence over cloud Kerberos trust, so Windows Hello for Business enrolls a sign-in certificate and uses certificate trust ${reach(pairs)}; the cloud Kerberos trust setting has no effect.${tenantWide ? ' The tenant-wide policy applies at enrollment and stays on the device until a policy changes it.' : ''} Turn off the trust flag of the model you do not deploy.`,
      relatedOf(context, pairs, (other) => `${other.said}: overridden by certificate trust`), context));
  }
  return out;
}

// --- WHFB302: Windows Hello for Business enabled in one source, disabled in another -----------------

function enablementContradiction(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const withState = sources.filter((source) => source.on !== undefined);
  const on = withState.filter((source) => source.on === true);
  const off = withState.filter((source) => source.on === false);
  if (on.length === 0 || off.length === 0) return [];
  const out: CrossFileFinding[] = [];
  for (const source of withState) {
    if (context.isCancelled?.()) return out;
    const opposite = source.on ? off : on;
    const pairs = partners(context, source, opposite, () => true);
    // A finding stands on the side that wins; on both where neither wins (a conflict).
    const standing = pairs.filter((pair) => winnerOf(context, source, pair.other) !== pair.other);
    if (standing.length === 0) continue;
    const wins = standing.every((pair) => winnerOf(context, source, pair.other) === source);
    const result = source.on ? 'devices provision Windows Hello for Business' : "the device doesn't provision Windows Hello for Business for any user";
    const why = wins
      ? `this one wins (${explainWin(context, source, standing[0]!.other)}), so ${result}`
      : 'Intune reports a conflict between the two policies and does not apply either value, so whether devices provision Windows Hello for Business depends on what they had before';
    out.push(...make('WHFB302', source, `Windows Hello for Business is ${source.on ? 'enabled' : 'disabled'} here (${source.said}) and ${source.on ? 'disabled' : 'enabled'} by ${whereIn(context, standing, (other) => other.said)}: ${why} ${reach(standing)}. Decide in one place whether devices use Windows Hello for Business.`,
      relatedOf(context, standing, (other) => `Windows Hello for Business ${other.on ? 'enabled' : 'disabled'} here`), context));
  }
  return out;
}

function explainWin(context: TopicContext, winner: Source, loser: Source): string {
  if (winner.channel !== loser.channel) {
    return winner.channel === 'group-policy' ? 'Group Policy wins over the PassportForWork CSP' : 'MDMWinsOverGP is 1';
  }
  if (winner.node.scope !== loser.node.scope) return 'the user policy takes precedence over the device policy';
  if (isTenantWide(context, loser)) return 'the tenant-wide policy applies only at enrollment; this policy applies after it';
  return 'it applies last';
}

// --- WHFB303: PIN minimum in one file above the maximum in another ----------------------------------

function pinLengths(context: TopicContext, sources: readonly Source[]): CrossFileFinding[] {
  const minimum = sources.filter((source) => source.channel === 'mdm' && source.number !== undefined && nodeMatches(source.node, NODES.minimumPinLength));
  const maximum = sources.filter((source) => source.channel === 'mdm' && source.number !== undefined && nodeMatches(source.node, NODES.maximumPinLength));
  if (minimum.length === 0 || maximum.length === 0) return [];
  const out: CrossFileFinding[] = [];
  for (const source of minimum) {
    if (context.isCancelled?.()) return out;
    const pairs = partners(context, source, maximum, (other) => other.node.scope === source.node.scope && other.number! <= source.number!);
    if (pairs.length === 0) continue;
    out.push(...make('WHFB303', source, `MinimumPINLength is ${source.number} here, not less than MaximumPINLength ${whereIn(context, pairs, (other) => String(other.number))}: where both apply, "default values will be used for both the maximum and minimum PIN lengths" ${reach(pairs)}. Make the minimum less than every maximum that reaches the same devices.`,
      relatedOf(context, pairs, (other) => `MaximumPINLength is ${other.number} here`), context));
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
      `This file is for tenant ${facts.tenant}, and ${context.nameOf(first.uri)} in the same folder is for tenant ${first.tenant}: a device is registered in one tenant, so only the policies of its own tenant apply to it, and the cross-file rules judge the two sets apart. If the folder is one deployment, one of the tenant ids is wrong; otherwise keep each tenant's policies in a folder of its own.`,
      { related: [{ uri: first.uri, range: first.tenantRange ?? { start: 0, end: 0 }, message: `Tenant ${first.tenant} (${context.nameOf(first.uri)})` }] }),
  }));
}

/** The findings of one topic over every file that has it. */
export function evaluateTopic(topic: string, sources: readonly Source[], context: TopicContext): CrossFileFinding[] {
  if (topic.startsWith(TENANT_TOPIC_PREFIX)) return tenantsOfFolder(context, topic.slice(TENANT_TOPIC_PREFIX.length));
  if (topic.startsWith(NODE_TOPIC_PREFIX)) return [...conflictingValues(context, sources), ...groupPolicyAgainstMdm(context, sources)];
  if (topic === TRUST_TOPIC) return trustContradiction(context, sources);
  if (topic === ENABLE_TOPIC) return enablementContradiction(context, sources);
  if (topic === PIN_TOPIC) return pinLengths(context, sources);
  return [];
}

/** The codes the cross-file rules report. */
export const CROSS_FILE_CODES: readonly string[] = ['WHFB300', 'WHFB301', 'WHFB302', 'WHFB303', 'WHFB304', 'WHFB305'];
