'use client';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Statistic, Tooltip, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useFormat } from '@/app/_components/use-format';
import type { RouterOutputs } from '@/app/_lib/trpc';

type OverviewKpis = RouterOutputs['report']['overview']['current'];

type Key = Exclude<keyof OverviewKpis, 'revenue'>;
const KEYS: (Key | 'revenue')[] = [
  'visitors',
  'sessions',
  'pageviews',
  'bounceRate',
  'avgSessionMs',
  'chats',
  'leads',
  'orders',
  'revenue',
];
// For these a rise is bad news.
const LOWER_IS_BETTER = new Set<string>(['bounceRate']);

/** Revenue compares like with like: each currency against the same currency before. */
function revenueByCurrency(current: OverviewKpis, previous: OverviewKpis): [string, number, number][] {
  const currencies = [...new Set([...current.revenue, ...previous.revenue].map((m) => m.currency))];
  const of = (k: OverviewKpis, currency: string) => k.revenue.find((m) => m.currency === currency)?.value ?? 0;
  return currencies.map((c) => [c, of(current, c), of(previous, c)]);
}

const changeOf = (now: number, before: number): number | null =>
  before === 0 ? (now === 0 ? 0 : null) : (now - before) / before;

/** `partial`: the range runs on past now, so the previous period is cut at the same elapsed time. */
export function KpiTiles({
  current,
  previous,
  partial,
}: {
  current: OverviewKpis;
  previous: OverviewKpis;
  partial: boolean;
}) {
  const t = useTranslations('overview');
  const fmt = useFormat();
  const show = (key: Key, v: number) =>
    key === 'bounceRate' ? fmt.percent(v) : key === 'avgSessionMs' ? fmt.duration(v) : fmt.number(v);
  const text = (key: Key | 'revenue', k: OverviewKpis) =>
    key === 'revenue' ? fmt.moneyList(k.revenue) : show(key, k[key]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: 12 }}>
      {KEYS.map((key) => {
        // One change per currency for revenue (labelled when there are several), one otherwise.
        const changes: [string, number | null][] =
          key === 'revenue'
            ? revenueByCurrency(current, previous).map(([c, now, before]) => [c, changeOf(now, before)])
            : [['', changeOf(current[key], previous[key])]];
        const labelled = changes.length > 1;
        return (
          // Revenue lists every currency (CN¥5,026.00 · US$320.00): two columns keep it inside its card.
          <Card
            key={key}
            size="small"
            data-testid={`kpi-${key}`}
            style={key === 'revenue' ? { gridColumn: 'span 2' } : undefined}
          >
            <Statistic
              title={t(`kpi.${key}`)}
              value={text(key, current)}
              valueRender={(node) => <span data-testid="kpi-value">{node}</span>}
            />
            <Tooltip title={t(partial ? 'previousSoFar' : 'previous', { value: text(key, previous) })}>
              <span style={{ display: 'inline-flex', gap: 10, flexWrap: 'wrap' }}>
                {changes.map(([currency, change]) => {
                  const good = change !== null && change !== 0 && change > 0 !== LOWER_IS_BETTER.has(key);
                  return (
                    <Typography.Text
                      key={currency}
                      type={change === null || change === 0 ? 'secondary' : good ? 'success' : 'danger'}
                      style={{ fontSize: 12 }}
                      data-testid="kpi-change"
                      data-currency={currency || undefined}
                    >
                      {labelled ? `${currency} ` : ''}
                      {change === null ? (
                        '—'
                      ) : change === 0 ? (
                        t('noChange')
                      ) : (
                        <>
                          {change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {fmt.percent(Math.abs(change))}
                        </>
                      )}
                    </Typography.Text>
                  );
                })}
              </span>
            </Tooltip>
          </Card>
        );
      })}
    </div>
  );
}
