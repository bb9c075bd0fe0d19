import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface RulePerformanceRow {
  ruleId: string;
  /** Invitations the rule showed in the range. */
  shown: number;
  accepted: number;
  dismissed: number;
  /** Chats started from those invitations (not any chat the visitor had before or after). */
  chatted: number;
  /** Those chats that made a lead. */
  leads: number;
  /** Those chats followed by an order of the same visitor within the attribution window. */
  chattedBuyers: number;
  revenue: Money[];
}

/**
 * Each rule's invitations, counted one by one by their invitation id. Counting people (as
 * the conversion report does) let one visitor invited on two visits, who accepted once
 * and dismissed once, add 1 shown but 1 + 1 answers, and credited a rule with every chat
 * its visitors ever had. An invitation counts only when its `invite_shown` is in the
 * range, so an answer is never counted without its showing: shown ≥ accepted + dismissed.
 * Callers bind {windowMs:Int64}.
 */
export async function getRulePerformance(
  client: ClickHouseClient,
  scope: Scope,
  windowMs: number,
): Promise<RulePerformanceRow[]> {
  const rows = await readRows(
    client,
    {
      query: `WITH invitations AS (
              SELECT rule_id, invitation_id, any(visitor_key) AS visitor,
                     countIf(type = 'invite_accepted') > 0 AS accepted,
                     countIf(type = 'invite_dismissed') > 0 AS dismissed,
                     anyIf(chat_id, type = 'chat_started' AND chat_id != '') AS chat,
                     minIf(ts, type = 'chat_started') AS chat_at
              FROM ${TABLES.events}
              WHERE ${scope.where} AND rule_id != '' AND invitation_id != ''
                AND type IN ('invite_shown', 'invite_accepted', 'invite_dismissed', 'chat_started')
              GROUP BY rule_id, invitation_id
              HAVING countIf(type = 'invite_shown') > 0
            ),
            lead_chats AS (
              SELECT DISTINCT chat_id FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'lead_created' AND chat_id != ''
            ),
            visitor_orders AS (
              SELECT visitor_key, groupArray((ts, currency, toFloat64(revenue))) AS orders
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'order'
              GROUP BY visitor_key
            ),
            won AS (
              SELECT i.rule_id AS rule_id, i.accepted AS accepted, i.dismissed AS dismissed, i.chat AS chat,
                     if(NOT i.accepted OR i.chat = '', [], arrayFilter(o -> o.1 >= i.chat_at AND o.1 <= i.chat_at + toIntervalMillisecond({windowMs:Int64}), o.orders)) AS after_chat
              FROM invitations AS i
              LEFT JOIN visitor_orders AS o ON o.visitor_key = i.visitor
            )
            SELECT rule_id, count() AS n_shown,
                   countIf(accepted) AS n_accepted,
                   countIf(dismissed AND NOT accepted) AS n_dismissed,
                   countIf(accepted AND chat != '') AS n_chatted,
                   countIf(accepted AND chat != '' AND chat IN (SELECT chat_id FROM lead_chats)) AS n_leads,
                   countIf(notEmpty(after_chat)) AS chatted_buyers,
                   groupArrayArray(arrayMap(o -> (o.2, o.3), after_chat)) AS pairs,
                   ${sumByCurrencySql('pairs')} AS revenue
            FROM won
            GROUP BY rule_id
            ORDER BY n_shown DESC, rule_id`,
      query_params: { ...scope.params, windowMs },
    },
    z.object({
      rule_id: col.text,
      n_shown: col.int,
      n_accepted: col.int,
      n_dismissed: col.int,
      n_chatted: col.int,
      n_leads: col.int,
      chatted_buyers: col.int,
      revenue: moneyColumn,
    }),
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    shown: r.n_shown,
    accepted: r.n_accepted,
    dismissed: r.n_dismissed,
    chatted: r.n_chatted,
    leads: r.n_leads,
    chattedBuyers: r.chatted_buyers,
    revenue: r.revenue,
  }));
}
