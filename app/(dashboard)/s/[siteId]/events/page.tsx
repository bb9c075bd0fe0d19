'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Drawer, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useFormat } from '@/app/_components/use-format';
import { useReportParams } from '@/app/_components/use-report-params';
import { useSite } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { countColumn, rateColumn } from '@/app/(dashboard)/s/[siteId]/goals/figure-columns';

type EventRow = RouterOutputs['goals']['events']['rows'][number];
type PropRow = RouterOutputs['goals']['eventProps'][number];

function PropsDrawer({ name, onClose }: { name: string | null; onClose: () => void }) {
  const t = useTranslations('goals.events');
  const trpc = useTRPC();
  const { siteId = '' } = useSite();
  const fmt = useFormat();
  const { input } = useReportParams();
  const props = useQuery({
    ...trpc.goals.eventProps.queryOptions({ ...input, eventName: name ?? '' }),
    enabled: name !== null,
  });
  const columns: Column<PropRow>[] = [
    { key: 'key', title: t('key'), csvTitle: 'prop', sortable: true, value: (r) => r.key },
    { key: 'value', title: t('value'), csvTitle: 'value', sortable: true, value: (r) => r.value },
    countColumn<PropRow>(fmt, 'events', t('events'), (r) => r.events),
    countColumn<PropRow>(fmt, 'visitors', t('visitors'), (r) => r.visitors),
  ];
  return (
    <Drawer
      open={name !== null}
      onClose={onClose}
      title={t('props', { name: name ?? '' })}
      size="large"
      destroyOnHidden
    >
      <QueryState query={props} isEmpty={(rows) => rows.length === 0}>
        {(rows) =>
          rows.length === 0 ? (
            <Typography.Text type="secondary">{t('noProps')}</Typography.Text>
          ) : (
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(r) => `${r.key}\u0000${r.value}`}
              filename={`${siteId}-event-props`}
              pageSize={20}
              testId="event-props"
            />
          )
        }
      </QueryState>
    </Drawer>
  );
}

function Events() {
  const t = useTranslations('goals.events');
  const trpc = useTRPC();
  const { siteId = '' } = useSite();
  const fmt = useFormat();
  const { input } = useReportParams();
  const events = useQuery(trpc.goals.events.queryOptions(input));
  const [picked, setPicked] = useState<string | null>(null);
  const base = events.data?.visitors ?? 0;
  const rate = (r: EventRow) => (base ? r.visitors / base : 0);
  const columns: Column<EventRow>[] = [
    {
      key: 'name',
      title: t('name'),
      csvTitle: 'event',
      sortable: true,
      value: (r) => r.name,
      render: (r) => <b>{r.name}</b>,
    },
    countColumn<EventRow>(fmt, 'events', t('events'), (r) => r.events),
    countColumn<EventRow>(fmt, 'visitors', t('visitors'), (r) => r.visitors),
    rateColumn<EventRow>(fmt, 'conversion', t('conversion'), rate, 'conversion_rate'),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Card size="small">
        <QueryState query={events} isEmpty={(d) => d.rows.length === 0}>
          {(d) => (
            <DataTable
              rows={d.rows}
              columns={columns}
              rowKey={(r) => r.name}
              filename={`${siteId}-events`}
              pageSize={20}
              onRowClick={(r) => setPicked(r.name)}
              testId="events-table"
            />
          )}
        </QueryState>
      </Card>
      <PropsDrawer name={picked} onClose={() => setPicked(null)} />
    </Space>
  );
}

export default function EventsPage() {
  return (
    <Suspense>
      <Events />
    </Suspense>
  );
}
