import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ChatServedFilter, ChatSort } from '../contract/lists.ts';
import type { Scope } from './fragments/report-scope.ts';
import { chatChannel, type ChatChannel } from '../contract/channels.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

// What the history can be sorted by: the only strings spliced into ORDER BY; the router's
// input enum is built from these keys.
const CHAT_SORTS = { startedAt: 'c_started', messages: 'c_messages', rating: 'c_rating' } as const satisfies Record<
  ChatSort,
  string
>;

export interface ChatHistoryRow {
  chatId: string;
  visitorId: string;
  /** When the visitor asked (or accepted an invitation), epoch ms. */
  startedAt: number;
  /** 0 while the chat is open or was never closed. */
  endedAt: number;
  /** '' when no agent took the chat. */
  agentId: string;
  origin: 'invitation' | 'visitor';
  channel: ChatChannel;
  messages: number;
  /** 1–5, 0 for none. */
  rating: number;
  lead: boolean;
  /** What the visitor gave in the pre-chat form, else in the chat's lead; '' for none. */
  name: string;
  email: string;
  country: string;
  /** Who served it: the robot alone, the robot then a person, a person from the start, or nobody yet. */
  served: 'robot' | 'handed_over' | 'person' | 'nobody';
  /** Web calls made during the chat, answered or not (a call still ringing is not counted). */
  calls: number;
  /** Of those, the ones nobody answered. */
  missedCalls: number;
  /** Talk time of its ended calls (answer to hang-up), in ms. */
  callMs: number;
}

