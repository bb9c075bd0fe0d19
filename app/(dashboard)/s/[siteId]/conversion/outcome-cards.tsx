'use client';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type ConversionFunnel = RouterOutputs['conversion']['funnel']['current'];
type GroupOutcome = ConversionFunnel['chatted'];
import { useFormat } from '@/app/_components/use-format';

function Outcome({ title, o, testId }: { title: string; o: GroupOutcome; testId: string }) {
  const t = useTranslations('conversion');
  const fmt = useFormat();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('visitors')} value={fmt.number(o.visitors)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('orderConversion')} value={o.visitors ? fmt.percent(o.buyers / o.visitors) : '—'} />
        </Col>
        <Col span={8}>
          <Statistic title={t('orders')} value={fmt.number(o.orders)} />
        </Col>
      </Row>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
        {t('revenue')}: {fmt.moneyList(o.revenue)}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('aov')}: {o.orders ? o.revenue.map((r) => fmt.money(r.value / o.orders, r.currency)).join(' / ') : '—'}
      </Typography.Text>
    </Card>
  );
}

/** Visitors who chatted against those who did not; then how long leads and orders take. */
export function OutcomeCards({ funnel }: { funnel: ConversionFunnel }) {
  const t = useTranslations('conversion');
  const fmt = useFormat();
  const buckets = ['lt1h', 'lt1d', 'lt7d', 'lt30d', 'later'].map((key, i) => ({
    key,
    label: t(`bucket.${key}`),
    leads: funnel.toLead.buckets[i] ?? 0,
    orders: funnel.toOrder.buckets[i] ?? 0,
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Outcome title={t('chatted')} o={funnel.chatted} testId="outcome-chatted" />
      </Col>
      <Col xs={24} lg={8}>
        <Outcome title={t('notChatted')} o={funnel.notChatted} testId="outcome-not-chatted" />
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('timeTo')} data-testid="time-to">
          <Typography.Text type="secondary">
            {t('medianLead', { time: funnel.toLead.median ? fmt.duration(funnel.toLead.median) : '—' })} ·{' '}
            {t('medianOrder', { time: funnel.toOrder.median ? fmt.duration(funnel.toOrder.median) : '—' })}
          </Typography.Text>
          <ResponsiveContainer width="100%" height={170}>
            <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} width={32} />
              <Tooltip formatter={(v) => fmt.number(Number(v))} />
              <Legend />
              <Bar dataKey="leads" name={t('leads')} fill="#4f46e5" />
              <Bar dataKey="orders" name={t('orders')} fill="#10b981" />
            </BarChart>
          </ResponsiveContainer>
        </Card>
      </Col>
    </Row>
  );
}
