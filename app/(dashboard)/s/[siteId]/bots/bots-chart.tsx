'use client';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { useBucketFormat } from '@/app/_components/bucket-format';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Series = RouterOutputs['bots']['series'];

/** Bot hits per hour (one day) or per day, of every bot or the one picked. */
export function BotsChart({ series, bot }: { series: Series; bot?: string }) {
  const t = useTranslations('bots');
  const { bucket, timeZone, points } = series;
  const { fmt, tick, label } = useBucketFormat(bucket, timeZone);
  return (
    <div data-testid="bots-chart" data-points={points.length} data-hits={points.reduce((n, p) => n + p.hits, 0)}>
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" tickFormatter={tick} minTickGap={24} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => fmt.number(v)} width={48} />
          <Tooltip labelFormatter={label} formatter={(v) => fmt.number(Number(v))} />
          <Legend />
          <Area
            type="monotone"
            dataKey="hits"
            name={bot ? t('hitsOf', { bot }) : t('hits')}
            stroke="#d97706"
            fill="#d97706"
            fillOpacity={0.15}
            // Drawn at once: a left-to-right reveal hides the newest hours at first look.
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
