'use client';
import { Tag } from 'antd';
import { useTranslations } from 'use-intl';
import type { ChatChannel } from '@/server/contract/channels';

const COLORS: Record<ChatChannel, string> = { web: 'geekblue', email: 'volcano', api: 'cyan', wechat: 'green' };

/** Where a conversation came from, the same word and colour on every screen. */
export function ChannelTag({ channel }: { channel: ChatChannel }) {
  const t = useTranslations('mail');
  return (
    <Tag color={COLORS[channel]} data-testid="chat-channel" data-channel={channel}>
      {t(`channel.${channel}`)}
    </Tag>
  );
}
