'use client';
import { Card } from 'antd';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type SeriesPoint = RouterOutputs['report']['series']['points'][number];
import { useBucketFormat } from '@/app/_components/bucket-format';

export function VisitsChart({
  points,
  bucket,
  timeZone,
}: {
  points: SeriesPoint[];
  bucket: 'hour' | 'day';
  timeZone: string;
}) {
  const t = useTranslations('overview.chart');
  const { fmt, tick, label } = useBucketFormat(bucket, timeZone);
  return (
    <Card size="small" title={t('title')} data-testid="visits-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tickFormatter={tick} minTickGap={24} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} width={48} />
          <Tooltip labelFormatter={label} formatter={(v) => fmt.number(Number(v))} />
          <Legend />
          <Area
            type="monotone"
            dataKey="visitors"
            name={t('visitors')}
            stroke="#4f46e5"
            fill="#4f46e5"
            fillOpacity={0.15}
          />
          <Line type="monotone" dataKey="pageviews" name={t('pageviews')} stroke="#0ea5e9" dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </Card>
  );
}
