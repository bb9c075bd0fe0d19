'use client';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import type { RouterOutputs } from '@/app/_lib/trpc';

type Series = RouterOutputs['bots']['series'];

/** Bot hits per hour (one day) or per day, of every bot or the one picked. */
export function BotsChart({ series, bot }: { series: Series; bot?: string }) {
  const t = useTranslations('bots');
  const { bucket, timeZone, points } = series;
  const fmt = useFormat(timeZone);
  const { locale } = useLocale();
  const tick = new Intl.DateTimeFormat(
    intlTag(locale),
    bucket === 'hour' ? { timeZone, hour: '2-digit', minute: '2-digit' } : { timeZone, month: 'short', day: 'numeric' },
  );
  return (
    <div data-testid="bots-chart" data-points={points.length} data-hits={points.reduce((n, p) => n + p.hits, 0)}>
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
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
