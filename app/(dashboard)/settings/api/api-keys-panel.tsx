'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { API_SCOPES, type ApiScope } from '@/server/contract/api-keys';
import { DataTable } from '@/app/_components/data-table';
import { revocableColumns } from '@/app/_components/revocable-columns';
import { QueryState } from '@/app/_components/query-state';
import { useFormat } from '@/app/_components/use-format';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type KeyRow = RouterOutputs['apiKey']['list'][number];

/** One site's keys: create (the key is shown once), list, revoke. */
export function ApiKeysPanel({ siteId }: { siteId: string }) {
  const t = useTranslations('api');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const format = useFormat();
  const keys = useQuery(trpc.apiKey.list.queryOptions({ siteId }));
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string>();
  const [form] = Form.useForm<{ name: string; scopes: ApiScope[] }>();
  const refresh = () => queryClient.invalidateQueries(trpc.apiKey.list.queryFilter());
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (r) => {
        setCreating(false);
        form.resetFields();
        setShown(r.key);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        void message.success(t('revokedDone'));
        await refresh();
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const when = (ms: number) => (ms > 0 ? format.dateTime(ms) : t('never'));

  return (
    <>
      <QueryState query={keys}>
        {(rows) => (
          <DataTable<KeyRow>
            rows={rows}
            rowKey={(r) => r.keyId}
            filename="api-keys"
            testId="api-keys-table"
            extra={
              <Button type="primary" onClick={() => setCreating(true)} data-testid="api-key-new">
                {t('new')}
              </Button>
            }
            columns={[
              { key: 'name', title: t('name'), csvTitle: 'name', value: (r) => r.name },
              {
                key: 'prefix',
                title: t('prefix'),
                csvTitle: 'prefix',
                value: (r) => r.prefix,
                render: (r) => <Typography.Text code>{`${r.prefix}…`}</Typography.Text>,
              },
              {
                key: 'scopes',
                title: t('scopes'),
                csvTitle: 'scopes',
                value: (r) => r.scopes.join(' '),
                render: (r) => r.scopes.map((s) => <Tag key={s}>{t(`scope.${s as ApiScope}`)}</Tag>),
              },
              {
                key: 'created',
                title: t('created'),
                csvTitle: 'created',
                value: (r) => r.createdAt,
                render: (r) => when(r.createdAt),
              },
              {
                key: 'used',
                title: t('lastUsed'),
                csvTitle: 'last_used',
                value: (r) => r.lastUsedAt,
                render: (r) => when(r.lastUsedAt),
              },
              ...revocableColumns<KeyRow>({
                t,
                cancel: tc('cancel'),
                dateTime: (ms) => format.dateTime(ms),
                testId: 'api-key',
                onRevoke: (r) => revoke.mutate({ siteId, keyId: r.keyId }),
              }),
            ]}
          />
        )}
      </QueryState>

      <Modal
        open={creating}
        title={t('new')}
        okText={t('new')}
        cancelText={tc('cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'api-key-create' }}
        destroyOnHidden
      >
        {create.error && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: '', scopes: ['read'] }}
          onFinish={(v) => create.mutate({ siteId, name: v.name, scopes: v.scopes })}
        >
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder={t('namePlaceholder')} maxLength={100} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('scopes')}
            extra={t('scopeHelp')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Checkbox.Group
              options={API_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
              data-testid="api-key-scopes"
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={shown !== undefined}
        title={t('createdTitle')}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setShown(undefined)} data-testid="api-key-done">
            {t('copied')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('createdWarning')} />
          <Typography.Paragraph
            code
            copyable={{ text: shown, tooltips: [tc('copy'), tc('copied')] }}
            style={{ wordBreak: 'break-all' }}
            data-testid="api-key-shown"
          >
            {shown}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </>
  );
}
