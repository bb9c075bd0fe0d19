'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { TAG_CONDITION_KINDS, type TagCondition, type TagConditionKind } from '@/server/contract/tag-schema';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';
import { TabIntro, useTagWrites } from './use-tag-writes';
import { RuleConditionFields, useDescribeCondition } from './rule-condition-fields';

type RuleRow = RouterOutputs['tag']['rules'][number];
interface FormValues {
  name: string;
  tagId: string;
  kind: TagConditionKind;
  condition?: Record<string, unknown>;
}

function Status({ rule }: { rule: RuleRow }) {
  const t = useTranslations('tags.rules');
  const p = rule.progress;
  if (!p) return <Typography.Text type="secondary">{t('idle')}</Typography.Text>;
  if (p.state === 'failed') return <Typography.Text type="danger">{t('failed')}</Typography.Text>;
  if (p.state === 'done') return <span data-testid="rule-done">{t('done', { total: p.total })}</span>;
  return (
    <Space orientation="vertical" size={0} data-testid="rule-running">
      <span>{t('running', { done: p.done, total: p.total })}</span>
      <Progress percent={p.total ? Math.floor((p.done / p.total) * 100) : 0} size="small" />
    </Space>
  );
}

/** Automatic rules: their condition, tag and the progress of the pass over history. */
export function TagRules({ siteId }: { siteId: string }) {
  const t = useTranslations('tags.rules');
  const tt = useTranslations('tags');
  const trpc = useTRPC();
  const writes = useTagWrites();
  const describe = useDescribeCondition();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const rules = useQuery(
    trpc.tag.rules.queryOptions(
      { siteId },
      { refetchInterval: (q) => (q.state.data?.some((r) => r.progress?.state === 'running') ? 1000 : false) },
    ),
  );
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation(
    trpc.tag.saveRule.mutationOptions({ onSuccess: () => writes.done(t('saved'), () => setOpen(false)) }),
  );
  const remove = useMutation(
    trpc.tag.removeRule.mutationOptions({
      onSuccess: ({ removed }) => writes.done(t('removed', { count: removed })),
      onError: writes.failed,
    }),
  );
  const byId = new Map((tags.data ?? []).map((tag) => [tag.tagId, tag]));
  return (
    <>
      <TabIntro
        text={t('intro')}
        action={
          <Button
            type="primary"
            disabled={!tags.data?.length}
            data-testid="rule-new"
            onClick={() => {
              save.reset();
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('new')}
          </Button>
        }
      />
      <QueryState query={rules} isEmpty={(rows) => rows.length === 0}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r) => r.ruleId}
            filename="tag-rules"
            testId="tag-rules-table"
            columns={[
              { key: 'name', title: t('name'), csvTitle: 'name', sortable: true, value: (r) => r.name },
              {
                key: 'tag',
                title: t('tag'),
                csvTitle: 'tag',
                value: (r) => byId.get(r.tagId)?.name ?? '',
                render: (r) => <Tag color={byId.get(r.tagId)?.color}>{byId.get(r.tagId)?.name}</Tag>,
              },
              { key: 'condition', title: t('condition'), csvTitle: 'condition', value: (r) => describe(r.condition) },
              {
                key: 'progress',
                title: t('progress'),
                sortable: false,
                value: () => '',
                render: (r) => <Status rule={r} />,
              },
              {
                key: 'actions',
                title: tt('actions'),
                sortable: false,
                value: () => '',
                render: (r) => (
                  <Popconfirm
                    title={t('confirmRemove', { name: r.name })}
                    onConfirm={() => remove.mutate({ siteId, ruleId: r.ruleId })}
                  >
                    <Button size="small" danger>
                      {tt('delete')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={open}
        title={t('new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'rule-save' }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutate({
              siteId,
              rule: { name: v.name, tagId: v.tagId, condition: { ...v.condition, kind: v.kind } as TagCondition },
            })
          }
        >
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('name') }]}>
            <Input maxLength={100} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="tagId" label={t('tag')} rules={[{ required: true, message: t('tag') }]}>
            <Select
              data-testid="rule-tag"
              options={(tags.data ?? []).map((tag) => ({
                value: tag.tagId,
                label: <Tag color={tag.color}>{tag.name}</Tag>,
              }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('condition')} rules={[{ required: true, message: t('condition') }]}>
            <Select
              data-testid="rule-kind"
              options={TAG_CONDITION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
          </Form.Item>
          <RuleConditionFields kind={kind} />
          {save.error && <Typography.Text type="danger">{save.error.message}</Typography.Text>}
        </Form>
      </Modal>
    </>
  );
}
