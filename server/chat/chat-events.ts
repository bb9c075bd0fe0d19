import { randomUUID } from 'node:crypto';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';

export type ChatEventType =
  | 'invite_shown'
  | 'invite_accepted'
  | 'invite_dismissed'
  | 'chat_requested'
  | 'chat_started'
  | 'chat_message'
  | 'chat_ended'
  | 'chat_rated'
  /** An agent handed the chat on: agent_id the new agent ('' = it queues for props.group_id), props from_agent_id. */
  | 'chat_transferred'
  /** A transferred chat that queued was taken: agent_id who took it. */
  | 'chat_assigned'
  /** A manager or admin joined the chat (agent_id); the visitor was told. */
  | 'chat_joined'
  /** A person was asked for in a robot chat (outcome: queued, or offline when nobody could chat). */
  | 'chat_handover'
  /** The robot answered (kind answer, with its article) or declined a visitor's question. */
  | 'robot_answered'
  /** The visitor rated a robot answer helpful or not. */
  | 'robot_rated'
  | 'offline_message'
  | 'callback_request'
  /** An agent claimed a callback from the queue (props.callback_id: the request's event id). */
  | 'callback_claimed'
  /** An agent recorded a callback's outcome (props.outcome; props.at for "call again"). */
  | 'callback_outcome'
  /** A web call was asked for (props call_id, origin visitor or agent). */
  | 'call_requested'
  /** An agent (or, for an agent's call, the visitor) answered. */
  | 'call_answered'
  /** Nobody answered: props reason no_answer, declined or unavailable; agent_id the last one rung. */
  | 'call_missed'
  /** An answered call ended: props duration_ms (answer to end) and reason. */
  | 'call_ended';

export interface ChatEventInput {
  siteId: string;
  visitorId: string;
  sessionId: string;
  type: ChatEventType;
  at: number;
  agentId?: string;
  ruleId?: string;
  invitationId?: string;
  chatId?: string;
  leadId?: string;
  props?: Record<string, string>;
}

/**
 * A chat or invitation step as a row of `events`, carrying the visit's place, device and
 * source as the Live screen knows them, so the conversion reports can break every step
 * down like a page view without a join.
 */
export function chatEvent(input: ChatEventInput, visit: LiveVisitor | null): EventRow {
  const page = visit?.trail.at(-1)?.path ?? '';
  return blankEvent({
    site_id: input.siteId,
    ts: input.at,
    event_id: randomUUID(),
    type: input.type,
    visitor_id: input.visitorId,
    session_id: input.sessionId,
    host: '',
    path: page,
    url: page,
    screen: '',
    language: '',
    referrer_domain: visit?.referrerDomain ?? '',
    utm_source: visit?.utmSource ?? '',
    utm_medium: visit?.utmMedium ?? '',
    utm_campaign: visit?.utmCampaign ?? '',
    country: visit?.country ?? '',
    region: visit?.region ?? '',
    city: visit?.city ?? '',
    device: visit?.device ?? '',
    browser: visit?.browser ?? '',
    os: visit?.os ?? '',
    agent_id: input.agentId ?? '',
    rule_id: input.ruleId ?? '',
    invitation_id: input.invitationId ?? '',
    chat_id: input.chatId ?? '',
    lead_id: input.leadId ?? '',
    props: input.props ?? {},
  });
}
