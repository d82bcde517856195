/**
 * "Did you mean": ranks catalog leaves by a segment-aligned edit distance to an OMA-URI that resolves
 * to nothing. Segments are aligned like characters in an edit distance: a missing or extra segment
 * costs a flat 2, a substituted segment costs its character edit distance, and a dynamic segment
 * ({TenantId}) matches anything for free. A candidate is kept when the edits are small relative to
 * the text they touch, so "UsePasportForWork" finds UsePassportForWork and "Foo/Bar" finds nothing.
 * Work is bounded: candidates share the scope, the alignment is banded, segment distances are
 * bounded and remembered per pool by segment id (and so are whole rankings: a file's typos repeat). Before anything is allocated, an input with more
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
  /** Each segment's index in `segments`. */
  segmentIdOf: Map<string, number>;
  candidates: SuggestCandidate[];
  /** The most segments any candidate has: a longer input aligns with none of them within the band. */
  maxSegments: number;
  /**
   * The candidates' segments as a tree, parents before children: candidates share most of their
   * path (vendor/msft/passportforwork/{tenantid}/policies/...), so the alignment fills one column
   * per tree node instead of one per segment of every candidate.
   */
  tree: SuggestTree;
}

interface SuggestTree {
  parent: number[];
  segmentId: number[];
  dynamic: boolean[];
  depth: number[];
  /** The candidates whose path ends at the node. */
  ends: CatalogNode[][];
  children: number[][];
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
  return { segments, segmentIdOf: ids, candidates, maxSegments, tree: buildTree(candidates) };
}

