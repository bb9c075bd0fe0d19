'use client';
import { Card, Tabs, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { QueryState } from '@/app/_components/query-state';
import { useSettingsSite } from '@/app/_components/settings-site';
import { ApiKeysPanel } from './api-keys-panel';
import { ApiReference } from './api-reference';

/** Settings → API: a site's keys, and the reference generated from the server's route table. */
export default function ApiSettingsPage() {
  const t = useTranslations('api');
  const { sites, siteId, picker } = useSettingsSite(t('site'), 'api-site');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  return (
    <Card title={t('title')}>
      <div style={{ marginBottom: 8 }}>{picker}</div>
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
