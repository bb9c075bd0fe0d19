'use client';
import { Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useSettingsSite } from '@/app/_components/settings-site';
import { SiteMailCard } from './site-mail-card';
import { SmtpCard } from './smtp-card';

/** Settings → Mail: the SMTP relay every mail goes through, and each site's mailbox and team recipients. */
export default function MailSettingsPage() {
  const t = useTranslations('mail');
  const { siteId, picker } = useSettingsSite(t('site'), 'mail-site');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <SmtpCard />
      {picker}
      {siteId && <SiteMailCard siteId={siteId} />}
    </Space>
  );
}
