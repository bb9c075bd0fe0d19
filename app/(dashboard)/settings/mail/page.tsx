'use client';
import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { useLastSite } from '@/app/_components/use-last-site';
import { useTRPC } from '@/app/_lib/trpc';
import { SiteMailCard } from './site-mail-card';
import { SmtpCard } from './smtp-card';

/** Settings → Mail: the SMTP relay every mail goes through, and each site's mailbox and team recipients. */
export default function MailSettingsPage() {
  const t = useTranslations('mail');
  const trpc = useTRPC();
  const sites = useQuery(trpc.site.list.queryOptions());
  const lastSite = useLastSite(
    undefined,
    sites.data?.map((s) => s.id),
  );
  const [chosen, setChosen] = useState<string>();
  const siteId = chosen ?? lastSite;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <SmtpCard />
      <Space wrap>
        <Typography.Text type="secondary">{t('site')}</Typography.Text>
        <Select
          style={{ minWidth: 200 }}
          value={siteId}
          onChange={setChosen}
          loading={sites.isPending}
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="mail-site"
        />
      </Space>
      {siteId && <SiteMailCard siteId={siteId} />}
    </Space>
  );
}
