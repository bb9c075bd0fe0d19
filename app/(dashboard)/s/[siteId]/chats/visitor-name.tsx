'use client';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ChatSummary } from '@/server/contract/channels';
import { useTRPC } from '@/app/_lib/trpc';
import { visitorLabel } from './chat-list';

/**
 * The conversation's header name: what the pre-chat form said, else who the store knows the
 * visitor to be (identify, an earlier form, a lead saved from this chat). The profile query is
 * the one the history panel reads, so it costs no second request and refreshes with it.
 */
export function VisitorName({ siteId, chat, anonymous }: { siteId: string; chat: ChatSummary; anonymous: string }) {
  const trpc = useTRPC();
  const profile = useQuery(
    trpc.visitor.byId.queryOptions({ siteId, visitorId: chat.visitorId }, { retry: false, staleTime: 30_000 }),
  );
  const person = profile.data?.person;
  // A form with only an email still names a known person (an imported customer) by their name.
  const known = chat.visitor.name
    ? ''
    : person?.name || (chat.visitor.email || chat.visitor.phone ? '' : person?.email || person?.phone || '');
  return (
    <Typography.Text strong data-testid="conversation-visitor">
      {known || visitorLabel(chat, anonymous)}
    </Typography.Text>
  );
}
