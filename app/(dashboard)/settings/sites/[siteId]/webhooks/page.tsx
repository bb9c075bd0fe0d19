'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import type { WebhookEventType } from '@/server/contract/webhooks';
import { DeliveryLog } from '@/app/(dashboard)/settings/sites/[siteId]/webhooks/delivery-log';
import { WebhookForm, type WebhookFormValues } from '@/app/(dashboard)/settings/sites/[siteId]/webhooks/webhook-form';

type Webhook = RouterOutputs['webhook']['list'][number];

export default function WebhooksPage() {
  const t = useTranslations('webhooks');
  const tc = useTranslations('common');
  const fmt = useFormat();
  const { siteId } = useParams<{ siteId: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.webhook.list.queryOptions({ siteId }));
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.webhook.pathFilter());
  const save = useMutation(
    trpc.webhook.save.mutationOptions({
      onSuccess: async (saved) => {
        setEditing(null);
        if (saved.secret) setSecret(saved.secret);
        else void message.success(t('saved'));
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.webhook.remove.mutationOptions({
      onSuccess: async () => {
        void message.success(t('removedDone'));
        await refresh();
      },
      onError: (error) => void message.error(error.message),
    }),
  );
  const sendTest = useMutation(
    trpc.webhook.sendTest.mutationOptions({
      onSuccess: () => void message.success(t('testQueued')),
      onError: (error) => void message.error(error.message),
    }),
  );
  const urls = useMemo(() => new Map((list.data ?? []).map((w) => [w.subscriptionId, w.url])), [list.data]);
  const submit = (values: WebhookFormValues) =>
    save.mutate({
      siteId,
      subscriptionId: editing && editing !== 'new' ? editing.subscriptionId : undefined,
      ...values,
    });
  const toggle = (w: Webhook, enabled: boolean) =>
    save.mutate({
      siteId,
      subscriptionId: w.subscriptionId,
      url: w.url,
      events: w.events as WebhookEventType[],
      enabled,
    });

  return (
    <>
      <Card
        title={t('title')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="webhook-new">
            {t('new')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          {t('intro')} <Link href={`/settings/sites/${encodeURIComponent(siteId)}`}>{t('backToSite')}</Link>
        </Typography.Paragraph>
        <QueryState query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <Empty description={t('empty')} />
            ) : (
              <Table<Webhook>
                size="small"
                rowKey="subscriptionId"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="webhook-list"
                columns={[
                  {
                    key: 'url',
                    title: t('url'),
                    render: (_, w) => (
                      <Typography.Text ellipsis style={{ maxWidth: 320 }} title={w.url}>
                        {w.url}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'events',
                    title: t('events'),
                    render: (_, w) => (
                      <Space size={2} wrap style={{ maxWidth: 360 }}>
                        {w.events.map((e) => (
                          <Tag key={e}>{e}</Tag>
                        ))}
                      </Space>
                    ),
                  },
                  {
                    key: 'enabled',
                    title: t('enabled'),
                    render: (_, w) => (
                      <Switch
                        size="small"
                        checked={w.enabled}
                        onChange={(on) => toggle(w, on)}
                        aria-label={t('enabled')}
                      />
                    ),
                  },
                  { key: 'created', title: t('createdAt'), render: (_, w) => fmt.dateTime(w.createdAt) },
                  {
                    key: 'actions',
                    title: '',
                    render: (_, w) => (
                      <Space wrap>
                        <Button
                          size="small"
                          onClick={() => sendTest.mutate({ siteId, subscriptionId: w.subscriptionId })}
                          data-testid="webhook-test"
                        >
                          {t('sendTest')}
                        </Button>
                        <Button size="small" onClick={() => setEditing(w)}>
                          {tc('edit')}
                        </Button>
                        <Popconfirm
                          title={t('confirmRemove')}
                          onConfirm={() => remove.mutate({ siteId, subscriptionId: w.subscriptionId })}
                        >
                          <Button size="small" danger>
                            {t('remove')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
            )
          }
        </QueryState>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('verifyHelp')}
        </Typography.Paragraph>
      </Card>
      <DeliveryLog siteId={siteId} urls={urls} />
      <WebhookForm
        open={editing !== null}
        initial={
          editing && editing !== 'new'
            ? { url: editing.url, events: editing.events as WebhookEventType[], enabled: editing.enabled }
            : null
        }
        busy={save.isPending}
        error={save.error?.message}
        onCancel={() => setEditing(null)}
        onSubmit={submit}
      />
      <Modal
        open={secret !== null}
        title={t('secretTitle')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('secretDone')}
      >
        <Alert type="warning" showIcon title={t('secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ text: secret ?? '', tooltips: [tc('copy'), tc('copied')] }}
          data-testid="webhook-secret"
        >
          {secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
