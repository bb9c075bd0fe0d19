'use client';
import { PhoneOutlined } from '@ant-design/icons';
import { Select, Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { useFormat } from '@/app/_components/use-format';

interface ChatCalls {
  calls: number;
  missedCalls: number;
  callMs: number;
}

/** A chat's web calls in one line: "📞 2 calls · 3:05", the missed ones flagged; nothing for none. */
export function ChatCallsCell({ chat, fmt }: { chat: ChatCalls; fmt: ReturnType<typeof useFormat> }) {
  const t = useTranslations('calls.history');
  if (chat.calls === 0) return null;
  return (
    <span data-testid="chat-calls" style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text>
        <PhoneOutlined style={{ marginInlineEnd: 6 }} />
        {t('count', { n: chat.calls })}
        {chat.callMs > 0 && ` · ${fmt.duration(chat.callMs)}`}
      </Typography.Text>
      {chat.missedCalls > 0 && (
        <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="chat-calls-missed">
          {t('missed', { n: chat.missedCalls })}
        </Tag>
      )}
    </span>
  );
}

/** The history's "with calls" filter. */
export function CallsFilter({ value, onChange }: { value: boolean; onChange: (withCalls: boolean) => void }) {
  const t = useTranslations('calls.history');
  return (
    <Select
      value={value ? 'with' : ''}
      style={{ width: 150 }}
      aria-label={t('filterLabel')}
      data-testid="chat-history-calls"
      onChange={(v) => onChange(v === 'with')}
      options={[
        { value: '', label: t('all') },
        { value: 'with', label: t('with') },
      ]}
    />
  );
}
