/**
 * The fuzzers' random source: mulberry32, so a seed replays the same run on any machine.
 * FUZZ_SEED picks the master seed, FUZZ_RUNS scales the counts (see fuzzConfig).
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** A session's own seed from the master seed and its index, so one session replays alone. */
export function sessionSeed(masterSeed: number, index: number): number {
  return mix((mix(masterSeed) + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

/** murmur3's finaliser: nearby inputs give unrelated outputs. */
function mix(value: number): number {
  let hash = value >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export interface FuzzConfig {
  masterSeed: number;
  /** Multiplier on the default counts (FUZZ_RUNS=10 runs ten times as many). */
  scale: number;
  /** Replay one session only (FUZZ_SESSION, printed with every failure). */
  onlySession?: number;
}

/** Fixed default seed: CI is deterministic; set FUZZ_SEED to explore (FUZZ_SEED=random picks one). */
export const DEFAULT_SEED = 20250101;

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const rawSeed = env.FUZZ_SEED;
  const masterSeed = rawSeed === 'random' ? (Math.random() * 2 ** 32) >>> 0 : rawSeed ? Number(rawSeed) >>> 0 : DEFAULT_SEED;
  const scale = env.FUZZ_RUNS ? Math.max(0.01, Number(env.FUZZ_RUNS)) : 1;
  const onlySession = env.FUZZ_SESSION !== undefined ? Number(env.FUZZ_SESSION) : undefined;
  return { masterSeed, scale, onlySession };
}
