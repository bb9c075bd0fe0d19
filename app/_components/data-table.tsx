'use client';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnType } from 'antd';
import type { Key, ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { downloadCsv } from './csv';

export interface Column<T> {
  key: string;
  title: ReactNode;
  /** Header in the CSV file; columns without one (actions) are not exported. */
  csvTitle?: string;
  value: (row: T) => string | number;
  render?: (row: T) => ReactNode;
  align?: 'left' | 'right';
  sortable?: boolean;
  width?: number | string;
  /** Exported to CSV but not shown (a code beside the name the table shows). */
  hidden?: boolean;
}

/** The one table: sortable columns, pagination, CSV export of every row (not just the page). */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  filename,
  pageSize = 10,
  onRowClick,
  title,
  extra,
  testId,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => Key;
  filename: string;
  pageSize?: number;
  onRowClick?: (row: T) => void;
  title?: ReactNode;
  extra?: ReactNode;
  testId?: string;
}) {
  const t = useTranslations('common');
  const exportCsv = () => {
    const exported = columns.filter((c) => c.csvTitle);
    downloadCsv(
      filename,
      exported.map((c) => c.csvTitle ?? c.key),
      rows.map((r) => exported.map((c) => c.value(r))),
    );
  };
  const antColumns: TableColumnType<T>[] = columns
    .filter((c) => !c.hidden)
    .map((c) => ({
      key: c.key,
      title: c.title,
      align: c.align,
      width: c.width,
      render: (_: unknown, row: T) => c.render?.(row) ?? c.value(row),
      sorter: c.sortable === false ? undefined : (a: T, b: T) => compare(c.value(a), c.value(b)),
      sortDirections: ['descend', 'ascend'],
    }));
  return (
    <div data-testid={testId}>
      {
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            justifyContent: 'space-between',
            alignItems: 'center',
            marginBottom: 8,
            gap: 8,
          }}
        >
          <div style={{ fontWeight: 600 }}>{title}</div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {extra}
            <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} disabled={rows.length === 0}>
              {t('exportCsv')}
            </Button>
          </div>
        </div>
      }
      <Table<T>
        size="small"
        columns={antColumns}
        dataSource={rows}
        rowKey={rowKey}
        // A wide table scrolls inside its card instead of widening the page (phones).
        scroll={{ x: 'max-content' }}
        pagination={
          rows.length > pageSize
            ? { pageSize, showSizeChanger: false, showTotal: (n) => t('total', { count: n }) }
            : false
        }
        onRow={onRowClick ? (row) => ({ onClick: () => onRowClick(row), style: { cursor: 'pointer' } }) : undefined}
      />
    </div>
  );
}

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
