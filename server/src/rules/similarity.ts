/** "Did you mean" for names: the closest candidate by edit distance, when it is close enough. */
import { boundedLevenshtein } from '../catalog/suggest';

export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[right.length];
}

/**
 * The candidate nearest to `word`, when within max(2, a third of its length) edits. A candidate
 * whose length alone differs by more than that is skipped before any comparison, and the distance
 * is computed with a bound, so a pasted megabyte "name" costs one length check per candidate
 * instead of megabytes x candidates of cells (issue 15, defect 5).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const threshold = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = threshold + 1;
  let left: string | undefined;
  for (const candidate of candidates) {
    const limit = bestDistance - 1;
    if (Math.abs(word.length - candidate.length) > limit) continue;
    left ??= word.toLowerCase();
    const distance = boundedLevenshtein(left, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
