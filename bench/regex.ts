// Pattern matchers fed their worst inputs (server/testing/worst-inputs.ts), timed now and,
// where a fix replaced one, through the replaced code on the same input.
import { WORST_CASES } from '../server/testing/worst-inputs.ts';

export interface RegexTiming {
  name: string;
  source: string;
  /** Median ms of one call. */
  now: number;
  before?: number;
}

function median(f: () => unknown, budgetMs = 500, maxRuns = 21): number {
  f(); // warm-up: compile the regex, load the lazily built tables
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < 3 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export function benchRegex(): RegexTiming[] {
  return WORST_CASES.map((c) => ({
    name: c.name,
    source: c.source,
    now: median(() => c.run()),
    before: c.before ? median(c.before) : undefined,
  }));
}
