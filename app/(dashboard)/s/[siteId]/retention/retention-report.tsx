'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Cohort = RouterOutputs['retention']['cohorts']['cohorts'][number];
type Period = 'week' | 'month';
type Subject = 'visitors' | 'buyers';

/** Background of a share: the stronger the return, the deeper the blue (text turns white past half). */
function shade(share: number) {
  return { background: `rgba(22, 119, 255, ${0.08 + 0.82 * share})`, color: share > 0.5 ? '#fff' : undefined };
}

/**
 * Cohorts of first visit (or first order) as a triangle: each row one cohort, each column a
 * later period, the cell the share of the cohort that came back then.
 */
export function RetentionReport() {
  const t = useTranslations('analytics.retention');
  const trpc = useTRPC();
  const fmt = useFormat();
  const { input } = useReportParams();
  const [period, setPeriod] = useState<Period>('week');
  const [subject, setSubject] = useState<Subject>('visitors');
  const data = useQuery(trpc.retention.cohorts.queryOptions({ ...input, period, subject }));
  const label = (p: number) => (period === 'week' ? t('weekN', { n: p }) : t('monthN', { n: p }));
  return (
    <Card
      size="small"
      title={t(subject === 'visitors' ? 'titleVisitors' : 'titleBuyers')}
      extra={
        <Space wrap>
          <Segmented
            size="small"
            value={subject}
            onChange={(v) => setSubject(v as Subject)}
            options={[
              { value: 'visitors', label: t('visitors') },
              { value: 'buyers', label: t('buyers') },
            ]}
            data-testid="retention-subject"
          />
          <Segmented
            size="small"
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            options={[
              { value: 'week', label: t('weekly') },
              { value: 'month', label: t('monthly') },
            ]}
            data-testid="retention-period"
          />
        </Space>
      }
    >
      <QueryState query={data} isEmpty={(d) => d.cohorts.length === 0}>
        {(d) => {
          const periods = Array.from({ length: d.periods }, (_, i) => i + 1);
          const share = (c: Cohort, p: number) =>
            c.size ? (c.returned.find((r) => r.period === p)?.visitors ?? 0) / c.size : 0;
          const columns: Column<Cohort>[] = [
            { key: 'cohort', title: t('cohort'), csvTitle: 'cohort', value: (c) => c.cohort, width: 110 },
            {
              key: 'size',
              title: t(subject),
              csvTitle: 'size',
              value: (c) => c.size,
              render: (c) => fmt.number(c.size),
              align: 'right',
              width: 90,
            },
            ...periods.map((p): Column<Cohort> => ({
              key: `p${p}`,
              title: label(p),
              csvTitle: `${period}_${p}`,
              value: (c) => share(c, p),
              sortable: false,
              align: 'right',
              width: 80,
              // Periods not yet reached by a cohort stay empty: the triangle.
              render: (c) =>
                p > lastPeriod(c.cohort, period) ? null : (
                  <div
                    data-testid={`ret-${c.cohort}-${p}`}
                    data-value={share(c, p)}
                    style={{ ...shade(share(c, p)), padding: '2px 6px', borderRadius: 4 }}
                  >
                    {fmt.percent(share(c, p))}
                  </div>
                ),
            })),
          ];
          return (
            <div style={{ overflowX: 'auto' }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t(subject === 'visitors' ? 'hintVisitors' : 'hintBuyers', { tz: d.timeZone })}
              </Typography.Paragraph>
              <DataTable
                rows={d.cohorts}
                rowKey={(c) => c.cohort}
                filename={`${input.siteId}-retention-${subject}-${period}`}
                testId="retention-table"
                pageSize={20}
                columns={columns}
              />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

/** How many whole periods after a cohort's start have begun by today (in the browser's calendar: a day off at most). */
function lastPeriod(cohort: string, period: Period): number {
  const start = Date.parse(`${cohort}T00:00:00Z`);
  const now = new Date();
  if (period === 'week') return Math.floor((now.getTime() - start) / (7 * 86_400_000));
  const s = new Date(start);
  return (now.getUTCFullYear() - s.getUTCFullYear()) * 12 + now.getUTCMonth() - s.getUTCMonth();
}
