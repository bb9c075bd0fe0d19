'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useTRPC } from '@/app/_lib/trpc';
import { SiteForm } from '@/app/(dashboard)/settings/sites/site-form';
import { ServiceCard } from './service-card';

export default function SitePage() {
  const t = useTranslations('settings.sites');
  const tc = useTranslations('common');
  const tw = useTranslations('webhooks');
  const { siteId } = useParams<{ siteId: string }>();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const site = useQuery(trpc.site.byId.queryOptions({ siteId }));
  const [editing, setEditing] = useState(false);
  const update = useMutation(
    trpc.site.update.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        void message.success(t('saved'));
        await queryClient.invalidateQueries(trpc.site.pathFilter());
      },
    }),
  );
  const rotate = useMutation(
    trpc.site.rotateSecret.mutationOptions({
      onSuccess: async () => {
        void message.success(t('secretRotated'));
        await queryClient.invalidateQueries(trpc.site.pathFilter());
      },
      onError: (error) => void message.error(error.message),
    }),
  );
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <QueryState query={site}>
      {(s) => {
        const snippet = `<script async src="${origin}/t.js" data-site="${s.id}"${s.respectDnt ? ' data-dnt="true"' : ''}></script>`;
        return (
          <>
            <Card
              title={s.name}
              extra={
                <Space>
                  <Link href={`/settings/sites/${encodeURIComponent(s.id)}/webhooks`} data-testid="open-webhooks">
                    {tw('open')}
                  </Link>
                  <Button onClick={() => setEditing(true)}>{tc('edit')}</Button>
                </Space>
              }
            >
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={t('siteKey')}>
                  <Typography.Text code copyable>
                    {s.id}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('domains')}>
                  <Space size={2} wrap>
                    {s.domains.map((d) => (
                      <Tag key={d}>{d}</Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('timeZone')}>{s.timeZone}</Descriptions.Item>
                <Descriptions.Item label={t('respectDnt')}>{s.respectDnt ? tc('yes') : tc('no')}</Descriptions.Item>
                <Descriptions.Item label={t('snippet')}>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                    {t('snippetHelp')}
                  </Typography.Paragraph>
                  <Typography.Paragraph
                    code
                    copyable={{ text: snippet, tooltips: [tc('copy'), tc('copied')] }}
                    data-testid="snippet"
                  >
                    {snippet}
                  </Typography.Paragraph>
                </Descriptions.Item>
                <Descriptions.Item label={t('apiSecret')}>
                  <Space wrap>
                    <Typography.Text code copyable data-testid="api-secret">
                      {s.apiSecret}
                    </Typography.Text>
                    <Popconfirm title={t('rotateConfirm')} onConfirm={() => rotate.mutate({ siteId: s.id })}>
                      <Button size="small" loading={rotate.isPending} data-testid="rotate-secret">
                        {t('rotate')}
                      </Button>
                    </Popconfirm>
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                    {t('apiSecretHelp')}
                  </Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
              <SiteForm
                open={editing}
                title={tc('edit')}
                initial={{ name: s.name, domains: s.domains, timeZone: s.timeZone, respectDnt: s.respectDnt }}
                busy={update.isPending}
                error={update.error?.message}
                onCancel={() => setEditing(false)}
                onSubmit={(v) => update.mutate({ siteId: s.id, ...v })}
              />
            </Card>
            <ServiceCard siteId={s.id} />
          </>
        );
      }}
    </QueryState>
  );
}
