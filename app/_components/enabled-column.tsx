'use client';
import { Switch } from 'antd';
import type { Column } from './data-table';

/** An on/off switch as a table column (sorts on before off; exported as 1/0 when titled for CSV). */
export function enabledColumn<T extends { enabled: boolean }>(
  title: string,
  onChange: (row: T, on: boolean) => void,
): Column<T> {
  return {
    key: 'enabled',
    title,
    value: (r) => (r.enabled ? 1 : 0),
    render: (r) => <Switch size="small" checked={r.enabled} aria-label={title} onChange={(on) => onChange(r, on)} />,
  };
}
