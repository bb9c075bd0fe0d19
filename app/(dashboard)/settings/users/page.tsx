'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { UserForm, type UserFormValues } from './user-form';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string; values: UserFormValues } | null;

export default function UsersPage() {
  const t = useTranslations('settings.users');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const users = useQuery(trpc.user.list.queryOptions());
  const sites = useQuery(trpc.site.list.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const done = (text: string) => async () => {
    setEditing(null);
    void message.success(text);
    await queryClient.invalidateQueries(trpc.user.list.queryFilter());
  };
  const create = useMutation(trpc.user.create.mutationOptions({ onSuccess: done(t('created')) }));
  const update = useMutation(trpc.user.update.mutationOptions({ onSuccess: done(t('saved')) }));
  const remove = useMutation(
    trpc.user.remove.mutationOptions({ onSuccess: done(t('removed')), onError: (e) => void message.error(e.message) }),
  );
  const takesChats = useMutation(
    trpc.user.setTakesChats.mutationOptions({
      onSuccess: (r) => void message.success(r.takesChats ? t('takesChatsOn') : t('takesChatsOff')),
      onError: (e) => void message.error(e.message),
      onSettled: () => queryClient.invalidateQueries(trpc.user.list.queryFilter()),
    }),
  );
  const siteName = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
  const pending = create.isPending || update.isPending;
  const error = (editing?.mode === 'create' ? create.error : update.error)?.message;

  return (
    <Card
      title={t('title')}
      extra={
        <Button type="primary" onClick={() => setEditing({ mode: 'create' })}>
          {t('new')}
        </Button>
      }
    >
      <QueryState query={users}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            filename="users"
            testId="users-table"
            pageSize={50}
            columns={[
              { key: 'name', title: t('name'), csvTitle: 'name', value: (r) => r.name },
              { key: 'email', title: t('email'), csvTitle: 'email', value: (r) => r.email },
              {
                key: 'role',
                title: t('role'),
                csvTitle: 'role',
                value: (r) => r.role,
                render: (r) => <Tag color={r.role === 'admin' ? 'purple' : 'blue'}>{tc(`roles.${r.role}`)}</Tag>,
              },
              {
                key: 'sites',
                title: t('sites'),
                csvTitle: 'sites',
                value: (r) => (r.role === 'admin' ? '*' : r.siteIds.join(' ')),
                render: (r) =>
                  r.role === 'admin' ? (
                    t('allSites')
                  ) : (
                    <Space size={2} wrap>
                      {r.siteIds.map((id) => (
                        <Tag key={id}>{siteName.get(id) ?? id}</Tag>
                      ))}
                    </Space>
                  ),
              },
              {
                key: 'takesChats',
                title: t('takesChats'),
                csvTitle: 'takes_chats',
                value: (r) => (r.takesChats === null ? '' : r.takesChats ? 'yes' : 'no'),
                render: (r) =>
                  r.takesChats === null ? (
                    '—'
                  ) : (
                    <Switch
                      size="small"
                      checked={
                        takesChats.isPending && takesChats.variables.id === r.id
                          ? takesChats.variables.takesChats
                          : r.takesChats
                      }
                      loading={takesChats.isPending && takesChats.variables.id === r.id}
                      aria-label={t('takesChats')}
                      data-testid="user-takes-chats"
                      onChange={(on) => takesChats.mutate({ id: r.id, takesChats: on })}
                    />
                  ),
              },
              {
                key: 'actions',
                title: '',
                sortable: false,
                value: () => '',
                render: (r) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() =>
                        setEditing({
                          mode: 'edit',
                          id: r.id,
                          values: { email: r.email, name: r.name, role: r.role, siteIds: r.siteIds },
                        })
                      }
                    >
                      {tc('edit')}
                    </Button>
                    <Popconfirm title={tc('confirmRemove')} onConfirm={() => remove.mutate({ id: r.id })}>
                      <Button size="small" danger>
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
      <UserForm
        open={editing !== null}
        title={editing?.mode === 'edit' ? tc('edit') : t('new')}
        initial={editing?.mode === 'edit' ? editing.values : undefined}
        sites={sites.data ?? []}
        busy={pending}
        error={error}
        onCancel={() => setEditing(null)}
        onSubmit={(v) => {
          if (editing?.mode === 'edit') update.mutate({ id: editing.id, ...v, password: v.password || undefined });
          else create.mutate({ ...v, password: v.password ?? '' });
        }}
      />
    </Card>
  );
}
