'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import Link from '@/app/_components/link';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { DataTable } from '@/app/_components/data-table';
import { QueryState } from '@/app/_components/query-state';
import { intlTag, useLocale } from '@/app/_i18n/locale-provider';
import { useTRPC } from '@/app/_lib/trpc';
import { SiteForm } from './site-form';

export default function SitesPage() {
  const t = useTranslations('settings.sites');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { locale } = useLocale();
  const inZone = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat(intlTag(locale), { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const sites = useQuery(trpc.site.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const create = useMutation(
    trpc.site.create.mutationOptions({
      onSuccess: async () => {
        setCreating(false);
        void message.success(t('created'));
        await queryClient.invalidateQueries(trpc.site.list.queryFilter());
      },
    }),
  );
  return (
    <Card
      title={t('title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('new')}
        </Button>
      }
    >
      <QueryState query={sites}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            filename="sites"
            testId="sites-table"
            columns={[
              {
                key: 'name',
                title: t('name'),
                csvTitle: 'name',
                value: (r) => r.name,
                render: (r) => <Link href={`/settings/sites/${r.id}`}>{r.name}</Link>,
              },
              {
                key: 'id',
                title: t('siteKey'),
                csvTitle: 'site_key',
                value: (r) => r.id,
                render: (r) => (
                  <Typography.Text code copyable>
                    {r.id}
                  </Typography.Text>
                ),
              },
              {
                key: 'domains',
                title: t('domains'),
                csvTitle: 'domains',
                value: (r) => r.domains.join(' '),
                render: (r) => (
                  <Space size={2} wrap>
                    {r.domains.map((d) => (
                      <Tag key={d}>{d}</Tag>
                    ))}
                  </Space>
                ),
              },
              { key: 'tz', title: t('timeZone'), csvTitle: 'time_zone', value: (r) => r.timeZone },
              {
                key: 'dnt',
                title: t('respectDnt'),
                csvTitle: 'respect_dnt',
                value: (r) => (r.respectDnt ? tc('yes') : tc('no')),
              },
              // Each site's own zone, as everything else about the site is shown; sorted by the instant.
              {
                key: 'created',
                title: t('createdAt'),
                csvTitle: 'created_at',
                value: (r) => new Date(r.createdAt).toISOString(),
                render: (r) => <span data-testid="site-created">{inZone(r.createdAt, r.timeZone)}</span>,
              },
            ]}
          />
        )}
      </QueryState>
      <SiteForm
        open={creating}
        title={t('new')}
        busy={create.isPending}
        error={create.error?.message}
        onCancel={() => setCreating(false)}
        onSubmit={(v) => create.mutate(v)}
      />
    </Card>
  );
}
