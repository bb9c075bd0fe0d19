'use client';
import { ShareAltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { revocableColumns } from '@/app/_components/revocable-columns';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useMe } from '@/app/_components/use-site';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type LinkRow = RouterOutputs['share']['list'][number];

/** "Share": admins make read-only links to the site's analytics (the link is shown once), list and revoke them. */
export function ShareLinksButton({ siteId }: { siteId: string }) {
  const t = useTranslations('analytics.share');
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!me.data?.capabilities.includes('admin:sites')) return null;
  return (
    <>
      <Button icon={<ShareAltOutlined />} onClick={() => setOpen(true)} data-testid="share-open">
        {t('button')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('drawerTitle')} size="large" destroyOnHidden>
        <ShareLinksPanel siteId={siteId} />
      </Drawer>
    </>
  );
}

function ShareLinksPanel({ siteId }: { siteId: string }) {
  const t = useTranslations('analytics.share');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const format = useFormat();
  const links = useQuery(trpc.share.list.queryOptions({ siteId }));
  const [shown, setShown] = useState<string>();
  const [form] = Form.useForm<{ name: string; password?: string }>();
  const refresh = () => queryClient.invalidateQueries(trpc.share.list.queryFilter());
  const create = useMutation(
    trpc.share.create.mutationOptions({
      onSuccess: async (r) => {
        form.resetFields();
        setShown(`${window.location.origin}/share/${r.token}`);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.share.revoke.mutationOptions({
      onSuccess: async () => {
        void message.success(t('revokedDone'));
        await refresh();
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('explain')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => create.mutate({ siteId, name: v.name, password: v.password || undefined })}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input placeholder={t('namePlaceholder')} maxLength={80} data-testid="share-name" />
        </Form.Item>
        <Form.Item name="password">
          <Input.Password placeholder={t('passwordOptional')} maxLength={200} data-testid="share-new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="share-create">
          {t('create')}
        </Button>
      </Form>
      {create.error && <Alert type="error" showIcon title={create.error.message} />}
      {shown && (
        <Alert
          type="success"
          showIcon
          title={t('createdWarning')}
          description={
            <Typography.Paragraph
              code
              copyable={{ text: shown, tooltips: [tc('copy'), tc('copied')] }}
              style={{ wordBreak: 'break-all', margin: 0 }}
              data-testid="share-link-shown"
            >
              {shown}
            </Typography.Paragraph>
          }
        />
      )}
      <QueryState query={links}>
        {(rows) => (
          <DataTable<LinkRow>
            rows={rows}
            rowKey={(r) => r.linkId}
            filename={`${siteId}-share-links`}
            testId="share-links-table"
            columns={[
              { key: 'name', title: t('name'), csvTitle: 'name', value: (r) => r.name },
              {
                key: 'password',
                title: t('password'),
                csvTitle: 'password',
                value: (r) => (r.hasPassword ? 1 : 0),
                render: (r) => (r.hasPassword ? <Tag>{t('withPassword')}</Tag> : '–'),
              },
              {
                key: 'created',
                title: t('created'),
                csvTitle: 'created',
                value: (r) => r.createdAt,
                render: (r) => format.dateTime(r.createdAt),
              },
              ...revocableColumns<LinkRow>({
                t,
                cancel: tc('cancel'),
                dateTime: (ms) => format.dateTime(ms),
                testId: 'share',
                onRevoke: (r) => revoke.mutate({ siteId, linkId: r.linkId }),
              }),
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
