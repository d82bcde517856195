/**
 * A small glob: `*` (any characters but /), `**` (any number of directories), `?` (one
 * character but /). Enough for CI command lines without a dependency.
 *
 * Matching never backtracks exponentially: one segment is matched with the two-pointer wildcard
 * algorithm (at most name x pattern steps), and a path is matched segment by segment with the set
 * of pattern positions still alive (at most one entry per pattern segment), so `**` repeated
 * ten times or `*a*a*a...` against a long name cost polynomial time, not 2^n. The walk uses the
 * same state sets: it descends into a directory only while some position is alive, so a pattern
 * without `**` walks only as deep as its segments.
 */

export function hasGlobCharacters(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Counts the character comparisons of a match, for tests that bound the work. */
export interface WorkCounter {
  steps: number;
}

/**
 * Matches one path segment against one pattern segment (`*` and `?`, no `/`). Greedy with a
 * single remembered star: each star restart moves the name pointer forward, so the work is at
 * most (name length + 1) x (pattern length + 1) comparisons.
 */
export function matchSegment(pattern: string, name: string, work?: WorkCounter): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let starName = 0;
  while (n < name.length) {
    if (work) work.steps++;
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === name[n]))) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starName = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++starName;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

const GLOBSTAR = '**';

/** Pattern positions still alive after some path segments: sorted, no duplicates. */
export type GlobState = readonly number[];

export class GlobMatcher {
  /** The directory the pattern's literal prefix names, as written (forward slashes); '.' when none. */
  readonly base: string;
  /** The segments after the base; consecutive `**` collapsed (they match the same paths). */
  readonly segments: readonly string[];

  constructor(pattern: string) {
    const all = toSlashes(pattern).split('/');
    const firstGlob = all.findIndex(hasGlobCharacters);
    const literal = firstGlob < 0 ? all : all.slice(0, firstGlob);
    const rest = firstGlob < 0 ? [] : all.slice(firstGlob);
    const joined = literal.join('/');
    this.base = joined === '' ? (pattern.startsWith('/') ? '/' : '.') : joined;
    const segments: string[] = [];
    for (const segment of rest) {
      if (segment === '' || segment === '.') continue;
      if (segment === GLOBSTAR && segments[segments.length - 1] === GLOBSTAR) continue;
      segments.push(segment);
    }
    this.segments = segments;
  }

  /** The state at the base directory, before any segment. */
  start(): GlobState {
    return this.closure([0]);
  }

  /** The state after one more path segment (a directory or file name); empty when nothing can match. */
  step(state: GlobState, name: string, work?: WorkCounter): GlobState {
    const next: number[] = [];
    for (const position of state) {
      if (position >= this.segments.length) continue;
      const segment = this.segments[position];
      if (segment === GLOBSTAR) {
        // `**` takes the name and stays; leaving it is the closure's job.
        if (work) work.steps++;
        next.push(position);
      } else if (matchSegment(segment, name, work)) {
        next.push(position + 1);
      }
    }
    return this.closure(next);
  }

  /** A file reached in this state matches the whole pattern. */
  matches(state: GlobState): boolean {
    return state.includes(this.segments.length);
  }

  /** Something below a directory reached in this state can still match. */
  canDescend(state: GlobState): boolean {
    return state.some((position) => position < this.segments.length);
  }

  /** Whole-path matching (forward slashes, relative to the base), for tests and one-off checks. */
  matchesPath(relativePath: string, work?: WorkCounter): boolean {
    let state = this.start();
    for (const name of relativePath.split('/')) {
      state = this.step(state, name, work);
      if (state.length === 0) return false;
    }
    return this.matches(state);
  }

  /** `**` also matches no directory at all: a position on `**` may skip it. */
  private closure(positions: number[]): GlobState {
    const result = new Set<number>();
    for (let position of positions) {
      result.add(position);
      while (position < this.segments.length && this.segments[position] === GLOBSTAR) result.add(++position);
    }
    return [...result].sort((a, b) => a - b);
  }
}
