import type { AgentPresence } from '../contract/channels.ts';

/**
 * Who takes a new chat: the preferred (inviting) agent while online, taking chats and with a
 * free slot, else the online agent who takes chats with the fewest chats relative to their maximum; null when all
 * are away, offline or full (the chat queues). `members`: only these may take it (a group's chat).
 */
export function pickAgent(
  agents: readonly AgentPresence[],
  preferred = '',
  members?: ReadonlySet<string>,
  skip = '',
): AgentPresence | null {
  const free = agents.filter((a) => serving(a) && a.chats < a.maxChats && a.userId !== skip);
  // The inviting agent keeps their visitor even outside the group the chat is routed to.
  const mine = free.find((a) => a.userId === preferred);
  if (mine) return mine;
  let best: AgentPresence | null = null;
  for (const a of free) {
    if (members && !members.has(a.userId)) continue;
    if (
      !best ||
      a.chats / a.maxChats < best.chats / best.maxChats ||
      (a.chats / a.maxChats === best.chats / best.maxChats && a.chats < best.chats)
    )
      best = a;
  }
  return best;
}

/**
 * Who a web call rings: the preferred agent (the one serving the visitor's chat) when free,
 * else the least busy free agent who takes calls. An agent on a call (ringing or talking)
 * is busy for calls; one who declined this call is not asked again.
 */
export function pickCallAgent(
  agents: readonly AgentPresence[],
  preferred = '',
  skip: ReadonlySet<string> = new Set(),
): AgentPresence | null {
  const free = agents.filter((a) => freeForCalls(a) && !skip.has(a.userId));
  const mine = free.find((a) => a.userId === preferred);
  if (mine) return mine;
  let best: AgentPresence | null = null;
  for (const a of free) if (!best || a.chats / a.maxChats < best.chats / best.maxChats) best = a;
  return best;
}

export function freeForCalls(a: AgentPresence): boolean {
  return a.status === 'online' && a.takesCalls && !a.onCall;
}

/** Someone could answer: an agent who takes chats is online (full or not; a full one means a queue, not an offline form). */
export function anyoneOnline(agents: readonly AgentPresence[]): boolean {
  return agents.some(serving);
}

/** Online alone is not enough: admins and managers watch the dashboard without taking chats. */
function serving(a: AgentPresence): boolean {
  return a.status === 'online' && a.takesChats;
}
