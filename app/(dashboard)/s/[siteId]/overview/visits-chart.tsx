'use client';
import { Card, Flex, Segmented, Select } from 'antd';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { useBucketFormat } from '@/app/_components/bucket-format';
import type { RouterOutputs } from '@/app/_lib/trpc';
import {
  SERIES_COMPARES,
  SERIES_INTERVALS,
  SERIES_METRICS,
  type SeriesCompare,
  type SeriesInterval,
  type SeriesMetric,
} from '@/server/contract/report-input';

type Series = RouterOutputs['report']['series'];

/** The chart's own URL state (?metric=…&interval=…&compare=…), beside the report's range and filters. */
export function chartParams(search: URLSearchParams) {
  const pick = <T extends string>(all: readonly T[], key: string): T | undefined =>
    all.find((v) => v === search.get(key));
  return {
    metric: pick(SERIES_METRICS, 'metric') ?? 'visitors',
    interval: pick(SERIES_INTERVALS, 'interval'),
    compare: pick(SERIES_COMPARES, 'compare') ?? 'none',
  };
}

export function VisitsChart({
  series,
  metric,
  onChange,
}: {
  series: Series;
  metric: SeriesMetric;
  onChange: (changes: { metric?: SeriesMetric; interval?: SeriesInterval; compare?: SeriesCompare }) => void;
}) {
  const t = useTranslations('overview.chart');
  const { fmt, tick, label } = useBucketFormat(series.interval, series.timeZone);
  const compare = series.compare;
  const data = series.points.map((p, i) => ({
    at: p.at,
    value: p[metric],
    before: compare?.[i]?.[metric] ?? null,
    beforeAt: compare?.[i]?.at ?? null,
  }));
  const compareName = t(series.compareWith === 'year' ? 'lastYear' : 'previousPeriod');
  return (
    <Card
      size="small"
      title={t('title')}
      data-testid="visits-chart"
      data-points={series.points.length}
      data-compare-points={compare?.length ?? 0}
      extra={
        <Flex gap={8} wrap="wrap" justify="end">
          <Select
            size="small"
            value={metric}
            onChange={(m: SeriesMetric) => onChange({ metric: m })}
            options={SERIES_METRICS.map((m) => ({ value: m, label: t(m) }))}
            style={{ minWidth: 110 }}
            data-testid="chart-metric"
          />
          <Segmented
            size="small"
            value={series.interval}
            onChange={(i) => onChange({ interval: i })}
            options={SERIES_INTERVALS.map((i) => ({
              value: i,
              label: t(`interval.${i}`),
              disabled: !series.intervals.includes(i),
            }))}
            data-testid="chart-interval"
          />
          <Select
            size="small"
            value={series.compareWith}
            onChange={(c: SeriesCompare) => onChange({ compare: c })}
            options={SERIES_COMPARES.map((c) => ({ value: c, label: t(`compare.${c}`) }))}
            style={{ minWidth: 150 }}
            data-testid="chart-compare"
          />
        </Flex>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tickFormatter={tick} minTickGap={24} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} width={48} />
          <Tooltip
            labelFormatter={label}
            formatter={(v, name, item) => {
              const at = (item.payload as { beforeAt: number | null }).beforeAt;
              return [
                fmt.number(Number(v)),
                item.dataKey === 'before' && at !== null ? `${name} (${label(at)})` : name,
              ];
            }}
          />
          <Legend />
          <Area type="monotone" dataKey="value" name={t(metric)} stroke="#4f46e5" fill="#4f46e5" fillOpacity={0.15} />
          {compare && (
            <Line
              type="monotone"
              dataKey="before"
              name={compareName}
              stroke="#94a3b8"
              strokeDasharray="5 4"
              dot={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </Card>
  );
}
