'use client';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import { useVisitorsChatsAgents } from '@/app/_lib/realtime';
import { useTRPC } from '@/app/_lib/trpc';
import { ALERT_SCREEN, type AlertItem } from '@/server/contract/notify';

/**
 * The notification bell in the header of every screen: the user's unread alerts of every
 * site they can see, whichever site is open, pushed over the agent socket (the list comes
 * again on every reconnect), each labelled with its site, its time in that site's zone and a
 * link to the screen it concerns; mark one or all read.
 */
export function AlertBell({ siteId }: { siteId: string }) {
  const t = useTranslations('notify.bell');
  const trpc = useTRPC();
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const { alerts } = useVisitorsChatsAgents(siteId);
  const sites = useQuery(trpc.site.list.queryOptions());
  const markRead = useMutation(trpc.notify.markRead.mutationOptions());
  const markAll = useMutation(trpc.notify.markAllRead.mutationOptions());
  const siteOf = (id: string) => sites.data?.find((s) => s.id === id);
  const when = (a: AlertItem) =>
    new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: siteOf(a.siteId)?.timeZone ?? 'UTC',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(a.at);
  const href = (a: AlertItem) => {
    const screen = ALERT_SCREEN[a.kind];
    return screen.startsWith('/') ? screen : `/s/${a.siteId}/${screen}`;
  };
  // Marked read per site: the one call per site the list holds.
  const readAll = () => {
    for (const id of new Set(alerts.map((a) => a.siteId))) markAll.mutate({ siteId: id });
  };

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }} data-testid="alert-list">
      {alerts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 360, overflowY: 'auto' }}
          dataSource={alerts}
          renderItem={(a) => (
            <List.Item
              data-testid="alert-item"
              actions={[
                <Button
                  key="read"
                  size="small"
                  type="link"
                  onClick={() => markRead.mutate({ siteId: a.siteId, keys: [a.key] })}
                  data-testid="alert-read"
                >
                  {t('markRead')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Link href={href(a)} onClick={() => setOpen(false)}>
                    {t(`kind.${a.kind}`, a.figures)}
                  </Link>
                }
                description={
                  <Space size={4} wrap>
                    <Tag data-testid="alert-site">{siteOf(a.siteId)?.name ?? a.siteId}</Tag>
                    {when(a)}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={content}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text strong>{t('title')}</Typography.Text>
          {alerts.length > 0 && (
            <Button size="small" loading={markAll.isPending} onClick={readAll} data-testid="alert-read-all">
              {t('markAllRead')}
            </Button>
          )}
        </div>
      }
    >
      <Button type="text" aria-label={t('title')} data-testid="alert-bell" data-count={alerts.length}>
        <Badge count={alerts.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
