'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { GROUP_LIMITS, type AgentGroup } from '@/server/contract/groups';

interface Values {
  name: string;
  members: string[];
}

/** The site's groups: create, rename, set members, delete. */
export function GroupsCard({ siteId }: { siteId: string }) {
  const t = useTranslations('teams');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.group.list.queryOptions({ siteId }));
  const [editing, setEditing] = useState<AgentGroup | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const refresh = () => queryClient.invalidateQueries(trpc.group.list.queryFilter());
  const done = { onError: (e: { message: string }) => void message.error(e.message) };
  const save = useMutation(
    trpc.group.save.mutationOptions({
      ...done,
      onSuccess: () => {
        void message.success(t('saved'));
        setEditing(null);
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.group.remove.mutationOptions({ ...done, onSuccess: () => void refresh() }));
  const people = new Map((list.data?.people ?? []).map((p) => [p.id, p.name]));
  const open = (g: AgentGroup | 'new') => {
    form.setFieldsValue(g === 'new' ? { name: '', members: [] } : { name: g.name, members: g.members });
    setEditing(g);
  };
  return (
    <Card
      title={t('title')}
      extra={
        <Button type="primary" onClick={() => open('new')} data-testid="group-add">
          {t('add')}
        </Button>
      }
    >
      <Table<AgentGroup>
        rowKey="groupId"
        size="small"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.groups ?? []}
        locale={{ emptyText: t('noGroups') }}
        data-testid="groups-table"
        columns={[
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('members'),
            render: (_, g) => g.members.map((id) => <Tag key={id}>{people.get(id) ?? id}</Tag>),
          },
          {
            title: '',
            width: 160,
            render: (_, g) => (
              <Space>
                <Button size="small" onClick={() => open(g)} data-testid="group-edit">
                  {t('edit')}
                </Button>
                <Popconfirm title={t('removeConfirm')} onConfirm={() => remove.mutate({ siteId, groupId: g.groupId })}>
                  <Button size="small" danger>
                    {t('remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('add') : t('edit')}
        okText={t('save')}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'group-save' }}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate({
              siteId,
              ...(editing && editing !== 'new' && { groupId: editing.groupId }),
              name: v.name,
              members: v.members,
            })
          }
        >
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: GROUP_LIMITS.name }]}>
            <Input data-testid="group-name" />
          </Form.Item>
          <Form.Item name="members" label={t('members')}>
            <Select
              mode="multiple"
              data-testid="group-members"
              optionFilterProp="label"
              options={(list.data?.people ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
