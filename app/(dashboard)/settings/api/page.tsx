'use client';
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useLastSite } from '@/app/_components/use-last-site';
import { useTRPC } from '@/app/_lib/trpc';
import { ApiKeysPanel } from './api-keys-panel';
import { ApiReference } from './api-reference';

/** Settings → API: a site's keys, and the reference generated from the server's route table. */
export default function ApiSettingsPage() {
  const t = useTranslations('api');
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions());
  const lastSite = useLastSite(
    undefined,
    sites.data?.map((s) => s.id),
  );
  const [chosen, setChosen] = useState<string>();
  const siteId = chosen ?? lastSite;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <Card title={t('title')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('site')}</Typography.Text>
        <Select
          style={{ minWidth: 200 }}
          value={siteId}
          onChange={setChosen}
          loading={sites.isPending}
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="api-site"
        />
      </Space>
      <QueryState query={sites} isEmpty={(list) => list.length === 0}>
        {() => (
          <Tabs
            items={[
              {
                key: 'keys',
                label: t('keysTab'),
                children: (
                  <>
                    <Typography.Paragraph type="secondary">
                      {t('intro', { base: `${origin}/api/v1`, header: 'Authorization: Bearer <key>' })}
                    </Typography.Paragraph>
                    {siteId && <ApiKeysPanel siteId={siteId} />}
                  </>
                ),
              },
              { key: 'reference', label: t('referenceTab'), children: <ApiReference /> },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
