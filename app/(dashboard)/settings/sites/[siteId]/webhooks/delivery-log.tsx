'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { DataTable, type Column } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import type { WebhookDeliveryStatus, WebhookError } from '@/server/contract/webhooks';

type Delivery = RouterOutputs['webhook']['deliveries'][number];

const STATUS_COLOR: Record<WebhookDeliveryStatus, string> = {
  delivered: 'green',
  retrying: 'orange',
  failed: 'red',
};

/** Every attempt of the site's webhooks, newest first, with "redeliver". */
export function DeliveryLog({ siteId, urls }: { siteId: string; urls: Map<string, string> }) {
  const t = useTranslations('webhooks');
  const fmt = useFormat();
  const trpc = useTRPC();
  const { message } = App.useApp();
  // Attempts happen in the server's outbox, not on a click: poll while the page is open.
  const log = useQuery(trpc.webhook.deliveries.queryOptions({ siteId }, { refetchInterval: 3_000 }));
  const redeliver = useMutation(
    trpc.webhook.redeliver.mutationOptions({
      onSuccess: () => void message.success(t('redeliverQueued')),
      onError: (error) => void message.error(error.message),
    }),
  );
  const outcome = (d: Delivery) =>
    d.responseCode > 0 ? String(d.responseCode) : d.error ? t(`errors.${d.error as WebhookError}`) : '';
  const columns: Column<Delivery>[] = [
    {
      key: 'at',
      title: t('log.at'),
      csvTitle: 'time',
      value: (d) => d.at,
      render: (d) => fmt.dateTime(d.at),
      sortable: true,
    },
    {
      key: 'event',
      title: t('log.event'),
      csvTitle: 'event',
      value: (d) => d.eventType,
      render: (d) => (
        <span>
          <code>{d.eventType}</code>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: d.eventId }}>
            {d.eventId.slice(0, 16)}…
          </Typography.Text>
        </span>
      ),
    },
    { key: 'eventId', title: 'event_id', csvTitle: 'event_id', value: (d) => d.eventId, hidden: true },
    {
      key: 'target',
      title: t('url'),
      csvTitle: 'url',
      value: (d) => urls.get(d.subscriptionId) ?? d.subscriptionId,
      render: (d) => (
        <Typography.Text ellipsis style={{ maxWidth: 220 }}>
          {urls.get(d.subscriptionId) ?? t('removed')}
        </Typography.Text>
      ),
    },
    {
      key: 'status',
      title: t('log.status'),
      csvTitle: 'status',
      value: (d) => d.status,
      render: (d) => (
        <Tag color={STATUS_COLOR[d.status as WebhookDeliveryStatus] ?? 'default'} data-testid="delivery-status">
          {t(`status.${d.status as WebhookDeliveryStatus}`)}
        </Tag>
      ),
      sortable: true,
    },
    { key: 'code', title: t('log.response'), csvTitle: 'response', value: outcome },
    {
      key: 'attempt',
      title: t('log.attempt'),
      csvTitle: 'attempt',
      value: (d) => d.attempt,
      align: 'right',
      sortable: true,
    },
    { key: 'ms', title: t('log.duration'), csvTitle: 'duration_ms', value: (d) => d.durationMs, align: 'right' },
    {
      key: 'actions',
      title: '',
      value: () => '',
      sortable: false,
      render: (d) =>
        urls.has(d.subscriptionId) ? (
          <Button
            size="small"
            loading={redeliver.isPending && redeliver.variables.eventId === d.eventId}
            onClick={() => redeliver.mutate({ siteId, subscriptionId: d.subscriptionId, eventId: d.eventId })}
          >
            {t('redeliver')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={t('log.title')} style={{ marginTop: 16 }} data-testid="delivery-log">
      <QueryState query={log}>
        {(rows) => (
          <DataTable
            rows={rows}
            columns={columns}
            rowKey={(d) => `${d.eventId}~${d.subscriptionId}~${d.attempt}~${d.at}`}
            filename={`webhook-deliveries-${siteId}`}
            pageSize={20}
          />
        )}
      </QueryState>
    </Card>
  );
}
