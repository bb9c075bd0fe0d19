'use client';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { useFormat } from '@/app/_components/use-format';
import { useMe } from '@/app/_components/use-site';
import { useTRPC } from '@/app/_lib/trpc';

/**
 * The chat's recorded calls, each an <audio> element streaming from the server (which checks
 * role and site, and answers Range requests so seeking works). Only managers and admins
 * may play recordings: for other roles nothing is asked and nothing shows.
 */
export function CallRecordings({
  siteId,
  chatId,
  fmt,
}: {
  siteId: string;
  chatId: string;
  fmt: ReturnType<typeof useFormat>;
}) {
  const t = useTranslations('calls');
  const trpc = useTRPC();
  const may = useMe().data?.capabilities.includes('calls:recordings') ?? false;
  const recordings = useQuery(trpc.chatHistory.recordings.queryOptions({ siteId, chatId }, { enabled: may }));
  if (!may || !recordings.data || recordings.data.length === 0) return null;
  return (
    <div data-testid="call-recordings" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('recording.title')}</Typography.Title>
      {recordings.data.map((r) => (
        <div key={r.callId} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            {t('recording.item', { when: fmt.dateTime(r.createdAt), duration: fmt.duration(r.durationMs) })}
          </Typography.Text>
          <audio
            controls
            preload="metadata"
            src={r.src}
            style={{ display: 'block', width: '100%' }}
            data-testid="call-recording"
          />
        </div>
      ))}
    </div>
  );
}
