/**
 * The glob matcher of whfb-lint (server/src/config/glob.ts): the same answers as a plain regular
 * expression on ordinary patterns, and polynomial work on adversarial ones. Work is bounded by
 * counting comparisons, not by timing; the timeout only guards against a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobMatcher, matchSegment, type WorkCounter } from '../../server/src/config/glob';

/** What the matcher must agree with: `*` = [^/]*, `?` = [^/], `**` = zero or more directories (anything at the end). */
function referenceRegExp(pattern: string): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    for (const char of segment) source += char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    if (!last) source += '/';
  });
  return new RegExp(`^${source}$`);
}

/** A whole path against a pattern, the way the walk does it: the literal base first, then the matcher. */
function globMatches(pattern: string, path: string, work?: WorkCounter): boolean {
  const matcher = new GlobMatcher(pattern);
  if (matcher.base === '.') return matcher.matchesPath(path, work);
  if (!path.startsWith(`${matcher.base}/`)) return false;
  return matcher.matchesPath(path.slice(matcher.base.length + 1), work);
}

test('ordinary patterns: the answers of the regular expression they stand for', () => {
  const cases: [string, string, boolean][] = [
    ['*.json', 'a.json', true],
    ['*.json', 'dir/a.json', false],
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'x/y/z/a.json', true],
    ['**/*.json', 'x/y/z/a.yaml', false],
    ['policies/**', 'policies/a/b.json', true],
    ['err?rs/unknown-*.yaml', 'errors/unknown-node.whfb.yaml', true],
    ['err?rs/unknown-*.yaml', 'errors/x/unknown-node.whfb.yaml', false],
    ['a/**/b/*.xml', 'a/b/c.xml', true],
    ['a/**/b/*.xml', 'a/x/y/b/c.xml', true],
    ['a/**/b/*.xml', 'a/x/y/c/c.xml', false],
    ['*', '', true],
    ['?', '', false],
    ['.*', '.hidden', true],
  ];
  for (const [pattern, path, expected] of cases) {
    assert.equal(globMatches(pattern, path), expected, `${pattern} vs ${path}`);
    assert.equal(referenceRegExp(pattern).test(path), expected, `reference: ${pattern} vs ${path}`);
  }
});

test('random small patterns and paths agree with the regular expression (5,000 pairs)', () => {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = (alphabet: string[], length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
  for (let i = 0; i < 5_000; i++) {
    const pattern = Array.from({ length: 1 + random(4) }, () => (random(4) === 0 ? '**' : pick(['a', 'b', '*', '?'], 1 + random(4)))).join('/');
    const path = Array.from({ length: 1 + random(4) }, () => pick(['a', 'b'], 1 + random(4))).join('/');
    if (!/[*?]/.test(pattern)) continue; // a literal path is a file name, not a glob
    assert.equal(globMatches(pattern, path), referenceRegExp(pattern).test(path), `${pattern} vs ${path}`);
  }
});

test('the literal prefix is the walk base; the rest is what the walk matches', () => {
  assert.deepEqual([new GlobMatcher('policies/intune/**/*.json').base, new GlobMatcher('policies/intune/**/*.json').segments], ['policies/intune', ['**', '*.json']]);
  assert.equal(new GlobMatcher('**/*.json').base, '.');
  assert.equal(new GlobMatcher('/etc/*.xml').base, '/etc');
  assert.deepEqual(new GlobMatcher('**/**/**/x').segments, ['**', 'x'], 'repeated ** collapse');
});

test('a pattern without ** cannot descend further than its segments', () => {
  const matcher = new GlobMatcher('*/*.json');
  let state = matcher.start();
  state = matcher.step(state, 'dir');
  assert.ok(matcher.canDescend(state));
  state = matcher.step(state, 'sub');
  assert.ok(!matcher.canDescend(state), 'two segments consumed: nothing below can match');
  assert.ok(!matcher.matches(state));
});

test('*a repeated ten times then b.json against a 60-character name: at most name x pattern comparisons', { timeout: 30_000 }, () => {
  const pattern = `${'*a'.repeat(10)}b.json`;
  const name = 'a'.repeat(60);
  const work: WorkCounter = { steps: 0 };
  assert.equal(matchSegment(pattern, name, work), false);
  assert.ok(work.steps <= (name.length + 1) * (pattern.length + 1), `${work.steps} comparisons`);
  const hit = `${'a'.repeat(59)}b.json`;
  const hitWork: WorkCounter = { steps: 0 };
  assert.equal(matchSegment(pattern, hit, hitWork), true);
  assert.ok(hitWork.steps <= (hit.length + 1) * (pattern.length + 1));
});

test('ten ** over a 30-deep path: work grows with depth x segments, not exponentially', { timeout: 30_000 }, () => {
  const pattern = `${'**/'.repeat(10)}x.json`;
  const deep = `${Array.from({ length: 30 }, (_, i) => `d${i}`).join('/')}`;
  const work: WorkCounter = { steps: 0 };
  assert.equal(new GlobMatcher(pattern).matchesPath(`${deep}/x.json`, work), true);
  assert.equal(new GlobMatcher(pattern).matchesPath(`${deep}/y.json`), false);
  // Not collapsed (a/**/b/**/...): each state set holds at most one entry per segment.
  const alternating = `${Array.from({ length: 10 }, () => '**/d*').join('/')}/x.json`;
  const alternatingWork: WorkCounter = { steps: 0 };
  const segments = new GlobMatcher(alternating).segments.length;
  assert.equal(new GlobMatcher(alternating).matchesPath(`${deep}/x.json`, alternatingWork), true);
  assert.equal(new GlobMatcher(alternating).matchesPath(`${deep}/x.yaml`), false);
  const perName = segments * (8 + 1) * (alternating.length + 1);
  assert.ok(alternatingWork.steps <= 31 * perName, `${alternatingWork.steps} steps`);
  assert.ok(work.steps <= 31 * 2 * 12 * 10, `${work.steps} steps`);
});
