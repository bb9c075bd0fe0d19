'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { CALLBACK_OUTCOMES } from '@/server/contract/callbacks';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['callback']['outcomes'][number];

/** Each outcome's count in a row, by the outcome code (the column and CSV key). */
const OUTCOME_FIELD = {
  reached: 'reached',
  no_answer: 'noAnswer',
  wrong_number: 'wrongNumber',
  call_again: 'callAgain',
} as const satisfies Record<(typeof CALLBACK_OUTCOMES)[number], keyof Row>;

/** Callbacks per agent in the range: claims, outcomes recorded and each outcome's count. */
export function CallbackWork() {
  const t = useTranslations('callbacks');
  const fmt = useFormat();
  const trpc = useTRPC();
  const { input } = useReportParams();
  const work = useQuery(trpc.callback.outcomes.queryOptions(input));
  const count = (key: string, title: string, csvTitle: string, value: (r: Row) => number) => ({
    key,
    title,
    csvTitle,
    align: 'right' as const,
    sortable: true,
    value,
    render: (r: Row) => fmt.number(value(r)),
  });
  return (
    <Card size="small" title={t('report.title')} data-testid="callback-work">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('report.note')}
      </Typography.Paragraph>
      <QueryState query={work} rows={2}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty data-state="empty" description={t('report.empty')} />
          ) : (
            <DataTable<Row>
              rows={rows}
              rowKey={(r) => r.agentId}
              filename="callbacks-worked"
              testId="callback-work-table"
              columns={[
                { key: 'name', title: t('report.agent'), csvTitle: 'agent', value: (r) => r.name },
                count('claimed', t('report.claimed'), 'claimed', (r) => r.claimed),
                count('worked', t('report.worked'), 'outcomes', (r) => r.worked),
                ...CALLBACK_OUTCOMES.map((o) => count(o, t(`outcomes.${o}`), o, (r: Row) => r[OUTCOME_FIELD[o]])),
              ]}
            />
          )
        }
      </QueryState>
    </Card>
  );
}
