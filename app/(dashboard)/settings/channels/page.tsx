'use client';
import { Space, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import { useSettingsSite } from '@/app/_components/settings-site';
import { ApiChannelsCard } from './api-channels-card';
import { WechatCard } from './wechat-card';

/** Settings → Channels: a site's channel API channels and its WeChat Official Account. */
export default function ChannelSettingsPage() {
  const t = useTranslations('channels');
  const { siteId, picker } = useSettingsSite(t('site'), 'channels-site');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      {picker}
      {siteId && <ApiChannelsCard siteId={siteId} />}
      {siteId && <WechatCard siteId={siteId} />}
    </Space>
  );
}
