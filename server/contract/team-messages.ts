import { z } from 'zod';

// The team around a chat over the agent socket: transfer to a person or a group, a
// supervisor's join and whisper. Added to agentToServer (channels.ts), as calls' are.

export const TEAM_LIMITS = { note: 500, whisper: 2000 } as const;

/**
 * Refusals of a transfer, added to AGENT_REFUSALS: `unknown_target` (no such person or group on
 * this site), `target_unavailable` (the person is offline, away or not taking chats).
 */
export const TEAM_REFUSALS = ['unknown_target', 'target_unavailable'] as const;

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Agent → server, added to agentToServer. */
export const agentTeamMessages = [
  /** Hands the chat to a person or a group, with a note only staff see. */
  z.strictObject({
    type: z.literal('chat.transfer'),
    chatId: id,
    to: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('agent'), userId: z.string().min(1).max(64) }),
      z.strictObject({ kind: z.literal('group'), groupId: id }),
    ]),
    note: z.string().trim().max(TEAM_LIMITS.note).optional(),
  }),
  /** A manager or admin joins a chat: the visitor is told, and they write in it as its agents do. */
  z.strictObject({ type: z.literal('chat.join'), chatId: id }),
  /** A manager or admin writes to the chat's agent only: stored, shown to staff, never to the visitor or a channel. */
  z.strictObject({
    type: z.literal('chat.whisper'),
    chatId: id,
    messageId: id,
    body: z.string().trim().min(1).max(TEAM_LIMITS.whisper),
  }),
] as const;
