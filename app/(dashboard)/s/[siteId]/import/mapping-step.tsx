'use client';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { IMPORT_TARGETS, type ImportRowInput } from '@/server/contract/customer-import';
import { useFormat } from '@/app/_components/use-format';
import { mapRows, previewError, type ColumnUse, type CsvFile } from './csv-mapping';

const PREVIEW_ROWS = 5;
const USES: ColumnUse[] = [...IMPORT_TARGETS, 'field', 'skip'];

export function MappingStep({
  file,
  uses,
  onUses,
  onBack,
  onStart,
}: {
  file: CsvFile;
  uses: ColumnUse[];
  onUses: (uses: ColumnUse[]) => void;
  onBack: () => void;
  onStart: () => void;
}) {
  const t = useTranslations('customers');
  const fmt = useFormat();
  const rows = useMemo(() => mapRows(file.header, file.data, uses), [file, uses]);
  const skipped = useMemo(() => rows.filter((r) => previewError(r) !== null).length, [rows]);
  const doubled = IMPORT_TARGETS.filter((target) => uses.filter((u) => u === target).length > 1);
  const hasKey = uses.some((u) => u === 'email' || u === 'phone' || u === 'externalId');

  const mappingRows = file.header.map((name, c) => ({ c, name, sample: file.data[0]?.[c] ?? '' }));
  const setUse = (c: number, use: ColumnUse) => onUses(uses.map((u, i) => (i === c ? use : u)));
  const shown = (row: ImportRowInput) => [row.name, row.email, row.phone, row.externalId, row.tags].map((v) => v ?? '');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('fileSummary', { file: file.name, rows: file.data.length, columns: file.header.length })}
      >
        <Table
          size="small"
          pagination={false}
          rowKey="c"
          dataSource={mappingRows}
          scroll={{ x: true }}
          data-testid="import-mapping"
          columns={[
            {
              key: 'name',
              title: t('column'),
              render: (_, r) => <Typography.Text strong>{r.name || '—'}</Typography.Text>,
            },
            {
              key: 'sample',
              title: t('sample'),
              render: (_, r) => (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
                  {r.sample}
                </Typography.Text>
              ),
            },
            {
              key: 'use',
              title: t('useAs'),
              render: (_, r) => (
                <Select<ColumnUse>
                  value={uses[r.c]}
                  style={{ width: 180 }}
                  aria-label={`${t('useAs')}: ${r.name}`}
                  data-testid={`import-use-${r.c}`}
                  onChange={(use) => setUse(r.c, use)}
                  options={USES.map((u) => ({ value: u, label: t(`use.${u}`) }))}
                />
              ),
            },
          ]}
        />
      </Card>
      {doubled.map((target) => (
        <Alert key={target} type="warning" showIcon message={t('duplicateTarget', { target: t(`use.${target}`) })} />
      ))}
      {!hasKey && <Alert type="error" showIcon message={t('needKey')} />}
      <Card size="small" title={t('preview', { count: Math.min(PREVIEW_ROWS, rows.length) })}>
        <Table
          size="small"
          pagination={false}
          rowKey="line"
          scroll={{ x: true }}
          data-testid="import-preview"
          dataSource={rows.slice(0, PREVIEW_ROWS)}
          columns={[
            { key: 'line', title: t('row'), render: (_, r) => fmt.number(r.line) },
            ...IMPORT_TARGETS.map((target, i) => ({
              key: target,
              title: t(`use.${target}`),
              render: (_: unknown, r: ImportRowInput) => shown(r)[i],
            })),
            {
              key: 'fields',
              title: t('use.field'),
              render: (_, r) =>
                Object.entries(r.fields ?? {})
                  .filter(([, v]) => v)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · '),
            },
            {
              key: 'check',
              title: t('status'),
              render: (_, r) => {
                const error = previewError(r);
                return error ? <Tag color="red">{t(`rowError.${error}`)}</Tag> : <Tag color="green">{t('ok')}</Tag>;
              },
            },
          ]}
        />
        <Typography.Paragraph
          type={skipped ? 'warning' : 'secondary'}
          style={{ margin: '12px 0 0' }}
          data-testid="import-skips"
        >
          {t('willSkip', { count: skipped })}
        </Typography.Paragraph>
      </Card>
      <Space>
        <Button onClick={onBack}>{t('back')}</Button>
        <Button type="primary" disabled={!hasKey} onClick={onStart} data-testid="import-start">
          {t('start', { count: rows.length })}
        </Button>
      </Space>
    </Space>
  );
}
