/**
 * The "did you mean" ranking (catalog/suggest.ts) gives up early and remembers between calls to
 * keep the open of a large file cheap; what it proposes must stay exactly what the straightforward
 * segment alignment proposes. The reference below fills the whole table with exact costs, as the
 * ranking did before (issue 16), and both are asked about many typos of every catalog node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../../server/src/catalog/catalog';
import { splitOmaUri } from '../../../server/src/catalog/omaUriSegments';
import { buildSuggestPool, rankSuggestions, suggestWork, type SuggestPool } from '../../../server/src/catalog/suggest';
import type { CatalogNode } from '../../../server/src/catalog/types';

const SEGMENT_INDEL = 2;
const BAND = 2;
const SUBSTITUTION_CAP = 2 * SEGMENT_INDEL - 0.5;

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const distances = new Map<string, Map<string, number>>();

/** The substitution cost of a segment: its edit distance when within half the longer one, else the whole segment. */
function substitution(a: string, b: string): number {
  let row = distances.get(a);
  if (!row) distances.set(a, (row = new Map()));
  let distance = row.get(b);
  if (distance === undefined) {
    distance = levenshtein(a, b);
    row.set(b, distance);
  }
  const half = Math.floor(Math.max(a.length, b.length) / 2);
  return distance > half ? Math.max(a.length, b.length) : distance;
}

/** The ranking as first written: every cell of the banded alignment carries its exact sums. */
function referenceRanking(input: readonly string[], pool: SuggestPool, limit: number): CatalogNode[] {
  const n = input.length;
  if (n === 0 || n > pool.maxSegments + BAND || limit <= 0) return [];
  const scored: { node: CatalogNode; cost: number }[] = [];
  const size = (n + 1) * (n + BAND + 1);
  const total = new Float64Array(size);
  const subst = new Float64Array(size);
  const touched = new Float64Array(size);
  const indels = new Float64Array(size);
  for (const candidate of pool.candidates) {
    const m = candidate.segmentIds.length;
    if (Math.abs(n - m) > BAND) continue;
    const width = m + 1;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= m; j++) {
        const k = i * width + j;
        if (i === 0 && j === 0) continue;
        total[k] = Number.POSITIVE_INFINITY;
        subst[k] = touched[k] = indels[k] = 0;
        if (Math.abs(i - j) > BAND) continue;
        if (i > 0 && j > 0) {
          const p = k - width - 1;
          const segment = pool.segments[candidate.segmentIds[j - 1]!]!;
          const s = candidate.dynamic[j - 1] ? 0 : substitution(input[i - 1]!, segment);
          total[k] = total[p]! + Math.min(s, SUBSTITUTION_CAP);
          subst[k] = subst[p]! + s;
          touched[k] = touched[p]! + (s === 0 ? 0 : Math.max(input[i - 1]!.length, segment.length));
          indels[k] = indels[p]!;
        }
        // A segment dropped, then one added, each taken only when strictly cheaper.
        if (i > 0 && total[k - width]! + SEGMENT_INDEL < total[k]!) {
          const p = k - width;
          total[k] = total[p]! + SEGMENT_INDEL;
          subst[k] = subst[p]!;
          touched[k] = touched[p]!;
          indels[k] = indels[p]! + 1;
        }
        if (j > 0 && total[k - 1]! + SEGMENT_INDEL < total[k]!) {
          const p = k - 1;
          total[k] = total[p]! + SEGMENT_INDEL;
          subst[k] = subst[p]!;
          touched[k] = touched[p]!;
          indels[k] = indels[p]! + 1;
        }
      }
    }
    const end = n * width + m;
    if (total[end]! > 0 && indels[end]! <= 1 && subst[end]! <= Math.floor(touched[end]! / 2)) {
      scored.push({ node: candidate.node, cost: subst[end]! + SEGMENT_INDEL * indels[end]! });
    }
  }
  scored.sort((a, b) => a.cost - b.cost || (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.node);
}

/** A few typos of one word: one deletion, insertion, substitution and transposition at a few places, and case changes. */
function typosOf(word: string): string[] {
  const out = new Set<string>();
  const places = [...new Set([1, Math.floor(word.length / 2), word.length - 1])].filter((at) => at >= 0 && at < word.length);
  for (const at of places) {
    out.add(word.slice(0, at) + word.slice(at + 1));
    out.add(`${word.slice(0, at)}x${word.slice(at)}`);
    out.add(`${word.slice(0, at)}${word[at] === 'e' ? 'a' : 'e'}${word.slice(at + 1)}`);
    if (at + 1 < word.length) out.add(`${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`);
  }
  out.add(word.toUpperCase());
  out.add(word.toLowerCase());
  out.add(`${word}s`);
  out.add(`${word.slice(0, 2)}${word.slice(2, 4).split('').reverse().join('')}${word.slice(4)}`);
  out.delete(word);
  return [...out];
}

