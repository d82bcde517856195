/**
 * Whether two policy files reach the same devices: from their assignments where the files hold them
 * (Graph and IntuneCD exports), from the tenant where both name one, and "unknown" otherwise (a
 * policy file, a profile saved without `$expand=assignments`, a GPO backup whose links are not in it).
 *
 * - Two tenants: never the same devices. Two policy files whose deployment blocks name another
 *   model or trust type describe two deployments (one file per model in an examples folder).
 * - The tenant-wide policy reaches every device that enrolls.
 * - All devices or all users on one side reaches every target of the other, unless the other's
 *   only targets are groups the first excludes.
 * - The same included group on both sides, excluded by neither, overlaps; two different groups may
 *   or may not share members, which the files cannot say: judged as not overlapping, so two
 *   rings of a staged rollout with different values are not reported.
 * - An empty assignments list reaches nobody. An assignment filter narrows a target: "maybe".
 */
import * as l10n from '@vscode/l10n';
import type { PolicyAudience } from '../../model/types';
import type { FileFacts } from './facts';

export type Overlap =
  | { kind: 'no' }
  /** The files say both reach the same devices; `how` says which ("both are assigned to All devices"). */
  | { kind: 'yes'; how: string }
  /** The files do not say. */
  | { kind: 'unknown' };

const NO: Overlap = { kind: 'no' };
const UNKNOWN: Overlap = { kind: 'unknown' };

function reachesAll(audience: PolicyAudience): boolean {
  return audience.allDevices || audience.allUsers;
}

function isEmpty(audience: PolicyAudience): boolean {
  return !reachesAll(audience) && audience.groups.length === 0;
}

/** Does `all` (with All devices/users) reach some target of `other`? */
function allReaches(all: PolicyAudience, other: PolicyAudience): boolean {
  if (reachesAll(other)) return true;
  return other.groups.some((group) => !all.excludedGroups.includes(group));
}

function describeAll(audience: PolicyAudience): string {
  return audience.allDevices ? l10n.t('All devices') : l10n.t('All users');
}

function audienceOverlap(a: PolicyAudience, b: PolicyAudience): Overlap {
  if (isEmpty(a) || isEmpty(b)) return NO;
  const maybe = a.filtered || b.filtered;
  let how: string | undefined;
  if (reachesAll(a) && allReaches(a, b)) {
    how = reachesAll(b) ? l10n.t('both are assigned to {0}', describeAll(a) === describeAll(b) ? describeAll(a) : l10n.t('All devices and All users')) : l10n.t('one is assigned to {0}', describeAll(a));
  } else if (reachesAll(b) && allReaches(b, a)) {
    how = l10n.t('one is assigned to {0}', describeAll(b));
  } else {
    const shared = a.groups.find((group) => b.groups.includes(group) && !a.excludedGroups.includes(group) && !b.excludedGroups.includes(group));
    if (shared) how = l10n.t('both are assigned to group {0}', shared);
  }
  if (!how) return NO;
  return maybe ? UNKNOWN : { kind: 'yes', how };
}

export function overlapOf(a: FileFacts, b: FileFacts): Overlap {
  if (a.tenant && b.tenant && a.tenant !== b.tenant) return NO;
  // Two files of one Group Policy backup (gpreport.xml, registry.pol) are one GPO.
  if (a.groupPolicyObject && a.groupPolicyObject === b.groupPolicyObject) return NO;
  // Two policy files whose deployment blocks describe different deployments are alternatives.
  if (a.deployment && b.deployment && a.deployment !== b.deployment) return NO;
  const tenantWideAudience = (facts: FileFacts): PolicyAudience | undefined =>
    facts.tenantWide ? { range: { start: 0, end: 0 }, allDevices: true, allUsers: false, groups: [], excludedGroups: [], filtered: false } : facts.audience;
  const left = tenantWideAudience(a);
  const right = tenantWideAudience(b);
  const tenantWideHow: Overlap = { kind: 'yes', how: 'the tenant-wide policy reaches every device that enrolls' };
  if (a.tenantWide && !(right && isEmpty(right))) return tenantWideHow;
  if (b.tenantWide && !(left && isEmpty(left))) return tenantWideHow;
  if (!left || !right) return (left && isEmpty(left)) || (right && isEmpty(right)) ? NO : UNKNOWN;
  return audienceOverlap(left, right);
}

/** The words a message uses for who is affected. */
export function affected(overlap: Overlap): string {
  return overlap.kind === 'yes'
    ? l10n.t('on the devices both reach ({0})', overlap.how)
    : l10n.t('on devices both reach, if their assignments overlap (the files do not say)');
}
