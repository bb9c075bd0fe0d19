'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Select } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useDeviceName } from '@/app/_components/use-device-name';
import { CONVERSION_DIMENSIONS, NO_RULE, type ConversionDimension } from '@/server/contract/conversion';
import { ROBOT_AGENT_ID } from '@/server/contract/service-settings';
import { Country } from '@/app/_components/country';
import { DataTable } from '@/app/_components/data-table';
import { HintTitle } from '@/app/_components/hint-title';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import type { ReportInput } from '@/server/contract/report-input';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type Row = RouterOutputs['conversion']['breakdown'][number];

/** Which sources, campaigns, pages, places, devices, agents and rules turn chats into orders. */
export function BreakdownTable({ input, windowDays }: { input: ReportInput & { siteId: string }; windowDays: number }) {
  const t = useTranslations('conversion');
  const deviceName = useDeviceName();
  const tr = useTranslations('robot');
  const fmt = useFormat();
  const trpc = useTRPC();
  const [dimension, setDimension] = useState<ConversionDimension>('campaign');
  const rows = useQuery(trpc.conversion.breakdown.queryOptions({ ...input, windowDays, dimension }));
  // People no rule invited: by how their chat began, in words (the values are codes).
  const ruleLabel = (r: Row) =>
    r.value === NO_RULE.visitorStarted
      ? t('visitorStarted')
      : r.value === NO_RULE.agentInvited
        ? t('agentInvited')
        : r.value === ''
          ? t('noInvitation')
          : r.label;
  // People whose first chat the robot served: the robot is their agent.
  const robot = (r: Row) => dimension === 'agent' && r.value === ROBOT_AGENT_ID;
  const text = (r: Row) => (dimension === 'rule' ? ruleLabel(r) : robot(r) ? tr('robot') : r.label || r.value);
  const label = (r: Row) => {
    if (dimension === 'country') return r.value ? <Country code={r.value} /> : t('unknown');
    if (dimension === 'device') return deviceName(r.value);
    if (dimension === 'rule') return ruleLabel(r);
    if (robot(r)) return tr('robot');
    return r.label || (dimension === 'agent' ? t('none') : t('unknown'));
  };
  const rate = (a: number, b: number) => (b ? fmt.percent(a / b) : '—');
  return (
    <Card
      size="small"
      title={t('breakdown')}
      extra={
        <Select<ConversionDimension>
          value={dimension}
          onChange={setDimension}
          style={{ width: 180 }}
          aria-label={t('breakdownBy')}
          data-testid="breakdown-dimension"
          options={CONVERSION_DIMENSIONS.map((d) => ({ value: d, label: t(`dimension.${d}`) }))}
        />
      }
    >
      <QueryState query={rows}>
        {(data) => (
          <DataTable<Row>
            rows={data}
            rowKey={(r) => r.value}
            filename={`conversion-by-${dimension}`}
            testId="conversion-breakdown"
            columns={[
              { key: 'value', title: t(`dimension.${dimension}`), csvTitle: dimension, value: text, render: label },
              {
                key: 'visitors',
                title: <HintTitle text={t('visitors')} hint={t('visitorsHint')} testId="visitors-hint" />,
                csvTitle: 'visitors',
                align: 'right',
                value: (r) => r.visitors,
                render: (r) => fmt.number(r.visitors),
              },
              {
                key: 'invited',
                title: t('step.shown'),
                csvTitle: 'invited',
                align: 'right',
                value: (r) => r.invited,
                render: (r) => fmt.number(r.invited),
              },
              {
                key: 'chatted',
                title: t('step.chatted'),
                csvTitle: 'chatted',
                align: 'right',
                value: (r) => r.chatted,
                render: (r) => fmt.number(r.chatted),
              },
              {
                key: 'leads',
                title: t('step.leads'),
                csvTitle: 'leads',
                align: 'right',
                value: (r) => r.leads,
                render: (r) => fmt.number(r.leads),
              },
              {
                key: 'chattedBuyers',
                title: t('chattedBuyers'),
                csvTitle: 'chatted_buyers',
                align: 'right',
                value: (r) => r.chattedBuyers,
                render: (r) => fmt.number(r.chattedBuyers),
              },
              {
                key: 'chatRate',
                title: t('chatToOrder'),
                csvTitle: 'chat_to_order',
                align: 'right',
                value: (r) => (r.chatted ? r.chattedBuyers / r.chatted : 0),
                render: (r) => rate(r.chattedBuyers, r.chatted),
              },
              {
                key: 'buyers',
                title: t('buyers'),
                csvTitle: 'buyers',
                align: 'right',
                value: (r) => r.buyers,
                render: (r) => fmt.number(r.buyers),
              },
              {
                key: 'revenue',
                title: t('revenue'),
                csvTitle: 'revenue',
                align: 'right',
                value: (r) => r.revenue.map((m) => `${m.value} ${m.currency}`).join(' + '),
                render: (r) => fmt.moneyList(r.revenue),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
