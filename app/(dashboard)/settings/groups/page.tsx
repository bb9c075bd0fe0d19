'use client';
import { Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useSettingsSite } from '@/app/_components/settings-site';
import { GroupsCard } from './groups-card';
import { RoutesCard } from './routes-card';

/** Settings → Groups: a site's agent groups, their members, and where each channel's new conversations go. */
export default function GroupsSettingsPage() {
  const t = useTranslations('teams');
  const tc = useTranslations('common');
  const { siteId, picker } = useSettingsSite(tc('nav.site'), 'groups-site');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      {picker}
      {siteId && <GroupsCard siteId={siteId} />}
      {siteId && <RoutesCard siteId={siteId} />}
    </Space>
  );
}
