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
    const distance = trimmedDistance(left, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The bounded edit distance with the common prefix and suffix set aside first, which never changes
 * the distance. Names of one family share most of their length (Settings Catalog ids all start
 * "device_vendor_msft_passportforwork_{tenantid}_policies_"): the table is then built over the few
 * characters that differ, not the whole name, so a misspelt id costs a few cells per candidate
 * instead of thousands (350 of them in a minified 5 MB export took a second per validation).
 */
function trimmedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  if (start === 0 && endA === a.length && endB === b.length) return boundedLevenshtein(a, b, limit);
  return boundedLevenshtein(a.slice(start, endA), b.slice(start, endB), limit);
}
