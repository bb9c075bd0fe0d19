'use client';
import { useQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { AttributionWindow } from './attribution-window';
import { BreakdownTable } from './breakdown-table';
import { FunnelCard } from './funnel-card';
import { OutcomeCards } from './outcome-cards';
import { ServedCard } from './served-card';

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
      <AttributionWindow value={windowDays} onChange={setWindowDays} />
      <QueryState query={funnel} rows={8}>
        {(f) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <FunnelCard current={f.current} previous={f.previous} />
            <ServedCard served={f.current.served} />
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
