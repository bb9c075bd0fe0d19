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

// A chat's figures from its lifecycle events, by column name (prefixed: a bare `country` or
// `name` would shadow the column in the filters' WHERE). Choosing the page reads only the
// figures its sort and filters need; the page's rows then read every figure for their own
// chats: at 30M events, 30 days, the page's figures and its leads for all ~92,000 chats of the
// range were four fifths of the list's time (bench/RESULTS.md, "The chat history's page first").
const FIGURES = {
  c_visitor: 'any(visitor_id)',
  c_started: 'toUnixTimestamp64Milli(min(ts))',
  c_last: 'toUnixTimestamp64Milli(max(ts))',
  c_ended: `if(countIf(type = 'chat_ended') > 0, toUnixTimestamp64Milli(maxIf(ts, type = 'chat_ended')), 0)`,
  c_agent: `argMaxIf(agent_id, ts, type = 'chat_started')`,
  c_origin: `anyIf(props['origin'], type = 'chat_requested')`,
  c_channel: `if(anyIf(props['channel'], type = 'chat_requested') = '', 'web', anyIf(props['channel'], type = 'chat_requested'))`,
  c_messages: `countIf(type = 'chat_message')`,
  c_rating: `maxIf(toUInt8OrZero(props['rating']), type = 'chat_rated')`,
  c_lead: `countIf(type = 'lead_created') > 0`,
  c_name: `anyIf(props['name'], type = 'chat_requested')`,
  c_email: `anyIf(props['email'], type = 'chat_requested')`,
  c_country: 'any(country)',
  c_robot: `countIf(type = 'chat_started' AND props['robot'] = '1')`,
  c_handover: `countIf(type = 'chat_handover')`,
  c_person: `countIf(type = 'chat_started' AND props['robot'] != '1')`,
  c_calls: `countIf(type IN ('call_answered', 'call_missed'))`,
  c_missed_calls: `countIf(type = 'call_missed')`,
  c_call_ms: `sumIf(toUInt64OrZero(props['duration_ms']), type = 'call_ended')`,
} as const;
type Figure = keyof typeof FIGURES;
const figures = (names: Iterable<Figure>) => [...names].map((n) => `${FIGURES[n]} AS ${n}`).join(', ');

// The served filters over the figures they read (CHAT_SERVED_FILTERS but '').
const SERVED: Record<Exclude<ChatServedFilter, ''>, string> = {
  robot: 'c_robot > 0',
  robot_alone: 'c_robot > 0 AND c_handover = 0',
  handed_over: 'c_robot > 0 AND c_handover > 0',
  person: 'c_robot = 0 AND c_person > 0',
};

/** The figures and HAVING conditions that choose the page: a chat counts once it was asked for or started. */
function pageFilter(q: ChatListQuery): { need: Set<Figure>; having: string[] } {
  const need = new Set<Figure>(['c_started', 'c_last', CHAT_SORTS[q.sort]]);
  const having = [`countIf(type IN ('chat_requested', 'chat_started')) > 0`];
  const use = (names: Figure[], condition: string) => {
    for (const n of names) need.add(n);
    having.push(condition);
  };
  if (q.agentId) use(['c_agent'], 'c_agent = {agentId:String}');
  if (q.robot) use(['c_robot', 'c_handover', 'c_person'], SERVED[q.robot]);
  if (q.channel) use(['c_channel'], 'c_channel = {channel:String}');
  if (q.withCalls) use(['c_calls'], 'c_calls > 0');
  return { need, having };
}

const t = col.text;
const pageRow = z.object({ c_chat: t, c_started: col.ms, c_last: col.ms, total: col.int });
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
  const { need, having } = pageFilter(q);
  const page = await readRows(
    client,
    {
      query: `SELECT chat_id AS c_chat, ${figures(need)}, count() OVER () AS total
            FROM ${TABLES.events}
            WHERE ${scope.where} AND chat_id != '' AND ({chatId:String} = '' OR chat_id = {chatId:String})
                  AND ({term:String} = '' OR chat_id IN (SELECT chat_id FROM ${TABLES.visitorTerms}
                                                       WHERE site_id = {siteId:String} AND chat_id != '' AND has(terms, {term:String})))
            GROUP BY chat_id
            HAVING ${having.join(' AND ')}
            ORDER BY ${order}
            LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params: {
        ...scope.params,
        chatId: q.chatId ?? '',
        agentId: q.agentId ?? '',
        channel: q.channel ?? '',
        term: q.term ?? '',
        limit: q.limit,
        offset: q.offset,
      },
    },
    pageRow,
  );
  const [first] = page;
  if (!first) return { total: 0, rows: [] };
  const rows = await pageChats(client, scope, page);
  const byChat = new Map(rows.map((r) => [r.chatId, r]));
  return { total: first.total, rows: page.flatMap((p) => byChat.get(p.c_chat) ?? []) };
}

/**
 * Every figure of the page's chats, and the name and email of their leads. Their events lie
 * between the page's first and last, which a page of recent chats keeps to a few hours.
 */
async function pageChats(
  client: ClickHouseClient,
  scope: Scope,
  page: z.infer<typeof pageRow>[],
): Promise<ChatHistoryRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT c.*, l.l_name, l.l_email FROM (
            SELECT chat_id AS c_chat, ${figures(Object.keys(FIGURES) as Figure[])}
            FROM ${TABLES.events}
            WHERE ${scope.where} AND chat_id IN {page:Array(String)}
                  AND ts BETWEEN fromUnixTimestamp64Milli({first:Int64}) AND fromUnixTimestamp64Milli({last:Int64})
            GROUP BY chat_id) AS c
            LEFT JOIN (SELECT chat_id AS l_chat, any(name) AS l_name, any(email) AS l_email
                       FROM ${TABLES.leads} FINAL
                       WHERE site_id = {siteId:String} AND chat_id IN {page:Array(String)}
                       GROUP BY chat_id) AS l ON l.l_chat = c.c_chat
            SETTINGS join_use_nulls = 0`,
      query_params: {
        ...scope.params,
        page: page.map((p) => p.c_chat),
        first: Math.min(...page.map((p) => p.c_started)),
        last: Math.max(...page.map((p) => p.c_last)),
      },
    },
    chatRow,
  );
  return rows.map((r) => ({
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
  }));
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
