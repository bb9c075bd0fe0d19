'use client';
import type { Money } from '@/server/contract/money';
import type { Column } from './data-table';
import type { useFormat } from './use-format';

/**
 * One column per currency found in `rows` ("Revenue (CNY)", CSV `revenue_CNY`), most
 * revenue first: amounts in different currencies are never added together, and each
 * column sorts on its own.
 */
export function moneyColumns<T>(
  rows: T[],
  pick: (row: T) => Money[],
  title: string,
  fmt: ReturnType<typeof useFormat>,
): Column<T>[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const m of pick(row)) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.value);
  const currencies = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const amount = (row: T, currency: string) => pick(row).find((m) => m.currency === currency)?.value ?? 0;
  // With no order at all, one empty column still says where revenue would be.
  if (currencies.length === 0)
    return [{ key: 'revenue', title, csvTitle: 'revenue', align: 'right', value: () => '', render: () => '—' }];
  return currencies.map((currency) => ({
    key: `revenue-${currency}`,
    title: `${title} (${currency})`,
    csvTitle: `revenue_${currency}`,
    align: 'right',
    value: (row: T) => amount(row, currency),
    render: (row: T) => fmt.money(amount(row, currency), currency),
  }));
}