function buildTree(candidates: readonly SuggestCandidate[]): SuggestTree {
  const tree: SuggestTree = { parent: [-1], segmentId: [-1], dynamic: [false], depth: [0], ends: [[]], children: [[]] };
  const children = new Map<string, number>();
  for (const candidate of candidates) {
    let at = 0;
    candidate.segmentIds.forEach((id, j) => {
      const key = `${at}/${id}/${candidate.dynamic[j]}`;
      let child = children.get(key);
      if (child === undefined) {
        child = tree.parent.length;
        tree.parent.push(at);
        tree.segmentId.push(id);
        tree.dynamic.push(candidate.dynamic[j]);
        tree.depth.push(j + 1);
        tree.ends.push([]);
        tree.children.push([]);
        tree.children[at].push(child);
        children.set(key, child);
      }
      at = child;
    });
    tree.ends[at].push(candidate.node);
  }
  return tree;
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

/** Longer input segments get a scratch row per call instead of a remembered one. */
const MEMO_MAX_SEGMENT_LENGTH = 256;
/** Remembered input segments per pool before the memo starts over (a row is 4 bytes per pool segment). */
const MEMO_MAX_ROWS = 2048;
/** Remembered rankings per pool before the memo starts over. */
const MEMO_MAX_RANKINGS = 4096;
const MEMO_MAX_KEY_LENGTH = 2048;
/** Substitution memo value: the distance is over 3, so the alignment sees SUBSTITUTION_CAP; exact value not computed yet. */
const BEYOND_CAP = -2;
const UNKNOWN = -1;

/**
 * What a pool remembers between calls: the same segments ("vendor", "msft", "policies", the leaf
 * a typo repeats) are compared with the same catalog segments for every unknown URI of a file, and
 * the same unknown URI is ranked again on every open of it.
 */
interface PoolMemo {
  /** Per lower-case input segment, its substitution cost against each pool segment (UNKNOWN, BEYOND_CAP or the cost). */
  rows: Map<string, Int32Array>;
  rankings: Map<string, CatalogNode[]>;
}

const poolMemos = new WeakMap<SuggestPool, PoolMemo>();

function memoOf(pool: SuggestPool): PoolMemo {
  let memo = poolMemos.get(pool);
  if (!memo) {
    memo = { rows: new Map(), rankings: new Map() };
    poolMemos.set(pool, memo);
  }
  return memo;
}

function costRow(memo: PoolMemo, segment: string, distinct: number): Int32Array {
  if (segment.length > MEMO_MAX_SEGMENT_LENGTH) {
    suggestWork.scratchBytes += distinct * 4;
    return new Int32Array(distinct).fill(UNKNOWN);
  }
  let row = memo.rows.get(segment);
  if (!row) {
    if (memo.rows.size >= MEMO_MAX_ROWS) memo.rows.clear();
    row = new Int32Array(distinct).fill(UNKNOWN);
    suggestWork.scratchBytes += distinct * 4;
    memo.rows.set(segment, row);
  }
  return row;
}

/**
 * A segment's substitution cost: its edit distance to the catalog segment when that is within half
 * the longer one, else the whole segment (a different word, not a typo).
 */
function exactCost(a: string, b: string): number {
  const half = Math.floor(Math.max(a.length, b.length) / 2);
  // boundedLevenshtein returns at once when the lengths alone differ by more than that, so a
  // segment of megabytes costs nothing here.
  const distance = boundedLevenshtein(a, b, half);
  return distance > half ? Math.max(a.length, b.length) : distance;
}

/**
 * The cost as the alignment sees it, min(cost, SUBSTITUTION_CAP): only whether the distance is over
 * 3 matters there, so the comparison gives up after 3 edits (a few rows of the table for an
 * unrelated word). The exact cost is computed for the segments of the chosen alignment only.
 */
function cappedCost(row: Int32Array, id: number, a: string, b: string): number {
  let cost = row[id];
  if (cost === UNKNOWN) {
    const half = Math.floor(Math.max(a.length, b.length) / 2);
    const limit = Math.min(half, 3);
    const distance = boundedLevenshtein(a, b, limit);
    // Over the limit: when the limit was half, the cost is the whole segment; else it is over 3
    // either way (a distance of 4..half, or the whole segment, at least 2 * half >= 8).
    cost = distance <= limit ? distance : half <= 3 ? Math.max(a.length, b.length) : BEYOND_CAP;
    row[id] = cost;
  }
  return cost === BEYOND_CAP ? SUBSTITUTION_CAP : Math.min(cost, SUBSTITUTION_CAP);
}

function knownCost(row: Int32Array, id: number, a: string, b: string): number {
  let cost = row[id];
  if (cost < 0) {
    cost = exactCost(a, b);
    row[id] = cost;
  }
  return cost;
}

const MOVE_DIAGONAL = 1;
const MOVE_UP = 2;
const MOVE_LEFT = 3;

/** A tree node's column is filled (its candidates scored). */
const FILLED = 1;
/** Neither the node nor anything under it can rank within the limit: its column is never filled. */
const PRUNED = 2;

/**
 * The candidates nearest to the lower-case segments of an unknown OMA-URI (after its scope), best
 * first, ties by path. The alignment picks its path on capped costs alone; the plausibility and the
 * ranking cost are then added up along that path with the exact costs, which is what filling the
 * table with exact costs would give (`test/unit/catalog/suggestRanking.test.ts` checks it against
 * that straightforward version).
 *
 * Branch and bound: every cell of a column is at least the least cell of its parent's column (costs
 * only add up), and a candidate's ranking cost is at least its cell, so once `limit` candidates are
 * scored, a subtree whose parent column's least cell is above the limit-th cost cannot place a
 * candidate (ties by path need an equal cost: only a greater one prunes). The subtree the input's
 * own segments lead to is filled first, so a typo's bound is known before the rest of the catalog
 * (the Policy CSP's areas, for a PassportForWork typo) is reached. This runs during a file's first
 * validation, in code not yet compiled: the cells it does not fill are most of its cost there.
 */
export function rankSuggestions(input: readonly string[], pool: SuggestPool, limit: number): CatalogNode[] {
  const n = input.length;
  // Checked before anything is allocated: no candidate is within the band of a deeper input.
  if (n === 0 || n > pool.maxSegments + BAND || limit <= 0) return [];
  const memo = memoOf(pool);
  const key = `${limit}/${input.join('/')}`;
  const remembered = key.length <= MEMO_MAX_KEY_LENGTH ? memo.rankings.get(key) : undefined;
  if (remembered) return remembered.slice();
  const distinct = pool.segments.length;
  const rows = input.map((segment) => costRow(memo, segment, distinct));

  const scored: { node: CatalogNode; cost: number }[] = [];
  /** The `limit` lowest costs scored so far, ascending. */
  const lowest: number[] = [];
  const tree = pool.tree;
  const count = tree.parent.length;
  const height = n + 1;
  // Per tree node, its column of the alignment: cell i aligns the first i input segments with the node's path.
  const total = new Float64Array(count * height);
  const moves = new Uint8Array(count * height);
  const leastCell = new Float64Array(count);
  const state = new Uint8Array(count);
  suggestWork.scratchBytes += total.byteLength + moves.byteLength + leastCell.byteLength + state.byteLength;
  for (let i = 0; i <= n; i++) {
    total[i] = i === 0 ? 0 : i <= BAND ? SEGMENT_INDEL * i : Number.POSITIVE_INFINITY;
    moves[i] = i === 0 || i > BAND ? 0 : MOVE_UP;
  }
  state[0] = FILLED;

  const visit = (t: number): void => {
    const j = tree.depth[t];
    const parent = tree.parent[t];
    // Deeper than the band allows: neither it nor anything under it aligns with the input.
    if (state[parent] === PRUNED || j - n > BAND || (lowest.length === limit && leastCell[parent] > lowest[limit - 1])) {
      state[t] = PRUNED;
      return;
    }
    state[t] = FILLED;
    suggestWork.alignmentCells += height;
    const column = t * height;
    const previous = parent * height;
    const id = tree.segmentId[t];
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i <= n; i++) {
      const k = column + i;
      let best = Number.POSITIVE_INFINITY;
      let move = 0;
      if (i - j <= BAND && j - i <= BAND) {
        if (i > 0) {
          // Capped below two indels so that the alignment keeps a changed segment paired with its
          // original instead of dropping one and adding the other; plausibility judges the real cost.
          best = total[previous + i - 1] + (tree.dynamic[t] ? 0 : cappedCost(rows[i - 1], id, input[i - 1], pool.segments[id]));
          move = MOVE_DIAGONAL;
        }
        if (i > 0 && total[k - 1] + SEGMENT_INDEL < best) {
          best = total[k - 1] + SEGMENT_INDEL;
          move = MOVE_UP;
        }
        if (total[previous + i] + SEGMENT_INDEL < best) {
          best = total[previous + i] + SEGMENT_INDEL;
          move = MOVE_LEFT;
        }
      }
      total[k] = best;
      moves[k] = move;
      if (best < least) least = best;
    }
    leastCell[t] = least;
    const ends = tree.ends[t];
    if (ends.length === 0 || n - j > BAND || j - n > BAND || !(total[column + n] > 0)) return;
    // Back along the chosen path: substitution cost, characters the substitutions touched, segments added or dropped.
    let subst = 0;
    let touched = 0;
    let indels = 0;
    for (let i = n, at = t; i > 0 || at > 0;) {
      const move = moves[at * height + i];
      if (move === MOVE_DIAGONAL) {
        const segment = tree.segmentId[at];
        const s = tree.dynamic[at] ? 0 : knownCost(rows[i - 1], segment, input[i - 1], pool.segments[segment]);
        subst += s;
        if (s !== 0) touched += Math.max(input[i - 1].length, pool.segments[segment].length);
        i--;
        at = tree.parent[at];
      } else if (move === MOVE_UP) {
        indels++;
        i--;
      } else {
        indels++;
        at = tree.parent[at];
      }
    }
    // A typo is a few characters within the segments it touches, plus at most one missing or extra segment.
    const plausible = indels <= 1 && subst <= Math.floor(touched / 2);
    if (!plausible) return;
    const cost = subst + SEGMENT_INDEL * indels;
    for (const node of ends) scored.push({ node, cost });
    for (let copies = 0; copies < ends.length; copies++) keepLowest(lowest, cost, limit);
  };

  // The input's own subtree first (tree order is parents first, so each column's parent is filled), then the rest.
  const near = nearestPrefixNode(input, pool);
  // 1: an ancestor of `near`; 2: `near` or under it.
  const seeded = new Uint8Array(count);
  for (let at = tree.parent[near]; at > 0; at = tree.parent[at]) seeded[at] = 1;
  seeded[near] = 2;
  for (let t = near + 1; t < count; t++) if (seeded[tree.parent[t]] === 2) seeded[t] = 2;
  for (let t = 1; t < count; t++) if (seeded[t] !== 0) visit(t);
  for (let t = 1; t < count; t++) if (state[t] === 0) visit(t);

  scored.sort((a, b) => a.cost - b.cost || (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  const ranked = scored.slice(0, limit).map((s) => s.node);
  if (key.length <= MEMO_MAX_KEY_LENGTH) {
    if (memo.rankings.size >= MEMO_MAX_RANKINGS) memo.rankings.clear();
    memo.rankings.set(key, ranked);
  }
  return ranked.slice();
}

/** Adds a scored cost to the ascending list of the `limit` lowest. */
function keepLowest(lowest: number[], cost: number, limit: number): void {
  if (lowest.length === limit && cost >= lowest[limit - 1]) return;
  let at = lowest.length;
  while (at > 0 && lowest[at - 1] > cost) at--;
  lowest.splice(at, 0, cost);
  if (lowest.length > limit) lowest.pop();
}

/** The deepest tree node that the input's leading segments spell out exactly (a dynamic segment takes any), or the root. */
function nearestPrefixNode(input: readonly string[], pool: SuggestPool): number {
  const tree = pool.tree;
  let at = 0;
  for (const segment of input) {
    const id = pool.segmentIdOf.get(segment);
    let next = -1;
    for (const child of tree.children[at]) {
      if (!tree.dynamic[child] && tree.segmentId[child] === id) {
        next = child;
        break;
      }
      if (tree.dynamic[child] && next === -1) next = child;
    }
    if (next === -1) break;
    at = next;
  }
  return at;
}
