'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { TAG_COLORS, type TagColor } from '@/server/contract/tag-schema';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { TabIntro, useTagWrites } from './use-tag-writes';

type TagRow = RouterOutputs['tag']['list'][number];
interface FormValues {
  name: string;
  color: TagColor;
  description?: string;
}

/** Create, edit and delete a site's tags (deleting takes the tag off everyone, after a confirmation). */
export function TagManager({ siteId }: { siteId: string }) {
  const t = useTranslations('tags');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const writes = useTagWrites();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const [editing, setEditing] = useState<TagRow | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const save = useMutation(
    trpc.tag.save.mutationOptions({ onSuccess: () => writes.done(t('saved'), () => setEditing(null)) }),
  );
  const remove = useMutation(
    trpc.tag.remove.mutationOptions({
      onSuccess: ({ removed }) => writes.done(t('removed', { count: removed })),
      onError: writes.failed,
    }),
  );
  const open = (row: TagRow | 'new') => {
    setEditing(row);
    save.reset();
    form.setFieldsValue(
      row === 'new'
        ? { name: '', color: 'blue', description: '' }
        : { name: row.name, color: row.color, description: row.description },
    );
  };
  return (
    <>
      <TabIntro
        text={t('intro')}
        action={
          <Button type="primary" onClick={() => open('new')} data-testid="tag-new">
            {t('new')}
          </Button>
        }
      />
      <QueryState query={tags} isEmpty={(rows) => rows.length === 0}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r) => r.tagId}
            filename="tags"
            testId="tags-table"
            columns={[
              {
                key: 'name',
                title: t('name'),
                csvTitle: 'name',
                sortable: true,
                value: (r) => r.name,
                render: (r) => <Tag color={r.color}>{r.name}</Tag>,
              },
              { key: 'color', title: t('color'), csvTitle: 'color', value: (r) => t(`colors.${r.color}`) },
              { key: 'description', title: t('description'), csvTitle: 'description', value: (r) => r.description },
              {
                key: 'actions',
                title: t('actions'),
                sortable: false,
                value: () => '',
                render: (r) => (
                  <Space>
                    <Button size="small" onClick={() => open(r)}>
                      {tc('edit')}
                    </Button>
                    <Popconfirm
                      title={t('confirmRemove', { name: r.name })}
                      onConfirm={() => remove.mutate({ siteId, tagId: r.tagId })}
                    >
                      <Button size="small" danger data-testid="tag-delete">
                        {t('delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('new') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'tag-save' }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate({
              siteId,
              tag: {
                ...(editing && editing !== 'new' ? { tagId: editing.tagId } : {}),
                ...v,
                description: v.description ?? '',
              },
            })
          }
        >
          <Form.Item
            name="name"
            label={t('name')}
            rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}
          >
            <Input maxLength={40} data-testid="tag-name" />
          </Form.Item>
          <Form.Item name="color" label={t('color')}>
            <Select options={TAG_COLORS.map((c) => ({ value: c, label: <Tag color={c}>{t(`colors.${c}`)}</Tag> }))} />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea maxLength={300} rows={2} />
          </Form.Item>
          {save.error && <Typography.Text type="danger">{save.error.message}</Typography.Text>}
        </Form>
      </Modal>
    </>
  );
}
