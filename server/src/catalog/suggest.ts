/**
 * "Did you mean": ranks catalog leaves by a segment-aligned edit distance to an OMA-URI that resolves
 * to nothing. Segments are aligned like characters in an edit distance: a missing or extra segment
 * costs a flat 2, a substituted segment costs its character edit distance, and a dynamic segment
 * ({TenantId}) matches anything for free. A candidate is kept when the edits are small relative to
 * the text they touch, so "UsePasportForWork" finds UsePassportForWork and "Foo/Bar" finds nothing.
 * Work is bounded: candidates share the scope, the alignment is banded, segment distances are
 * bounded and memoized per call by segment id. Before anything is allocated, an input with more
 * segments than any candidate could align with (its deepest path plus the band) gets no suggestion,
 * and a segment far longer than every catalog segment is never compared character by character:
 * a 4.8 MB `./Device/Vendor/MSFT/PassportForWork/a/a/...` once allocated gigabytes here and threw a
 * RangeError, losing its WHFB101 (issue 15, defect 5).
 */
import type { CatalogNode } from './types';
import { isDynamicSegment } from './omaUriSegments';

export interface SuggestCandidate {
  node: CatalogNode;
  /** Ids into SuggestPool.segments of the lower-case segments after the scope. */
  segmentIds: number[];
  dynamic: boolean[];
}

export interface SuggestPool {
  /** Distinct lower-case segments of every candidate. */
  segments: string[];
  candidates: SuggestCandidate[];
  /** The most segments any candidate has: a longer input aligns with none of them within the band. */
  maxSegments: number;
}

/**
 * Work done by rankSuggestions since the process started, for tests that bound it structurally
 * (a timing test would be flaky): alignment cells filled, Levenshtein cells computed, and bytes of
 * scratch memory allocated.
 */
export const suggestWork = { alignmentCells: 0, characterCells: 0, scratchBytes: 0 };

const SEGMENT_INDEL = 2;
const BAND = 2;
const SUBSTITUTION_CAP = 2 * SEGMENT_INDEL - 0.5;

export function buildSuggestPool(nodes: readonly CatalogNode[]): SuggestPool {
  const ids = new Map<string, number>();
  const segments: string[] = [];
  const candidates = nodes.map((node) => {
    const parts = node.path.replace(/^\.\/(Device|User)\//i, '').split('/');
    const segmentIds = parts.map((part) => {
      const key = part.toLowerCase();
      let id = ids.get(key);
      if (id === undefined) {
        id = segments.length;
        segments.push(key);
        ids.set(key, id);
      }
      return id;
    });
    return { node, segmentIds, dynamic: parts.map(isDynamicSegment) };
  });
  const maxSegments = candidates.reduce((most, candidate) => Math.max(most, candidate.segmentIds.length), 0);
  return { segments, candidates, maxSegments };
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`. */
export function boundedLevenshtein(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
    suggestWork.scratchBytes += rowA.byteLength * 2;
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      let value = previous[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (previous[j] + 1 < value) value = previous[j] + 1;
      if (current[j - 1] + 1 < value) value = current[j - 1] + 1;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    suggestWork.characterCells += b.length;
    if (rowMin > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}

export function rankSuggestions(input: readonly string[], pool: SuggestPool, limit: number): CatalogNode[] {
  const n = input.length;
  // Checked before anything is allocated: no candidate is within the band of a deeper input.
  if (n === 0 || n > pool.maxSegments + BAND || limit <= 0) return [];
  const distinct = pool.segments.length;
  // Substitution cost per (input segment, pool segment), computed on first need. -1 = not yet.
  const memo = new Int32Array(n * distinct).fill(-1);
  const substitution = (i: number, id: number): number => {
    const at = i * distinct + id;
    let cost = memo[at];
    if (cost < 0) {
      const a = input[i];
      const b = pool.segments[id];
      const half = Math.floor(Math.max(a.length, b.length) / 2);
      // Beyond half the segment it is a different word, not a typo: charge the whole segment.
      // (boundedLevenshtein returns at once when the lengths alone differ by more than that, so a
      // segment of megabytes costs nothing here.)
      const distance = boundedLevenshtein(a, b, half);
      cost = distance > half ? Math.max(a.length, b.length) : distance;
      memo[at] = cost;
    }
    return cost;
  };

  const scored: { node: CatalogNode; cost: number }[] = [];
  const size = (n + 1) * (n + BAND + 1);
  // Per cell: total cost, substitution cost, characters the substitutions touched, segments added or dropped.
  const total = new Float64Array(size);
  const subst = new Float64Array(size);
  const touched = new Float64Array(size);
  const indels = new Float64Array(size);
  suggestWork.scratchBytes += memo.byteLength + size * 8 * 4;
  for (const candidate of pool.candidates) {
    const m = candidate.segmentIds.length;
    if (n - m > BAND || m - n > BAND) continue;
    const width = m + 1;
    suggestWork.alignmentCells += (n + 1) * width;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        const k = i * width + j;
        if (i === 0 && j === 0) {
          total[k] = subst[k] = touched[k] = indels[k] = 0;
          continue;
        }
        let best = Number.POSITIVE_INFINITY;
        let bestSubst = 0;
        let bestTouched = 0;
        let bestIndels = 0;
        if (i - j <= BAND && j - i <= BAND) {
          if (i > 0 && j > 0) {
            const p = k - width - 1;
            const id = candidate.segmentIds[j - 1];
            const s = candidate.dynamic[j - 1] ? 0 : substitution(i - 1, id);
            // Capped below two indels so that the alignment keeps a changed segment paired with its
            // original instead of dropping one and adding the other; plausibility judges the real cost.
            best = total[p] + Math.min(s, SUBSTITUTION_CAP);
            bestSubst = subst[p] + s;
            bestTouched = touched[p] + (s === 0 ? 0 : Math.max(input[i - 1].length, pool.segments[id].length));
            bestIndels = indels[p];
          }
          if (i > 0 && total[k - width] + SEGMENT_INDEL < best) {
            const p = k - width;
            best = total[p] + SEGMENT_INDEL;
            bestSubst = subst[p];
            bestTouched = touched[p];
            bestIndels = indels[p] + 1;
          }
          if (j > 0 && total[k - 1] + SEGMENT_INDEL < best) {
            const p = k - 1;
            best = total[p] + SEGMENT_INDEL;
            bestSubst = subst[p];
            bestTouched = touched[p];
            bestIndels = indels[p] + 1;
          }
        }
        total[k] = best;
        subst[k] = bestSubst;
        touched[k] = bestTouched;
        indels[k] = bestIndels;
      }
    }
    const end = n * width + m;
    // A typo is a few characters within the segments it touches, plus at most one missing or extra segment.
    const plausible = total[end] > 0 && indels[end] <= 1 && subst[end] <= Math.floor(touched[end] / 2);
    if (plausible) scored.push({ node: candidate.node, cost: subst[end] + SEGMENT_INDEL * indels[end] });
  }
  scored.sort((a, b) => a.cost - b.cost || (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.node);
}
