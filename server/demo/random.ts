/** mulberry32: a tiny seeded PRNG, so a seed always yields the same demo history. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T extends { weight: number }>(items: readonly T[]): T {
      const total = items.reduce((s, i) => s + i.weight, 0);
      let r = next() * total;
      for (const item of items) if ((r -= item.weight) < 0) return item;
      return items[items.length - 1] as T;
    },
    id: (prefix: string) => prefix + Math.floor(next() * 2 ** 52).toString(36).padStart(11, '0'),
  };
}

export type Random = ReturnType<typeof createRandom>;
