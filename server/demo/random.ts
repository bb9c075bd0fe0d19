/**
 * mulberry32: a tiny seeded PRNG, so a seed always yields the same demo history.
 * Every random choice of the generator goes through one instance, in a fixed order.
 */
export function createRandom(seed: number) {
  // The state lives in a typed array: a uint32 in a closure variable would be boxed as
  // a heap number on every step, and the generator draws hundreds of millions of times.
  const state = new Uint32Array([seed >>> 0]);
  const next = () => {
    const a = (state[0] = ((state[0] ?? 0) + 0x6d2b79f5) >>> 0);
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex8 = () => {
    const n = Math.floor(next() * 4294967296);
    return (
      (HEX[n >>> 24] ?? '') + (HEX[(n >>> 16) & 0xff] ?? '') + (HEX[(n >>> 8) & 0xff] ?? '') + (HEX[n & 0xff] ?? '')
    );
  };
  return {
    next,
    chance: (p: number) => next() < p,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    /** Exponentially distributed with this mean (cut at 10× the mean): waiting and reading times. */
    exp: (mean: number) => Math.min(10, -Math.log(1 - next())) * mean,
    /** Short readable id for rows the server would mint (chats, leads, invitations). */
    id: (prefix: string) =>
      prefix +
      Math.floor(next() * 2 ** 52)
        .toString(36)
        .padStart(11, '0'),
    /** Shaped like the tracker's randomId(): 16 random base-36 characters, then the time. */
    trackerId: (at: number) =>
      Math.floor(next() * 36 ** 8)
        .toString(36)
        .padStart(8, '0') +
      Math.floor(next() * 36 ** 8)
        .toString(36)
        .padStart(8, '0') +
      at.toString(36),
    /** A version-4 UUID from the seeded stream (enrich() mints random ones; history must be reproducible). */
    uuid(): string {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export type Random = ReturnType<typeof createRandom>;

/**
 * Weighted choice with the cumulative weights computed once: the generator draws from
 * the same lists millions of times.
 */
export function weightedPicker<T>(items: readonly T[], weightOf: (item: T) => number): (rnd: Random) => T {
  if (items.length === 0) throw new Error('weightedPicker needs at least one item');
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weightOf(item)));
  return (rnd) => {
    const r = rnd.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && (cumulative[i] ?? total) <= r) i++;
    return items[i] as T;
  };
}
