import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { Scope } from './fragments/report-scope.ts';

export interface TagReportRow {
  tagId: string;
  /** People of the tag seen in the range: visitor ids joined by a person id count once. */
  people: number;
  chats: number;
  leads: number;
  orders: number;
  /** People of the tag who ordered in the range. */
  buyers: number;
  /** Order value per currency, largest first (never summed across currencies). */
  revenue: { currency: string; value: number }[];
}

/**
 * Per tag, what its people did in the range under the page's filters: people, chats
 * started, leads, orders and revenue, and how many of them ordered. A person's tag sits on
 * each of their visitor ids, so the events of every tagged id count.
 */
export async function getTagReport(client: ClickHouseClient, scope: Scope): Promise<TagReportRow[]> {
  const rows = await readRows(
    client,
    {
      query: `WITH tagged AS (
              SELECT tag_id, subject_id AS visitor_id FROM ${TABLES.tagAssignments} FINAL
              WHERE site_id = {siteId:String} AND subject_kind = 'visitor' AND is_removed = 0
            ),
            persons AS (
              SELECT visitor_id, argMax(person_id, updated_at) AS pid FROM ${TABLES.identities}
              WHERE site_id = {siteId:String} AND visitor_id IN (SELECT visitor_id FROM tagged)
              GROUP BY visitor_id
            ),
            ev AS (
              SELECT visitor_id, type, chat_id, lead_id, order_id, toFloat64(revenue) AS revenue, toString(currency) AS currency
              FROM ${TABLES.events}
              WHERE ${scope.where} AND visitor_id IN (SELECT visitor_id FROM tagged)
            ),
            joined AS (
              SELECT t.tag_id AS tag_id, e.type AS type, e.chat_id AS chat_id, e.lead_id AS lead_id, e.order_id AS order_id,
                     e.revenue AS revenue, e.currency AS currency, if(p.pid != '', p.pid, e.visitor_id) AS who
              FROM tagged AS t
              INNER JOIN ev AS e ON e.visitor_id = t.visitor_id
              LEFT JOIN persons AS p ON p.visitor_id = e.visitor_id
            )
            SELECT tag_id, uniqExact(who) AS people,
                   uniqExactIf(chat_id, type = 'chat_started') AS chats,
                   uniqExactIf(lead_id, type = 'lead_created') AS leads,
                   uniqExactIf(order_id, type = 'order') AS orders,
                   uniqExactIf(who, type = 'order') AS buyers,
                   sumMapIf([currency], [revenue], type = 'order') AS money
            FROM joined
            GROUP BY tag_id
            SETTINGS join_use_nulls = 0`,
      query_params: scope.params,
    },
    z.object({
      tag_id: col.text,
      people: col.int,
      chats: col.int,
      leads: col.int,
      orders: col.int,
      buyers: col.int,
      money: z.tuple([z.array(z.string()), z.array(z.unknown().transform(Number))]),
    }),
  );
  return rows.map((r) => ({
    tagId: r.tag_id,
    people: r.people,
    chats: r.chats,
    leads: r.leads,
    orders: r.orders,
    buyers: r.buyers,
    revenue: r.money[0]
      .map((currency, i) => ({ currency, value: Math.round((r.money[1][i] ?? 0) * 100) / 100 }))
      .filter((m) => m.value !== 0)
      .sort((a, b) => b.value - a.value),
  }));
}