export interface ChatListQuery {
  /** Only this chat; absent for all. */
  chatId?: string;
  /** Only the chats this agent took; absent for all. */
  agentId?: string;
  /** Only the chats so served (CHAT_SERVED_FILTERS); absent or '' for all. */
  robot?: ChatServedFilter;
  /** Only the chats of this channel; absent for all. */
  channel?: ChatChannel;
  /** Only the chats where the visitor wrote this hot word (visitor_terms); absent for all. */
  term?: string;
  /** Only the chats with at least one web call; absent for all. */
  withCalls?: boolean;
  sort: ChatSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const t = col.text;
const chatRow = z.object({
  c_chat: t,
  c_visitor: t,
  c_started: col.ms,
  c_ended: col.ms,
  c_agent: t,
  c_origin: t,
  c_channel: t,
  c_messages: col.int,
  c_rating: col.int,
  c_lead: col.flag,
  c_name: t,
  c_email: t,
  c_country: t,
  c_robot: col.int,
  c_handover: col.int,
  c_person: col.int,
  c_calls: col.int,
  c_missed_calls: col.int,
  c_call_ms: col.int,
  total: col.int,
  l_name: t,
  l_email: t,
});

/**
 * The chats of the range (under the page's filters), one page plus the total, rebuilt from
 * their lifecycle events as the agent report reads them: a chat counts once it was asked
 * for or started. The visitor is named as they named themselves: in the pre-chat form, or
 * in the lead the chat captured.
 */
export async function listChats(
  client: ClickHouseClient,
  scope: Scope,
  q: ChatListQuery,
): Promise<{ total: number; rows: ChatHistoryRow[] }> {
  const order = `${CHAT_SORTS[q.sort]} ${q.order === 'asc' ? 'ASC' : 'DESC'}, c_chat`;
  const rows = await readRows(
    client,
    {
      // Aliases are prefixed: a bare `country` or `name` would shadow the column in the filters' WHERE.
      query: `SELECT c.*, l.l_name, l.l_email FROM (
            SELECT chat_id AS c_chat,
                   any(visitor_id) AS c_visitor,
                   toUnixTimestamp64Milli(min(ts)) AS c_started,
                   if(countIf(type = 'chat_ended') > 0, toUnixTimestamp64Milli(maxIf(ts, type = 'chat_ended')), 0) AS c_ended,
                   argMaxIf(agent_id, ts, type = 'chat_started') AS c_agent,
                   anyIf(props['origin'], type = 'chat_requested') AS c_origin,
                   if(anyIf(props['channel'], type = 'chat_requested') = '', 'web', anyIf(props['channel'], type = 'chat_requested')) AS c_channel,
                   countIf(type = 'chat_message') AS c_messages,
                   maxIf(toUInt8OrZero(props['rating']), type = 'chat_rated') AS c_rating,
                   countIf(type = 'lead_created') > 0 AS c_lead,
                   anyIf(props['name'], type = 'chat_requested') AS c_name,
                   anyIf(props['email'], type = 'chat_requested') AS c_email,
                   any(country) AS c_country,
                   countIf(type = 'chat_started' AND props['robot'] = '1') AS c_robot,
                   countIf(type = 'chat_handover') AS c_handover,
                   countIf(type = 'chat_started' AND props['robot'] != '1') AS c_person,
                   countIf(type IN ('call_answered', 'call_missed')) AS c_calls,
                   countIf(type = 'call_missed') AS c_missed_calls,
                   sumIf(toUInt64OrZero(props['duration_ms']), type = 'call_ended') AS c_call_ms,
                   count() OVER () AS total
            FROM ${TABLES.events}
            WHERE ${scope.where} AND chat_id != '' AND ({chatId:String} = '' OR chat_id = {chatId:String})
                  AND ({term:String} = '' OR chat_id IN (SELECT chat_id FROM ${TABLES.visitorTerms}
                                                       WHERE site_id = {siteId:String} AND chat_id != '' AND has(terms, {term:String})))
            GROUP BY chat_id
            HAVING countIf(type IN ('chat_requested', 'chat_started')) > 0 AND ({agentId:String} = '' OR c_agent = {agentId:String})
              AND multiIf({robot:String} = 'robot', c_robot > 0,
                          {robot:String} = 'robot_alone', c_robot > 0 AND c_handover = 0,
                          {robot:String} = 'handed_over', c_robot > 0 AND c_handover > 0,
                          {robot:String} = 'person', c_robot = 0 AND c_person > 0, 1)
              AND ({channel:String} = '' OR c_channel = {channel:String})
              AND ({withCalls:Bool} = false OR c_calls > 0)
            ORDER BY ${order}
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}) AS c
            LEFT JOIN (SELECT chat_id AS l_chat, any(name) AS l_name, any(email) AS l_email
                       FROM ${TABLES.leads} FINAL
                       WHERE site_id = {siteId:String} AND chat_id != ''
                       GROUP BY chat_id) AS l ON l.l_chat = c.c_chat
            ORDER BY ${order}
            SETTINGS join_use_nulls = 0`,
      query_params: {
        ...scope.params,
        chatId: q.chatId ?? '',
        agentId: q.agentId ?? '',
        robot: q.robot ?? '',
        channel: q.channel ?? '',
        term: q.term ?? '',
        withCalls: q.withCalls ?? false,
        limit: q.limit,
        offset: q.offset,
      },
    },
    chatRow,
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      chatId: r.c_chat,
      visitorId: r.c_visitor,
      startedAt: r.c_started,
      endedAt: r.c_ended,
      agentId: r.c_agent,
      origin: r.c_origin === 'invitation' ? 'invitation' : 'visitor',
      channel: chatChannel(r.c_channel),
      messages: r.c_messages,
      rating: r.c_rating,
      lead: r.c_lead,
      name: r.c_name || r.l_name,
      email: r.c_email || r.l_email,
      country: r.c_country,
      served: r.c_robot > 0 ? (r.c_handover > 0 ? 'handed_over' : 'robot') : r.c_person > 0 ? 'person' : 'nobody',
      calls: r.c_calls,
      missedCalls: r.c_missed_calls,
      callMs: r.c_call_ms,
    })),
  };
}

/** The agents who took a chat in the range, for the history's agent filter. */
export async function listChatAgents(client: ClickHouseClient, scope: Scope): Promise<string[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT DISTINCT agent_id FROM ${TABLES.events}
            WHERE ${scope.where} AND type = 'chat_started' AND agent_id != ''
            ORDER BY agent_id`,
      query_params: scope.params,
    },
    z.object({ agent_id: col.text }),
  );
  return rows.map((r) => r.agent_id);
}
