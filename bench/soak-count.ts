import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../clickhouse/tables.ts';

/** What the server acknowledged during the soak, by kind. */
export interface Acked {
  /** Session ids of page views answered 202 (one page view each). */
  pageviews: string[];
  /** Visitor chat messages whose echo came back. */
  messages: string[];
  /** Chat requests with the pre-chat form answered by their chat's state. */
  chats: { chatId: string; question: string; email: string }[];
  /** Offline messages answered `offline.ok`, by the marker they carried. */
  leads: string[];
  /** Order ids the orders API answered 200. */
  orders: string[];
}

export interface KindCount {
  acked: number;
  /** Acknowledged and not in the store. */
  missing: number;
  /** In the store more than once (or counted twice in reports). */
  doubled: number;
}

export type SoakCounts = Record<
  'pageviews' | 'messages' | 'chats' | 'prechatLeads' | 'questions' | 'offlineLeads' | 'orders' | 'orderEvents',
  KindCount
>;

async function countBy(ch: ClickHouseClient, query: string, site: string): Promise<Map<string, number>> {
  const rows = await (
    await ch.query({ query, query_params: { site }, format: 'JSONEachRow' })
  ).json<{ k: string; n: string }>();
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

function tally(acked: string[], stored: Map<string, number>, exactlyOne = true): KindCount {
  return {
    acked: acked.length,
    missing: acked.filter((k) => !stored.has(k)).length,
    doubled: exactlyOne ? acked.filter((k) => (stored.get(k) ?? 0) > 1).length : 0,
  };
}

/** Every acknowledged item looked up in the store, each kind by its own key. */
export async function countStored(ch: ClickHouseClient, site: string, acked: Acked): Promise<SoakCounts> {
  const q = (sql: string) => countBy(ch, sql, site);
  const pageviews = await q(
    `SELECT session_id AS k, count() AS n FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'pageview' AND startsWith(session_id, 'soak-pv-') GROUP BY k`,
  );
  const messages = await q(
    `SELECT message_id AS k, count() AS n FROM ${TABLES.chatMessages} FINAL WHERE site_id = {site:String} GROUP BY k`,
  );
  const requested = await q(
    `SELECT chat_id AS k, count() AS n FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'chat_requested' GROUP BY k`,
  );
  // A chat starts once, with one agent; one still queued at the end has not started at all.
  const started = await q(
    `SELECT chat_id AS k, count() * uniqExact(agent_id) AS n FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'chat_started' GROUP BY k`,
  );
  // A chat's messages counted in reports (events) against the transcript (rows).
  const eventsVsRows = await q(`SELECT e.chat_id AS k, toUInt64(e.n > m.n) + 1 AS n
                                FROM (SELECT chat_id, count() AS n FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'chat_message' GROUP BY chat_id) AS e
                                INNER JOIN (SELECT chat_id, count() AS n FROM ${TABLES.chatMessages} FINAL WHERE site_id = {site:String} GROUP BY chat_id) AS m USING chat_id`);
  const questions = await q(
    `SELECT body AS k, count() AS n FROM ${TABLES.chatMessages} FINAL WHERE site_id = {site:String} AND startsWith(message_id, 'q_') GROUP BY k`,
  );
  const prechat = await q(
    `SELECT email AS k, count() AS n FROM ${TABLES.leads} FINAL WHERE site_id = {site:String} AND source = 'prechat' GROUP BY k`,
  );
  const offline = await q(
    `SELECT message AS k, count() AS n FROM ${TABLES.leads} FINAL WHERE site_id = {site:String} AND source = 'offline' GROUP BY k`,
  );
  const orders = await q(
    `SELECT order_id AS k, count() AS n FROM ${TABLES.orders} FINAL WHERE site_id = {site:String} GROUP BY k`,
  );
  const orderEvents = await q(
    `SELECT order_id AS k, count() AS n FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'order' GROUP BY k`,
  );

  const chatIds = acked.chats.map((c) => c.chatId);
  const chats = tally(chatIds, requested);
  chats.doubled += chatIds.filter((id) => (started.get(id) ?? 0) > 1 || (eventsVsRows.get(id) ?? 1) > 1).length;
  return {
    pageviews: tally(acked.pageviews, pageviews),
    messages: tally(acked.messages, messages),
    chats,
    questions: tally(
      acked.chats.map((c) => c.question),
      questions,
    ),
    prechatLeads: tally(
      acked.chats.map((c) => c.email),
      prechat,
    ),
    offlineLeads: tally(acked.leads, offline),
    orders: tally(acked.orders, orders),
    orderEvents: tally(acked.orders, orderEvents),
  };
}
