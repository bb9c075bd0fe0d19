'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Select, Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import { ROUTED_CHANNELS } from '@/server/contract/groups';

/** Per channel, the group a new conversation goes to ("All agents" = the whole pool). */
export function RoutesCard({ siteId }: { siteId: string }) {
  const t = useTranslations('teams');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.group.list.queryOptions({ siteId }));
  const setRoute = useMutation(
    trpc.group.setRoute.mutationOptions({
      onSuccess: () => {
        void message.success(t('saved'));
        void queryClient.invalidateQueries(trpc.group.list.queryFilter());
      },
      onError: (e) => void message.error(e.message),
    }),
  );
  const options = [
    { value: '', label: t('pool') },
    ...(list.data?.groups ?? []).map((g) => ({ value: g.groupId, label: g.name })),
  ];
  return (
    <Card title={t('routes')}>
      <Space orientation="vertical">
        {ROUTED_CHANNELS.map((channel) => (
          <Space key={channel} wrap>
            <Typography.Text>{t('routeFrom', { channel: t(`channel.${channel}`) })}</Typography.Text>
            <Select
              style={{ minWidth: 200 }}
              loading={list.isPending}
              value={list.data?.routes[channel] ?? ''}
              options={options}
              data-testid={`route-${channel}`}
              onChange={(groupId: string) => setRoute.mutate({ siteId, channel, groupId })}
            />
          </Space>
        ))}
      </Space>
    </Card>
  );
}
