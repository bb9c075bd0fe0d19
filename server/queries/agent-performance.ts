import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ChatChannel } from '../contract/channels.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface AgentPerformance {
  agentId: string;
  chats: number;
  /** From the chat request (or start) to the agent's first message, in ms. */
  firstResponseMedian: number;
  firstResponseP90: number;
  /** Start to end of closed chats, in ms. */
  durationMedian: number;
  leads: number;
  /** Orders of the chat's visitor within the attribution window after the chat started. */
  orders: number;
  revenue: Money[];
  rated: number;
  ratingAverage: number;
}

// The only event types the figures read. Named, the sort key (site, day, type, …) skips the
// page views and engagement (~5/6 of the events) instead of reading every row's chat_id: at 30M
// events, 30 days, 0.68 of the time with the same rows (bench/RESULTS.md, "The chat history's
// page first"). A chat's other events (robot answers, invitations) hold no figure here.
const CHAT_TYPES = `'chat_started', 'chat_requested', 'chat_message', 'chat_ended', 'chat_rated', 'lead_created'`;

/** Per agent: chats (of one channel, or all for ''), how fast and how long they answer, and what their chats turn into. */
export async function getAgentPerformance(
  client: ClickHouseClient,
  scope: Scope,
  windowMs: number,
  channel: ChatChannel | '' = '',
): Promise<AgentPerformance[]> {
  const rows = await readRows(
    client,
    {
      query: `WITH chats AS (
              SELECT chat_id,
                     argMaxIf(agent_id, ts, type = 'chat_started') AS agent,
                     any(visitor_key) AS visitor,
                     toUnixTimestamp64Milli(minIf(ts, type = 'chat_started')) AS started,
                     if(countIf(type = 'chat_requested') > 0, toUnixTimestamp64Milli(minIf(ts, type = 'chat_requested')), started) AS asked,
                     if(countIf(type = 'chat_message' AND props['sender'] = 'agent') > 0, toUnixTimestamp64Milli(minIf(ts, type = 'chat_message' AND props['sender'] = 'agent')), 0) AS first_reply,
                     if(countIf(type = 'chat_ended') > 0, toUnixTimestamp64Milli(maxIf(ts, type = 'chat_ended')), 0) AS ended,
                     maxIf(toUInt8OrZero(props['rating']), type = 'chat_rated') AS rating,
                     countIf(type = 'lead_created') AS leads,
                     if(anyIf(props['channel'], type = 'chat_requested') = '', 'web', anyIf(props['channel'], type = 'chat_requested')) AS channel
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type IN (${CHAT_TYPES}) AND chat_id != ''
              GROUP BY chat_id
              HAVING countIf(type = 'chat_started') > 0 AND agent != '' AND ({channel:String} = '' OR channel = {channel:String})
            ),
            bought AS (
              SELECT visitor_key AS visitor, groupArray((toUnixTimestamp64Milli(ts), currency, toFloat64(revenue))) AS orders
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'order'
              GROUP BY visitor_key
            ),
            won AS (
              SELECT chats.*, arrayFilter(o -> o.1 >= started AND o.1 <= started + {windowMs:Int64}, bought.orders) AS after
              FROM chats LEFT JOIN bought USING (visitor)
            )
            SELECT agent,
                   count() AS chats,
                   quantileExactIf(0.5)(first_reply - asked, first_reply > 0) AS fr_median,
                   quantileExactIf(0.9)(first_reply - asked, first_reply > 0) AS fr_p90,
                   quantileExactIf(0.5)(ended - started, ended > 0) AS duration_median,
                   sum(leads) AS leads,
                   sum(length(after)) AS orders,
                   ${sumByCurrencySql('arrayMap(o -> (o.2, o.3), groupArrayArray(after))')} AS revenue,
                   countIf(rating > 0) AS rated,
                   avgIf(rating, rating > 0) AS rating_avg
            FROM won
            GROUP BY agent
            ORDER BY chats DESC, agent`,
      query_params: { ...scope.params, windowMs, channel },
    },
    z.object({
      agent: col.text,
      chats: col.int,
      fr_median: col.float,
      fr_p90: col.float,
      duration_median: col.float,
      leads: col.int,
      orders: col.int,
      revenue: moneyColumn,
      rated: col.int,
      rating_avg: col.float,
    }),
  );
  return rows.map((r) => ({
    agentId: r.agent,
    chats: r.chats,
    firstResponseMedian: r.fr_median,
    firstResponseP90: r.fr_p90,
    durationMedian: r.duration_median,
    leads: r.leads,
    orders: r.orders,
    revenue: r.revenue,
    rated: r.rated,
    ratingAverage: Math.round(r.rating_avg * 100) / 100,
  }));
}
