'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { InviteRule } from '@/server/contract/rule-schema';
import { DataTable } from '@/app/_components/data-table';
import { enabledColumn } from '@/app/_components/enabled-column';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { RuleForm } from './rule-form';
import { RulePerformance } from './rule-performance';
import { useRuleText } from './rule-summary';

/** Automatic invitation rules of one site: list, switch on and off, create, edit, delete. */
export default function RulesPage() {
  const t = useTranslations('rules');
  const { siteId } = useParams<{ siteId: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const text = useRuleText();
  const rules = useQuery(trpc.rule.list.queryOptions({ siteId }));
  const agents = useQuery(trpc.rule.agents.queryOptions({ siteId }));
  const [editing, setEditing] = useState<InviteRule | 'new' | null>(null);
  // The saved rule goes into the list at once, then the list is fetched again: a refetch
  // alone left the list stale when the save ended while the first list (batched with the
  // slower report) was still on its way.
  const listKey = trpc.rule.list.queryKey({ siteId });
  const edit = (change: (list: (InviteRule & { siteId: string })[]) => (InviteRule & { siteId: string })[]) => {
    void queryClient.cancelQueries({ queryKey: listKey });
    queryClient.setQueryData(listKey, (list) => change(list ?? []));
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: listKey }),
      queryClient.invalidateQueries(trpc.rule.performance.queryFilter()),
    ]);
  };
  const failed = (error: { message: string }) => void message.error(t('failed', { reason: error.message }));
  const save = useMutation(
    trpc.rule.save.mutationOptions({
      onSuccess: async (saved) => {
        setEditing(null);
        void message.success(t('saved'));
        await edit((list) =>
          [...list.filter((r) => r.ruleId !== saved.ruleId), { ...saved, siteId }].sort(
            (a, b) => a.name.localeCompare(b.name) || a.ruleId.localeCompare(b.ruleId),
          ),
        );
      },
      onError: failed,
    }),
  );
  const remove = useMutation(
    trpc.rule.remove.mutationOptions({
      onSuccess: async (_done, { ruleId }) => {
        void message.success(t('deleted'));
        await edit((list) => list.filter((r) => r.ruleId !== ruleId));
      },
      onError: failed,
    }),
  );
  const toggle = (r: InviteRule, enabled: boolean) =>
    save.mutate({ siteId, rule: { ruleId: r.ruleId, name: r.name, enabled, definition: r.definition } });

  return (
    <Card
      title={t('title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="rule-new">
          {t('new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <QueryState query={rules}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty
              data-state="empty"
              description={
                <>
                  <div>{t('empty')}</div>
                  <Typography.Text type="secondary">{t('emptyHint')}</Typography.Text>
                </>
              }
            />
          ) : (
            <DataTable<InviteRule>
              rows={rows}
              rowKey={(r) => r.ruleId}
              filename="invitation-rules"
              testId="rules-table"
              columns={[
                enabledColumn<InviteRule>(t('enabled'), toggle),
                {
                  key: 'name',
                  title: t('name'),
                  csvTitle: 'name',
                  value: (r) => r.name,
                  render: (r) => <a onClick={() => setEditing(r)}>{r.name}</a>,
                },
                {
                  key: 'conditions',
                  title: t('conditions'),
                  csvTitle: 'conditions',
                  value: (r) =>
                    r.definition.conditions.map(text.condition).join(r.definition.match === 'all' ? ' AND ' : ' OR '),
                  render: (r) => (
                    <Space size={4} wrap>
                      {r.definition.conditions.map((c, i) => (
                        <Tag key={i}>{text.condition(c)}</Tag>
                      ))}
                      <Typography.Text type="secondary">{t(`match.${r.definition.match}`)}</Typography.Text>
                    </Space>
                  ),
                },
                { key: 'cap', title: t('cap.label'), csvTitle: 'cap', value: (r) => text.cap(r.definition.cap) },
                { key: 'message', title: t('message'), csvTitle: 'message', value: (r) => r.definition.message },
                {
                  key: 'actions',
                  title: t('actions'),
                  value: () => '',
                  render: (r) => (
                    <Popconfirm
                      title={t('confirmDelete')}
                      onConfirm={() => remove.mutate({ siteId, ruleId: r.ruleId })}
                    >
                      <Button size="small" danger>
                        {t('delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
      <RuleForm
        open={editing !== null}
        rule={editing === 'new' ? null : editing}
        agents={agents.data ?? []}
        saving={save.isPending}
        onSave={(rule) => save.mutate({ siteId, rule })}
        onClose={() => setEditing(null)}
      />
      <RulePerformance siteId={siteId} />
    </Card>
  );
}
