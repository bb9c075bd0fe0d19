'use client';
import { Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type StaffingHeatmap = RouterOutputs['staffing']['heatmap'];
import { useFormat } from '@/app/_components/use-format';
import { mapStep, NO_DATA, PALETTE, stepBounds, stepColour } from '@/app/(dashboard)/s/[siteId]/geo/map-scale';
import { useSlotLabel, WeekHourGrid } from './week-hour-grid';

export const HEAT_METRICS = ['visitors', 'requests', 'waited', 'calls'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];

/** Weekday × hour heatmap of one metric, as an average per week of the range. */
export function HeatmapCard({ heatmap, timeZone }: { heatmap: StaffingHeatmap; timeZone: string }) {
  const t = useTranslations('staffing');
  const fmt = useFormat(timeZone);
  const slot = useSlotLabel();
  const [metric, setMetric] = useState<HeatMetric>('visitors');
  const perWeek = (total: number, weekday: number) => total / (heatmap.weeks[weekday - 1] || 1);
  const max = Math.max(0, ...heatmap.cells.map((c) => perWeek(c[metric], c.weekday)));
  return (
    <Card size="small" title={t('heatmap.title')}>
      {/* In the body, not the header: four metrics beside the title left it no room on a phone. */}
      <Segmented<HeatMetric>
        size="small"
        value={metric}
        data-testid="heat-metric"
        onChange={setMetric}
        options={HEAT_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
        style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
      />
      <WeekHourGrid
        cells={heatmap.cells}
        testId="heat"
        look={(c) => {
          const value = perWeek(c[metric], c.weekday);
          const step = c[metric] > 0 ? mapStep(value, max) : -1;
          return {
            background: stepColour(step),
            light: step >= 3,
            content: c[metric] > 0 ? fmt.decimal(value) : '',
            tooltip: (
              <div>
                <div style={{ fontWeight: 600 }}>{slot(c)}</div>
                <div>{t('heatmap.perWeek', { metric: t(`metric.${metric}`), value: fmt.decimal(value) })}</div>
                <div>{t('heatmap.total', { value: fmt.number(c[metric]) })}</div>
                {c.requests > 0 && <div>{t('heatmap.avgWait', { value: fmt.duration(c.avgWaitSeconds * 1000) })}</div>}
                {c.handled > 0 && (
                  <div>{t('heatmap.avgHandle', { value: fmt.duration(c.avgHandleSeconds * 1000) })}</div>
                )}
                {metric !== 'calls' && c.calls > 0 && (
                  <div>{t('heatmap.calls', { value: fmt.decimal(perWeek(c.calls, c.weekday)) })}</div>
                )}
                {c.callsHandled > 0 && (
                  <div>{t('heatmap.avgCall', { value: fmt.duration(c.avgCallSeconds * 1000) })}</div>
                )}
              </div>
            ),
          };
        }}
      />
      <Space size={12} wrap style={{ fontSize: 12, color: '#6b7280', marginTop: 8 }} data-testid="heat-legend">
        <span>{t('heatmap.legend', { metric: t(`metric.${metric}`) })}</span>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          {fmt.decimal(0)}
          <span style={{ display: 'inline-flex' }}>
            {stepBounds(max).map(([from, to], i) => (
              <span
                key={i}
                title={`${fmt.decimal(from)} – ${fmt.decimal(to)}`}
                style={{ width: 28, height: 10, background: PALETTE[i] }}
              />
            ))}
          </span>
          {fmt.decimal(max)}
        </span>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <span style={{ width: 28, height: 10, background: NO_DATA, border: '1px solid #d1d5db' }} />
          {t('heatmap.none')}
        </span>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('heatmap.help', { tz: timeZone })} {metric === 'waited' && t('heatmap.waitedHelp')}
      </Typography.Paragraph>
    </Card>
  );
}
