'use client';
import { useSyncExternalStore } from 'react';
import type { ChatMessage } from '@/server/contract/channels';

// The last message seq the agent has had on screen, per chat: what "unread" counts from.
// Kept for the tab's life (sessionStorage), so a reload does not mark everything unread.
const KEY = 'lt_chat_seen';
let seen: Record<string, number> = {};
const listeners = new Set<() => void>();

function load() {
  try {
    seen = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, number>;
  } catch {
    seen = {};
  }
}
if (typeof window !== 'undefined') load();

export function markSeen(chatId: string, seq: number): void {
  if ((seen[chatId] ?? 0) >= seq) return;
  seen = { ...seen, [chatId]: seq };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(seen));
  } catch {
    // storage full or blocked: memory keeps it
  }
  for (const l of listeners) l();
}

export function useSeen(): Record<string, number> {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => seen,
    () => ({}),
  );
}

/** Visitor messages the agent has not had on screen yet. */
export function unreadOf(messages: ChatMessage[] | undefined, seenSeq: number | undefined): number {
  return (messages ?? []).filter((m) => m.sender === 'visitor' && m.seq > (seenSeq ?? 0)).length;
}
