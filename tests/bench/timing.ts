/** Timing helpers for the benchmarks: repeated runs, median and 95th percentile. Figures only. */
import { performance } from 'node:perf_hooks';

export type Stats = { runs: number; median: number; p95: number; min: number; max: number };

/** Median, p95 (nearest rank), min and max of a list of timings in milliseconds. */
export function stats(times: readonly number[]): Stats {
  if (times.length === 0) throw new RangeError('no timings');
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { runs: sorted.length, median, p95, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Times `runs` calls of fn (awaiting it when it returns a promise), in milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const result = fn();
    if (result instanceof Promise) await result;
    times.push(performance.now() - t0);
  }
  return stats(times);
}
