import type { ClickHouseClient } from '@clickhouse/client';
import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import type { Chat, ChatRooms, Site } from './chat-rooms.ts';
import { loadOpenChats } from './chat-store.ts';
import { loadChatTokens } from './chat-tokens.ts';

/** Puts the open and queued chats a previous process left back in the rooms; their agents wait offline until they connect. */
export async function restoreOpenChats(
  ch: ClickHouseClient,
  rooms: ChatRooms,
  ensureAgent: (site: Site, userId: string, name: string) => void,
): Promise<void> {
  const open = await loadOpenChats(ch);
  const hashes = await loadChatTokens(
    ch,
    open.map((o) => o.chat.chatId),
  );
  for (const { siteId, chat, messages, transferred } of open) {
    const site = rooms.site(siteId);
    for (const m of messages) if (m.sender === 'agent') m.agentName = chat.agentName;
    const record: Chat = {
      siteId,
      summary: chat,
      messages,
      byMessageId: new Map(messages.map((m) => [m.messageId, m])),
      tail: Promise.resolve(),
      tokenHash: hashes.get(chat.chatId) ?? null,
      transferred,
    };
    site.chats.set(chat.chatId, record);
    site.byVisitor.set(chat.visitorId, record);
    if (chat.agentId && chat.agentId !== ROBOT_AGENT_ID) ensureAgent(site, chat.agentId, chat.agentName);
  }
}
