'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type ChannelRow = RouterOutputs['channel']['list'][number];
type DeliveryRow = RouterOutputs['channel']['deliveries'][number];

/** A site's API channels: create (key and signing secret shown once), switch, remove; the replies' delivery log. */
export function ApiChannelsCard({ siteId }: { siteId: string }) {
  const t = useTranslations('channels');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const format = useFormat();
  const channels = useQuery(trpc.channel.list.queryOptions({ siteId }));
  const deliveries = useQuery(trpc.channel.deliveries.queryOptions({ siteId }));
  const [shown, setShown] = useState<{ key: string; secret: string }>();
  const [form] = Form.useForm<{ name: string; url: string }>();
  const refresh = () => queryClient.invalidateQueries(trpc.channel.list.queryFilter());
  const onError = (e: { message: string }) => void message.error(e.message);
  const create = useMutation(
    trpc.channel.createApi.mutationOptions({
      onSuccess: async (r) => {
        form.resetFields();
        setShown({ key: r.key, secret: r.secret });
        await refresh();
      },
      onError,
    }),
  );
  const update = useMutation(trpc.channel.update.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.channel.remove.mutationOptions({ onSuccess: refresh, onError }));
  const names = new Map((channels.data ?? []).map((c) => [c.channelId, c.name]));

  return (
    <Card title={t('api.title')} data-testid="api-channels-card">
      <Typography.Paragraph type="secondary">{t('api.help')}</Typography.Paragraph>
      {shown && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setShown(undefined)}
          style={{ marginBottom: 16 }}
          message={t('api.shownOnce')}
          description={
            <Space orientation="vertical">
              <span>
                {t('api.channelKey')}:{' '}
                <Typography.Text code copyable data-testid="channel-key">
                  {shown.key}
                </Typography.Text>
              </span>
              <span>
                {t('api.signingSecret')}:{' '}
                <Typography.Text code copyable data-testid="channel-secret">
                  {shown.secret}
                </Typography.Text>
              </span>
            </Space>
          }
        />
      )}
      <Form form={form} layout="inline" onFinish={(v) => create.mutate({ siteId, ...v })} style={{ marginBottom: 16 }}>
        <Form.Item name="name" rules={[{ required: true, max: 100 }]}>
          <Input placeholder={t('api.name')} data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="url" rules={[{ required: true, type: 'url' }]}>
          <Input placeholder={t('api.url')} style={{ width: 360 }} data-testid="channel-url" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="channel-create">
          {t('api.new')}
        </Button>
      </Form>
      <QueryState query={channels} isEmpty={() => false}>
        {(rows) => (
          <Table<ChannelRow>
            size="small"
            rowKey="channelId"
            data-testid="api-channels-table"
            pagination={false}
            locale={{ emptyText: t('api.empty') }}
            dataSource={rows.filter((c) => c.kind === 'api')}
            columns={[
              { key: 'name', title: t('api.name'), dataIndex: 'name' },
              { key: 'key', title: t('api.key'), render: (_, r) => <code>{r.keyPrefix}…</code> },
              { key: 'url', title: t('api.url'), dataIndex: 'url', ellipsis: true },
              { key: 'created', title: t('api.created'), render: (_, r) => format.dateTime(r.createdAt) },
              {
                key: 'enabled',
                title: t('api.enabled'),
                render: (_, r) => (
                  <Switch
                    size="small"
                    checked={r.enabled}
                    onChange={(enabled) => update.mutate({ siteId, channelId: r.channelId, enabled })}
                  />
                ),
              },
              {
                key: 'remove',
                title: '',
                render: (_, r) => (
                  <Popconfirm
                    title={t('api.removeConfirm')}
                    onConfirm={() => remove.mutate({ siteId, channelId: r.channelId })}
                  >
                    <Button size="small" danger>
                      {t('api.remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Typography.Title level={5}>{t('log.title')}</Typography.Title>
      <QueryState query={deliveries} isEmpty={() => false}>
        {(rows) => (
          <Table<DeliveryRow>
            size="small"
            rowKey={(r) => `${r.eventId}-${r.attempt}-${r.at}`}
            data-testid="channel-deliveries"
            locale={{ emptyText: t('log.empty') }}
            dataSource={rows}
            columns={[
              { key: 'at', title: t('log.at'), render: (_, r) => format.dateTime(r.at) },
              { key: 'channel', title: t('log.channel'), render: (_, r) => names.get(r.subscriptionId) ?? '' },
              {
                key: 'status',
                title: t('log.status'),
                render: (_, r) =>
                  r.status === 'delivered' || r.status === 'retrying' || r.status === 'failed'
                    ? t(`log.${r.status}`)
                    : r.status,
              },
              { key: 'code', title: t('log.code'), render: (_, r) => r.responseCode || r.error },
              { key: 'attempt', title: t('log.attempt'), dataIndex: 'attempt' },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
