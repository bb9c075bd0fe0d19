import { z } from 'zod';
import { col } from '../../../clickhouse/read-rows.ts';
import type { Money } from '../../contract/money.ts';

/** SQL: an array of (currency, value) tuples summed per currency, currencies sorted. */
export function sumByCurrencySql(pairs: string): string {
  return `arrayMap(c -> (c, arraySum(arrayMap(v -> v.2, arrayFilter(v -> v.1 = c, ${pairs})))), arraySort(arrayDistinct(arrayMap(v -> v.1, ${pairs}))))`;
}

/** A sumByCurrencySql column as read back: money per currency, rounded to cents (Decimal read as Float64). */
export const moneyColumn = z
  .array(z.tuple([col.text, col.decimal]))
  .transform((pairs): Money[] =>
    pairs.map(([currency, value]) => ({ currency, value: Math.round(value * 100) / 100 })),
  );