const UNRELATED = ['foo', 'bar', 'settings', 'enable', 'Policy', 'windowshello', 'a', 'x'.repeat(300), 'PINComplexity2', 'UsePassportForWorkUsePassportForWork'];

/** Unknown URIs near every catalog node: its last or an earlier segment misspelt, a segment missing or added, unrelated words. */
function unknownUris(nodes: readonly CatalogNode[]): string[] {
  const uris = new Set<string>();
  for (const node of nodes) {
    const segments = node.path.split('/');
    const last = segments.length - 1;
    for (const typo of typosOf(segments[last]!)) uris.add([...segments.slice(0, last), typo].join('/'));
    if (last >= 4) for (const typo of typosOf(segments[last - 1]!).slice(0, 4)) uris.add([...segments.slice(0, last - 1), typo, segments[last]].join('/'));
    uris.add(segments.filter((_, index) => index !== last - 1).join('/'));
    uris.add([...segments.slice(0, last), 'Extra', segments[last]].join('/'));
    for (const word of UNRELATED.slice(0, 3)) uris.add([...segments.slice(0, last), word].join('/'));
  }
  for (const word of UNRELATED) {
    uris.add(`./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/${word}`);
    uris.add(`./User/Vendor/MSFT/${word}`);
    uris.add(`./Vendor/MSFT/Policy/Config/${word}/${word}`);
    uris.add(word);
  }
  return [...uris];
}

test('the ranking proposes exactly what the straightforward alignment proposes, in the same order', () => {
  const catalog = getCatalog();
  const leaves = catalog.nodes.filter((node) => !node.interior);
  const pools = {
    device: buildSuggestPool(leaves.filter((node) => node.scope === 'device')),
    user: buildSuggestPool(leaves.filter((node) => node.scope === 'user')),
    all: buildSuggestPool(leaves),
  };
  const uris = unknownUris(catalog.nodes);
  assert.ok(uris.length > 3000, `${uris.length} unknown URIs`);
  let withSuggestions = 0;
  // Twice: the second round answers from what the first remembered.
  const expected = uris.map((uri) => {
    const split = splitOmaUri(uri);
    const input = split.segments.map((segment) => segment.text.toLowerCase());
    const pool = pools[split.scope ?? 'all'];
    const paths = referenceRanking(input, pool, 5).map((node) => node.path);
    if (paths.length > 0) withSuggestions++;
    return { uri, input, pool, paths };
  });
  for (const round of [1, 2]) {
    for (const { uri, input, pool, paths } of expected) {
      for (const limit of [1, 5]) {
        assert.deepEqual(rankSuggestions(input, pool, limit).map((node) => node.path), paths.slice(0, limit), `${uri} (limit ${limit}, round ${round})`);
      }
    }
  }
  // The typos are near enough to be found: the comparison covers suggestions, not only empty answers.
  assert.ok(withSuggestions > uris.length / 2, `${withSuggestions} of ${uris.length} URIs got a suggestion`);
});

test('a remembered ranking cannot be changed by the caller', () => {
  const pool = buildSuggestPool(getCatalog().nodes.filter((node) => !node.interior && node.scope === 'device'));
  const input = ['vendor', 'msft', 'passportforwork', '{tenantid}', 'policies', 'usepasportforwork'];
  const first = rankSuggestions(input, pool, 3);
  assert.ok(first.length > 0);
  const paths = first.map((node) => node.path);
  first.length = 0;
  assert.deepEqual(rankSuggestions(input, pool, 3).map((node) => node.path), paths);
});

test('a typo of a leaf is ranked without aligning the rest of the catalog', () => {
  // The first validation of a file runs the ranking in code not yet compiled, once per distinct
  // typo: the columns it never fills (other CSPs, the Policy CSP's areas) are most of its cost.
  const pool = buildSuggestPool(getCatalog().nodes.filter((node) => !node.interior && node.scope === 'device'));
  const columns = pool.tree.parent.length;
  const input = ['vendor', 'msft', 'passportforwork', '{tenantid}', 'policies', 'pincomplexity', 'minimumpinlenght'];
  const before = suggestWork.alignmentCells;
  const ranked = rankSuggestions(input, pool, 1);
  assert.deepEqual(ranked.map((node) => node.name), ['MinimumPINLength']);
  const filled = (suggestWork.alignmentCells - before) / (input.length + 1);
  assert.ok(filled < columns / 3, `${filled} of ${columns} columns filled`);
});
