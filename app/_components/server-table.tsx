'use client';
import { Table, type TableColumnType } from 'antd';
import { useTranslations } from 'use-intl';

/** A list sorted by the server: antd only shows the arrows and reports the clicks. */
export interface ServerSort<K extends string> {
  key: K;
  order: 'asc' | 'desc';
}

/**
 * The table of a list the server sorts and pages (visitors, leads), where DataTable sorts
 * and pages rows it already holds. Columns with `sorter: true` sort by their `key`; a third
 * click on a header clears antd's sort, which asks for `defaultSort`.
 */
export function ServerTable<T extends object, K extends string>({
  rows,
  total,
  rowKey,
  columns,
  sort,
  defaultSort,
  page,
  pageSize,
  loading,
  testId,
  totalTestId,
  onPage,
  onSort,
}: {
  rows: T[];
  total: number;
  rowKey: keyof T & string;
  columns: TableColumnType<T>[];
  sort: ServerSort<K>;
  defaultSort: ServerSort<K>;
  page: number;
  pageSize: number;
  loading: boolean;
  testId: string;
  totalTestId: string;
  onPage: (page: number) => void;
  onSort: (sort: ServerSort<K>) => void;
}) {
  const t = useTranslations('common');
  const shown = columns.map((c): TableColumnType<T> =>
    c.sorter !== true
      ? c
      : {
          ...c,
          sortDirections: ['descend', 'ascend'],
          sortOrder: sort.key === c.key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
        },
  );
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      dataSource={rows}
      columns={shown}
      data-testid={testId}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false,
        showTotal: (n) => <span data-testid={totalTestId}>{t('total', { count: n })}</span>,
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'paginate') return onPage(pagination.current ?? 1);
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        onSort(
          s?.order && s.columnKey
            ? { key: s.columnKey as K, order: s.order === 'ascend' ? 'asc' : 'desc' }
            : defaultSort,
        );
      }}
    />
  );
}
