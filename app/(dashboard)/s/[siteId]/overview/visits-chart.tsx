'use client';
import { Card } from 'antd';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type SeriesPoint = RouterOutputs['report']['series']['points'][number];
import { useFormat } from '@/app/_components/use-format';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';

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
  const fmt = useFormat(timeZone);
  const { locale } = useLocale();
  const tick = new Intl.DateTimeFormat(
    intlTag(locale),
    bucket === 'hour' ? { timeZone, hour: '2-digit', minute: '2-digit' } : { timeZone, month: 'short', day: 'numeric' },
  );
  return (
    <Card size="small" title={t('title')} data-testid="visits-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tickFormatter={(v: number) => tick.format(v)} minTickGap={24} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} width={48} />
          <Tooltip
            labelFormatter={(v) => (bucket === 'hour' ? fmt.dateTime(Number(v)) : fmt.date(Number(v)))}
            formatter={(v) => fmt.number(Number(v))}
          />
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
