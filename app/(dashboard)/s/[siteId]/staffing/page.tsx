'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { PlanTarget } from '@/server/contract/plan-input';
import { QueryState } from '@/app/_components/query-state';
import { ReportHeader } from '@/app/_components/report-header';
import { useReportParams } from '@/app/_components/use-report-params';
import { useTRPC } from '@/app/_lib/trpc';
import { HeatmapCard } from './heatmap-card';
import { BusiestHour, PlannerGrid } from './planner-card';
import { DEFAULT_TARGET, PlannerForm } from './planner-form';

function Staffing() {
  const t = useTranslations('staffing');
  const trpc = useTRPC();
  const { input } = useReportParams();
  const [target, setTarget] = useState<PlanTarget>(DEFAULT_TARGET);
  const heatmap = useQuery(trpc.staffing.heatmap.queryOptions(input));
  // The previous plan stays on screen while a changed target is recomputed.
  const plan = useQuery(
    trpc.staffing.plan.queryOptions({ ...input, ...target }, { placeholderData: keepPreviousData }),
  );
  const noTraffic = (d: { cells: { visitors: number; requests: number }[] }) =>
    d.cells.every((c) => c.visitors === 0 && c.requests === 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ReportHeader title={t('title')} />
      <QueryState query={plan} rows={1}>
        {(p) => <BusiestHour plan={p} />}
      </QueryState>
      <QueryState query={heatmap} rows={8} isEmpty={noTraffic}>
        {(h) => <HeatmapCard heatmap={h} timeZone={h.timeZone} />}
      </QueryState>
      <Card size="small" title={t('planner.title')}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <PlannerForm
            target={target}
            onChange={setTarget}
            measuredAhtSeconds={plan.data?.measuredAhtSeconds}
            timeZone={plan.data?.timeZone ?? 'UTC'}
          />
          <QueryState query={plan} rows={8}>
            {(p) => <PlannerGrid plan={p} concurrency={target.concurrency} timeZone={p.timeZone} />}
          </QueryState>
        </Space>
      </Card>
    </Space>
  );
}

export default function StaffingPage() {
  // The 30-day default comes from useReportParams, as on every report screen.
  return (
    <Suspense>
      <Staffing />
    </Suspense>
  );
}
