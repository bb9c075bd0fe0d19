'use client';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Statistic, Tooltip, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { OverviewKpis } from '@/server/queries/overview-kpis';
import { useFormat } from '../../../../_components/use-format';

const KEYS: (keyof OverviewKpis)[] = ['visitors', 'sessions', 'pageviews', 'bounceRate', 'avgSessionMs', 'chats', 'leads', 'orders', 'revenue'];
// For these a rise is bad news.
const LOWER_IS_BETTER = new Set<keyof OverviewKpis>(['bounceRate']);

export function KpiTiles({ current, previous, currency = 'CNY' }: { current: OverviewKpis; previous: OverviewKpis; currency?: string }) {
  const t = useTranslations('overview');
  const fmt = useFormat();
  const show = (key: keyof OverviewKpis, v: number) =>
    key === 'bounceRate' ? fmt.percent(v) : key === 'avgSessionMs' ? fmt.duration(v) : key === 'revenue' ? fmt.money(v, currency) : fmt.number(v);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: 12 }}>
      {KEYS.map((key) => {
        const now = current[key];
        const before = previous[key];
        const change = before === 0 ? (now === 0 ? 0 : null) : (now - before) / before;
        const good = change !== null && change !== 0 && (change > 0) !== LOWER_IS_BETTER.has(key);
        return (
          <Card key={key} size="small" data-testid={`kpi-${key}`}>
              <Statistic title={t(`kpi.${key}`)} value={show(key, now)} valueRender={(node) => <span data-testid="kpi-value">{node}</span>} />
              <Tooltip title={t('previous', { value: show(key, before) })}>
                <Typography.Text type={change === null || change === 0 ? 'secondary' : good ? 'success' : 'danger'} style={{ fontSize: 12 }} data-testid="kpi-change">
                  {change === null ? '—' : change === 0 ? t('noChange') : <>{change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {fmt.percent(Math.abs(change))}</>}
                </Typography.Text>
              </Tooltip>
          </Card>
        );
      })}
    </div>
  );
}
