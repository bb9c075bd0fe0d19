import type { AgentPresence } from '../realtime/channels.ts';

/**
 * Who takes a new chat: the preferred (inviting) agent while online with a free slot,
 * else the online agent with the fewest chats relative to their maximum; null when all
 * are away, offline or full (the chat queues).
 */
export function pickAgent(agents: readonly AgentPresence[], preferred = ''): AgentPresence | null {
  const free = agents.filter((a) => a.status === 'online' && a.chats < a.maxChats);
  const mine = free.find((a) => a.userId === preferred);
  if (mine) return mine;
  let best: AgentPresence | null = null;
  for (const a of free) {
    if (!best || a.chats / a.maxChats < best.chats / best.maxChats || (a.chats / a.maxChats === best.chats / best.maxChats && a.chats < best.chats)) best = a;
  }
  return best;
}

/** Someone could answer: an agent is online (full or not; a full one means a queue, not an offline form). */
export function anyoneOnline(agents: readonly AgentPresence[]): boolean {
  return agents.some((a) => a.status === 'online');
}
