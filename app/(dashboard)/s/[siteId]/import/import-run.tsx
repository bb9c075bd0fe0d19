'use client';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic } from 'antd';
import Link from '@/app/_components/link';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { IMPORT_CHUNK_ROWS, MERGE_KEYS, type ImportChunkResult } from '@/server/contract/customer-import';
import { DataTable } from '@/app/_components/data-table';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC } from '@/app/_lib/trpc';
import { mapRows, type ColumnUse, type CsvFile } from './csv-mapping';

type Totals = ImportChunkResult;
const empty = (): Totals => ({ created: 0, merged: { externalId: 0, email: 0, phone: 0 }, errors: [] });

/** Sends the mapped rows chunk after chunk (one at a time, so the bar moves as the server stores them). */
export function ImportRun({
  siteId,
  file,
  uses,
  onAgain,
}: {
  siteId: string;
  file: CsvFile;
  uses: ColumnUse[];
  onAgain: () => void;
}) {
  const t = useTranslations('customers');
  const fmt = useFormat();
  const trpc = useTRPC();
  const importChunk = useMutation(trpc.people.importChunk.mutationOptions());
  const [done, setDone] = useState(0);
  const [totals, setTotals] = useState<Totals>(empty);
  const [failure, setFailure] = useState<{ message: string; line: number } | null>(null);
  const started = useRef(false);
  const total = file.data.length;

  useEffect(() => {
    // Strict mode mounts twice in development: one run only.
    if (started.current) return;
    started.current = true;
    const rows = mapRows(file.header, file.data, uses);
    void (async () => {
      for (let at = 0; at < rows.length; at += IMPORT_CHUNK_ROWS) {
        const chunk = rows.slice(at, at + IMPORT_CHUNK_ROWS);
        try {
          const r = await importChunk.mutateAsync({ siteId, rows: chunk });
          setTotals((s) => ({
            created: s.created + r.created,
            merged: {
              externalId: s.merged.externalId + r.merged.externalId,
              email: s.merged.email + r.merged.email,
              phone: s.merged.phone + r.merged.phone,
            },
            errors: [...s.errors, ...r.errors],
          }));
          setDone(at + chunk.length);
        } catch (error) {
          setFailure({
            message: error instanceof Error ? error.message : String(error),
            line: chunk[0]?.line ?? at + 1,
          });
          return;
        }
      }
    })();
    // The run belongs to this mount; a new file mounts a new run.
  }, []);

  const finished = done === total;
  const percent = total ? Math.floor((done / total) * 100) : 100;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={finished ? t('done') : t('importing', { done: fmt.number(done), total: fmt.number(total) })}
      >
        <div data-testid="import-progress" data-percent={percent}>
          <Progress percent={percent} status={failure ? 'exception' : finished ? 'success' : 'active'} />
        </div>
        {failure && <Alert type="error" showIcon message={t('failed', failure)} style={{ marginTop: 12 }} />}
        <Row gutter={[16, 16]} style={{ marginTop: 12 }} data-testid="import-totals">
          <Col xs={12} md={6}>
            <Statistic
              title={t('created')}
              value={totals.created}
              formatter={(v) => fmt.number(Number(v))}
              data-testid="import-created"
            />
          </Col>
          {MERGE_KEYS.map((key) => (
            <Col xs={12} md={4} key={key}>
              <Statistic
                title={t('mergedBy', { key: t(`use.${key}`) })}
                value={totals.merged[key]}
                formatter={(v) => fmt.number(Number(v))}
                data-testid={`import-merged-${key}`}
              />
            </Col>
          ))}
          <Col xs={12} md={6}>
            <Statistic
              title={t('skipped')}
              value={totals.errors.length}
              formatter={(v) => fmt.number(Number(v))}
              data-testid="import-skipped"
            />
          </Col>
        </Row>
      </Card>
      {totals.errors.length > 0 && (
        <DataTable
          title={t('errors')}
          testId="import-errors"
          filename={`${siteId}-import-skipped-rows`}
          rows={totals.errors}
          rowKey={(r) => r.line}
          columns={[
            {
              key: 'line',
              title: t('row'),
              csvTitle: 'row',
              value: (r) => r.line,
              render: (r) => fmt.number(r.line),
              sortable: true,
            },
            {
              key: 'error',
              title: t('status'),
              csvTitle: 'error',
              value: (r) => r.error,
              render: (r) => t(`rowError.${r.error}`),
            },
          ]}
        />
      )}
      {(finished || failure) && (
        <Space>
          <Button onClick={onAgain} data-testid="import-again">
            {t('another')}
          </Button>
          <Link href={`/s/${encodeURIComponent(siteId)}/visitors`}>{t('seeVisitors')}</Link>
        </Space>
      )}
    </Space>
  );
}
