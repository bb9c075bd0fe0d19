import type { ReactNode } from 'react';
import type { Column } from '@/app/_components/data-table';
import type { useFormat } from '@/app/_components/use-format';

type Format = ReturnType<typeof useFormat>;

/** A sortable, right-aligned count column (CSV: the plain number) of the Events, Goals and Funnels screens. */
export function countColumn<T>(
  fmt: Format,
  key: string,
  title: ReactNode,
  pick: (row: T) => number,
  csvTitle = key,
): Column<T> {
  return { key, title, csvTitle, align: 'right', sortable: true, value: pick, render: (r) => fmt.number(pick(r)) };
}

/** The same for a share (CSV: the fraction, 0..1). */
export function rateColumn<T>(
  fmt: Format,
  key: string,
  title: ReactNode,
  pick: (row: T) => number,
  csvTitle = key,
): Column<T> {
  return { key, title, csvTitle, align: 'right', sortable: true, value: pick, render: (r) => fmt.percent(pick(r)) };
}
