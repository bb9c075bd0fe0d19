'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { RouterOutputs } from '@/app/_lib/trpc';

type CannedReply = RouterOutputs['canned']['list'][number];
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';

interface ReplyValues {
  shortcut: string;
  body: string;
}
type Editing = { replyId?: string; values: ReplyValues } | null;

const SHORTCUT = /^[a-z0-9_-]{1,32}$/;

/** The add/edit form; the server's answer (a shortcut already taken) shows under it. */
function ReplyForm({
  editing,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  editing: NonNullable<Editing>;
  busy: boolean;
  error?: string;
  onSubmit: (v: ReplyValues) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('canned');
  const tc = useTranslations('common');
  return (
    <Form<ReplyValues> layout="vertical" initialValues={editing.values} onFinish={onSubmit} data-testid="canned-form">
      <Form.Item
        name="shortcut"
        label={t('shortcut')}
        extra={t('shortcutHint')}
        rules={[{ required: true, pattern: SHORTCUT, message: t('shortcutInvalid') }]}
      >
        <Input prefix="/" maxLength={32} autoComplete="off" data-testid="canned-shortcut" />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('body')}
        rules={[{ required: true, whitespace: true, message: t('bodyRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid="canned-body" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="canned-error" />}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="canned-save">
          {tc('save')}
        </Button>
        <Button onClick={onCancel}>{tc('cancel')}</Button>
      </Space>
    </Form>
  );
}

/** The site's canned replies: list, add, edit, remove. Agents manage them for their team. */
export function CannedDrawer({ siteId, open, onClose }: { siteId: string; open: boolean; onClose: () => void }) {
  const t = useTranslations('canned');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const replies = useQuery(trpc.canned.list.queryOptions({ siteId }, { enabled: open }));
  const [editing, setEditing] = useState<Editing>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.canned.list.queryFilter({ siteId }));
  const save = useMutation(
    trpc.canned.save.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        void message.success(t('saved'));
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.canned.remove.mutationOptions({
      onSuccess: async () => {
        void message.success(t('removed'));
        await refresh();
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const startEditing = (next: Editing) => {
    save.reset();
    setEditing(next);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={t('title')}
      data-testid="canned-drawer"
      extra={
        !editing && (
          <Button
            type="primary"
            onClick={() => startEditing({ values: { shortcut: '', body: '' } })}
            data-testid="canned-new"
          >
            {t('new')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        {editing && (
          <ReplyForm
            key={editing.replyId ?? 'new'}
            editing={editing}
            busy={save.isPending}
            error={save.error?.message}
            onSubmit={(v) => save.mutate({ siteId, replyId: editing.replyId, ...v })}
            onCancel={() => setEditing(null)}
          />
        )}
        <QueryState query={replies}>
          {(rows) => (
            <Table<CannedReply>
              size="small"
              rowKey="replyId"
              dataSource={rows}
              pagination={false}
              // Narrower than this (a phone) the table scrolls in the drawer instead of squeezing the reply text.
              scroll={{ x: 480 }}
              data-testid="canned-table"
              locale={{ emptyText: <Empty description={t('empty')} /> }}
              columns={[
                {
                  key: 'shortcut',
                  title: t('shortcut'),
                  width: 140,
                  render: (_, r) => <Typography.Text code>/{r.shortcut}</Typography.Text>,
                },
                {
                  key: 'body',
                  title: t('body'),
                  render: (_, r) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.body}</span>,
                },
                {
                  key: 'actions',
                  title: t('actions'),
                  width: 150,
                  render: (_, r) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() =>
                          startEditing({ replyId: r.replyId, values: { shortcut: r.shortcut, body: r.body } })
                        }
                        data-testid="canned-edit"
                      >
                        {tc('edit')}
                      </Button>
                      <Popconfirm
                        title={t('confirmRemove', { shortcut: r.shortcut })}
                        okText={tc('remove')}
                        cancelText={tc('cancel')}
                        okButtonProps={{ danger: true, 'data-testid': 'canned-remove-confirm' }}
                        onConfirm={() => remove.mutate({ siteId, replyId: r.replyId })}
                      >
                        <Button
                          size="small"
                          danger
                          loading={remove.isPending && remove.variables.replyId === r.replyId}
                          data-testid="canned-remove"
                        >
                          {tc('remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Space>
    </Drawer>
  );
}
