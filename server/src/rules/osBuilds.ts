/**
 * Windows build comparison for WHFB170. The DDF's MSFT:Applicability OsBuildVersion lists minimum
 * builds, one per servicing branch ("10.0.22621, 10.0.22000.527, 10.0.19044.1566"). A build is
 * compared with the branch (the third number) the DDF lists for it:
 *
 * - a branch the DDF lists: the build has the node from the listed revision on (a listed build
 *   without a revision, 10.0.22621, means the whole branch). A minimum build written without a
 *   revision (10.0.19044) cannot be judged within the branch: devices may be before or after the
 *   update that brought the node, so the rule says so and asks for the revision;
 * - a branch newer than every listed one: a later release, it has the node;
 * - a branch older than every listed one (10.0.19041 when only 19044.x and 22000.x are listed): it
 *   does not have the node;
 * - a branch between two listed ones that the DDF does not list (10.0.19045 between 10.0.19044.1566
 *   and 10.0.22000.527): a sibling serviced together with the listed branch below it (19045 is the
 *   enablement-package sibling of 19044 and shares its monthly updates, as the DDF's own
 *   "10.0.19043.1202, 10.0.19042.1202, 10.0.19041.1202" shows), so a revision is compared with
 *   that branch's revision. Without a revision the DDF says nothing about the branch and the guide
 *   names the later versions as supported ("Windows 10 21H2, with KB5010415 and later"): no finding.
 *
 * Nodes the DDF lists only for Insider builds (99.9.99999) exist on no released build.
 */

export interface Build {
  major: number;
  minor: number;
  build: number;
  /** Undefined when the text names no revision ("10.0.19045"). */
  revision?: number;
}

export function parseBuild(text: string): Build | undefined {
  const match = /^\s*(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), build: Number(match[3]), ...(match[4] !== undefined ? { revision: Number(match[4]) } : {}) };
}

export function formatBuild(build: Build): string {
  return `${build.major}.${build.minor}.${build.build}${build.revision !== undefined ? `.${build.revision}` : ''}`;
}

function branchKey(build: Build): number {
  return (build.major * 1000 + build.minor) * 1_000_000 + build.build;
}

export type Availability =
  | { kind: 'available' }
  /** The target's branch is older than every listed one, or its revision is below the listed one. */
  | { kind: 'missing'; needed: Build }
  /** The target names no revision on a branch whose listed build has one. */
  | { kind: 'revision-unknown'; needed: Build }
  /** The DDF lists the node only for Insider builds. */
  | { kind: 'insider-only' };

export function availabilityOn(node: { minBuilds: readonly string[]; insider?: boolean }, target: Build): Availability {
  const listed = node.minBuilds.map(parseBuild).filter((build): build is Build => build !== undefined);
  if (listed.length === 0) return node.insider ? { kind: 'insider-only' } : { kind: 'available' };
  const key = branchKey(target);
  let below: Build | undefined;
  let lowest: Build | undefined;
  for (const build of listed) {
    if (branchKey(build) <= key && (!below || branchKey(build) > branchKey(below))) below = build;
    if (!lowest || branchKey(build) < branchKey(lowest)) lowest = build;
  }
  if (!below) return { kind: 'missing', needed: lowest! };
  if (below.revision === undefined) return { kind: 'available' };
  const newest = listed.reduce((a, b) => (branchKey(b) > branchKey(a) ? b : a));
  const sameBranch = branchKey(below) === key;
  if (!sameBranch && branchKey(newest) < key) return { kind: 'available' };
  if (target.revision === undefined) return sameBranch ? { kind: 'revision-unknown', needed: below } : { kind: 'available' };
  return target.revision >= below.revision ? { kind: 'available' } : { kind: 'missing', needed: below };
}
