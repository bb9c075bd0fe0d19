/** The q-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `fn` `runs` times after one warm-up and returns p50/p95 in ms (nearest rank: with 20 runs p95 is the 19th, so it is not simply the slowest run). */
export async function timeQuery(fn: () => Promise<unknown>, runs = 20): Promise<{ p50: number; p95: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
