import type { Money } from '../../contract/money.ts';

/** SQL: an array of (currency, value) tuples summed per currency, currencies sorted. */
export function sumByCurrencySql(pairs: string): string {
  return `arrayMap(c -> (c, arraySum(arrayMap(v -> v.2, arrayFilter(v -> v.1 = c, ${pairs})))), arraySort(arrayDistinct(arrayMap(v -> v.1, ${pairs}))))`;
}

/** The tuples as read back, rounded to cents (Decimal read as Float64). */
export function toMoney(pairs: unknown): Money[] {
  return ((pairs ?? []) as [string, number][]).map(([currency, value]) => ({ currency, value: Math.round(Number(value) * 100) / 100 }));
}
