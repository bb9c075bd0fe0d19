import type { EventRow } from '../../clickhouse/rows.ts';
import { planLead } from '../leads/lead-service.ts';
import type { ChatChannel, ChatMessage, ChatSummary } from '../contract/channels.ts';
import type { ChatEventInput } from './chat-events.ts';
import type { ChatStep } from './chat-steps.ts';

/** A chat step as the service describes it; the visitor and the time are added when it is made a row. */
export type Step = Omit<ChatEventInput, 'siteId' | 'visitorId' | 'sessionId' | 'at'>;

export interface NewChat {
  /** Absent: a web chat. */
  channel?: ChatChannel;
  origin: ChatSummary['origin'];
  invitationId: string;
  ruleId: string;
  /** The inviting agent, who takes the chat while they have a free slot. */
  preferred: string;
  visitor: ChatSummary['visitor'];
  /** The accepted invitation, journaled with the request. */
  accepted?: Step;
  /** The question from the pre-chat form or the invitation's message: seq 1. Its id is the prefix plus the chat or invitation id. */
  first?: { messageId: 'q_' | 'i_'; sender: ChatMessage['sender']; agentName: string; body: string; agentId?: string };
  /** The pre-chat form gave an email or a phone: the chat makes a lead. */
  lead: boolean;
  /** The group the chat goes to (an invitation rule's); absent: the channel's default route. */
  groupId?: string;
  /** The robot's name when the robot serves the chat (its mode applies now); no agent is picked. */
  robot?: string;
}

/**
 * What a new chat journals as one step: the accepted invitation, the request, the first
 * message (row and event), the pre-chat lead owned by the agent who takes the chat, and the
 * hash of the token the starting page is given.
 */
export function chatRequestStep(
  o: NewChat,
  c: {
    stepId: string;
    groupId: string;
    siteId: string;
    visitorId: string;
    chatId: string;
    agentId: string;
    at: number;
    tokenHash: string;
  },
  event: (step: Step) => EventRow,
): { step: ChatStep; first: ChatMessage | undefined } {
  const ids = { chatId: c.chatId, invitationId: o.invitationId, ruleId: o.ruleId };
  const v = o.visitor;
  const events = [
    ...(o.accepted ? [event(o.accepted)] : []),
    event({
      type: 'chat_requested',
      ...ids,
      agentId: o.preferred,
      props: {
        origin: o.origin,
        channel: o.channel ?? 'web',
        group_id: c.groupId,
        name: v.name,
        email: v.email,
        phone: v.phone,
        question: v.question,
      },
    }),
  ];
  const f = o.first;
  const first: ChatMessage | undefined = f && {
    chatId: c.chatId,
    seq: 1,
    messageId: `${f.messageId}${f.messageId === 'q_' ? c.chatId : o.invitationId}`,
    sender: f.sender,
    agentName: f.agentName,
    body: f.body,
    at: c.at,
  };
  if (first) events.push(event({ type: 'chat_message', ...ids, agentId: c.agentId, props: { sender: first.sender } }));
  return {
    first,
    step: {
      id: c.stepId,
      siteId: c.siteId,
      visitorId: c.visitorId,
      events,
      token: { chatId: c.chatId, hash: c.tokenHash, at: c.at },
      message: first && {
        site_id: c.siteId,
        chat_id: c.chatId,
        message_id: first.messageId,
        seq: 1,
        ts: c.at,
        sender: first.sender,
        agent_id: f?.agentId ?? '',
        visitor_id: c.visitorId,
        body: first.body,
      },
      lead: o.lead
        ? planLead({
            siteId: c.siteId,
            visitorId: c.visitorId,
            source: 'prechat',
            name: v.name,
            email: v.email,
            phone: v.phone,
            message: v.question,
            callbackAt: '',
            chatId: c.chatId,
            ownerId: c.agentId,
            now: c.at,
          })
        : undefined,
      // A name alone makes no lead (nobody can follow it up), but it still names the visitor.
      // An email chat's address (a channel's email or phone) joins its sender to the person who gave it elsewhere.
      identity:
        !o.lead && (v.name || v.email || v.phone)
          ? {
              site_id: c.siteId,
              visitor_id: c.visitorId,
              person_id: c.visitorId,
              name: v.name,
              email: v.email.toLowerCase(),
              phone: v.phone,
              updated_at: c.at,
            }
          : undefined,
    },
  };
}
