/** Percentiles, nearest-rank: p99 of 200 samples is the third largest (of 50 it would be the largest). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounded to 0.1 ms / 0.1 MB for the report. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
