/* The fuzzers' random source is mulberry32 (scripts/lib/prng.ts), so a seed replays the same run on
 * any machine. FUZZ_SEED picks the master seed, FUZZ_RUNS scales the counts (see fuzzConfig). */
export { Prng } from '../../../scripts/lib/prng';

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
