/**
 * Windows build comparison for WHFB170. The DDF's MSFT:OsBuildVersion lists minimum builds, one per
 * servicing branch ("10.0.19044.1566, 10.0.22000.527, 10.0.22621"): a node is available on a build
 * when the nearest listed branch at or below the build's branch accepts its revision. A build on a
 * branch between two listed ones (10.0.19045, the enablement-package sibling of 19044) follows the
 * branch below it; builds newer than every listed branch have the node.
 */

export interface Build {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export function parseBuild(text: string): Build | undefined {
  const match = /^\s*(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), build: Number(match[3]), revision: Number(match[4] ?? 0) };
}

function branchKey(build: Build): number {
  return (build.major * 1000 + build.minor) * 1_000_000 + build.build;
}

export function nodeAvailableOn(minBuilds: readonly string[], target: Build): boolean {
  const listed = minBuilds.map(parseBuild).filter((build): build is Build => build !== undefined);
  if (listed.length === 0) return true;
  let nearest: Build | undefined;
  for (const build of listed) {
    if (branchKey(build) <= branchKey(target) && (!nearest || branchKey(build) > branchKey(nearest))) nearest = build;
  }
  if (!nearest) return false;
  return target.revision >= nearest.revision;
}
