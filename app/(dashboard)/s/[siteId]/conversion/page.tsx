'use client';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '../../../../_components/query-state';
import { ReportHeader } from '../../../../_components/report-header';
import { useReportParams } from '../../../../_components/use-report-params';
import { useTRPC } from '../../../../_lib/trpc';
import { BreakdownTable } from './breakdown-table';
import { FunnelCard } from './funnel-card';
import { OutcomeCards } from './outcome-cards';

const WINDOWS = [7, 14, 30, 60, 90];

/** Does chatting turn into orders, and for which sources, campaigns, agents and rules. */
function Conversion() {
  const t = useTranslations('conversion');
  const trpc = useTRPC();
  const { input } = useReportParams();
  const [windowDays, setWindowDays] = useState(30);
  const funnel = useQuery(trpc.conversion.funnel.queryOptions({ ...input, windowDays }));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <Space>
        <Typography.Text type="secondary">{t('window')}</Typography.Text>
        <Select value={windowDays} onChange={setWindowDays} style={{ width: 140 }} aria-label={t('window')} options={WINDOWS.map((d) => ({ value: d, label: t('days', { n: d }) }))} data-testid="attribution-window" />
        <Typography.Text type="secondary">{t('windowHelp')}</Typography.Text>
      </Space>
      <QueryState query={funnel} rows={8}>
        {(f) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <FunnelCard current={f.current} previous={f.previous} />
            <OutcomeCards funnel={f.current} />
          </Space>
        )}
      </QueryState>
      <BreakdownTable input={input} windowDays={windowDays} />
    </Space>
  );
}

export default function ConversionPage() {
  // useSearchParams (the report state) needs a Suspense boundary in the App Router.
  return (
    <Suspense>
      <Conversion />
    </Suspense>
  );
}
