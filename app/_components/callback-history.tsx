'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Timeline, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { useFormat } from './use-format';

/**
 * Every step of the callbacks of a lead or of a person's visitor ids, oldest first, in the
 * site's time zone: when they asked to be called, who claimed it, what each call gave.
 * Shows nothing while there is none, so a lead without a callback keeps its drawer short.
 */
export function CallbackHistory({
  siteId,
  leadId = '',
  visitorIds = [],
  card = false,
}: {
  siteId: string;
  leadId?: string;
  visitorIds?: string[];
  /** In a card of its own (the profile's column), else under a heading (the lead drawer). */
  card?: boolean;
}) {
  const t = useTranslations('callbacks');
  const trpc = useTRPC();
  const history = useQuery(
    trpc.callback.history.queryOptions({ siteId, leadId, visitorIds }, { enabled: siteId !== '' }),
  );
  const fmt = useFormat(history.data?.timeZone);
  const steps = history.data?.steps ?? [];
  if (steps.length === 0) return null;
  const line = (s: (typeof steps)[number]) => {
    const agent = s.agentName;
    if (s.kind === 'requested') return t('history.requested', { at: fmt.dateTime(s.dueAt) });
    if (s.kind === 'claimed') return t('history.claimed', { agent });
    if (s.outcome === 'call_again') return t('history.again', { agent, at: fmt.dateTime(s.dueAt) });
    return t('history.outcome', { agent, outcome: s.outcome ? t(`outcomes.${s.outcome}`) : '' });
  };
  const timeline = (
    <Timeline
      items={steps.map((s, i) => ({
        key: i,
        color: s.kind === 'outcome' ? (s.outcome === 'reached' ? 'green' : 'gray') : 'blue',
        content: (
          <span>
            <Typography.Text type="secondary">{fmt.dateTime(s.at)}</Typography.Text> · {line(s)}
          </span>
        ),
      }))}
    />
  );
  return card ? (
    <Card size="small" title={t('history.title')} style={{ marginTop: 16 }} data-testid="callback-history">
      {timeline}
    </Card>
  ) : (
    <div data-testid="callback-history">
      <Typography.Title level={5}>{t('history.title')}</Typography.Title>
      {timeline}
    </div>
  );
}
