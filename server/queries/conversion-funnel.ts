import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { browsingVisitorsSql, conversionSource, visitorConversionSql } from './fragments/visitor-conversion.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const int = col.int;
const funnelRow = z.object({
  f_visitors: int,
  f_engaged: int,
  f_shown: int,
  f_accepted: int,
  inv_chatted: int,
  inv_called: int,
  inv_leads: int,
  inv_ordered: int,
  f_asked: int,
  ask_chatted: int,
  ask_called: int,
  ask_leads: int,
  ask_ordered: int,
  c_visitors: int,
  c_buyers: int,
  c_orders: int,
  c_revenue: moneyColumn,
  n_visitors: int,
  n_buyers: int,
  n_orders: int,
  n_revenue: moneyColumn,
  lead_median: col.float,
  lead_buckets: z.array(int),
  order_median: col.float,
  order_buckets: z.array(int),
  s_robot: z.tuple([int, int, int]),
  s_handed_over: z.tuple([int, int, int]),
  s_person: z.tuple([int, int, int]),
});

export interface GroupOutcome {
  visitors: number;
  /** Visitors with at least one order in the range. */
  buyers: number;
  orders: number;
  /** Per currency: currencies are never added together. */
  revenue: Money[];
}

export interface ConversionFunnel {
  /**
   * Visit → engaged → invitation shown → accepted → chat → lead → order (each step keeps only
   * those of the step before); `called` is a side count of the chat step, not a gate: a
   * consultation that stayed in writing still leads on to lead and order.
   */
  invited: {
    visitors: number;
    engaged: number;
    shown: number;
    accepted: number;
    chatted: number;
    /** A web call answered: the consultation went on by voice. */
    called: number;
    leads: number;
    ordered: number;
  };
  /** Visit → engaged → asked for a chat → chat → lead → order, `called` beside the chat step. */
  asked: {
    visitors: number;
    engaged: number;
    asked: number;
    chatted: number;
    called: number;
    leads: number;
    ordered: number;
  };
  chatted: GroupOutcome;
  notChatted: GroupOutcome;
  /** From the first page view in the range to the first lead / order: median ms and counts per bucket. */
  toLead: { median: number; buckets: number[] };
  toOrder: { median: number; buckets: number[] };
  /** Chatted people by who served their first chat (robot alone, handed over, a person from the start). */
  served: Record<ServedBy, ServedOutcome>;
}

export type ServedBy = 'robot' | 'handedOver' | 'person';
export interface ServedOutcome {
  chatted: number;
  leads: number;
  /** Ordered within the attribution window after their first chat. */
  ordered: number;
}

/** Upper bounds of the time-to-convert buckets: < 1 h, < 1 day, < 7 days, < 30 days, later. */
export const TIME_BUCKETS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

// Which bucket a time falls in: 0 for none (no lead, or a lead before the first page view
// of the range), else 1 + the number of bounds it passed. Computed once per person, so each
// bucket is one plain countIf instead of ten compound conditions (figures: bench/RESULTS.md, "Figures behind code comments").
const bucketOf = (ms: string) =>
  `multiIf(${ms} < 0, 0, ${TIME_BUCKETS_MS.map((bound, i) => `${ms} < ${bound}, ${i + 1}`).join(', ')}, ${TIME_BUCKETS_MS.length + 1})`;
const counts = (bucket: string) =>
  `[${Array.from({ length: TIME_BUCKETS_MS.length + 1 }, (_, i) => `countIf(${bucket} = ${i + 1})`).join(', ')}]`;

// chatted, became a lead, ordered after the chat: one tuple per kind of service.
const served = (kind: string) =>
  `(countIf(served = '${kind}'), countIf(served = '${kind}' AND lead), countIf(served = '${kind}' AND ordered_after_chat))`;
const outcome = ([chatted, leads, ordered]: [number, number, number]): ServedOutcome => ({ chatted, leads, ordered });

const money = (cond: string) => sumByCurrencySql(`groupArrayArrayIf(order_values, ${cond})`);

/** The consult-to-order funnel of the range, chatted against not chatted, and the time it takes. */
export async function getConversionFunnel(
  client: ClickHouseClient,
  scope: Scope,
  windowMs: number,
): Promise<ConversionFunnel> {
  // From the rollup, visitors who only browsed are counted apart (browsingVisitorsSql): they
  // add to the first two steps and to "not chatted", and to nothing else.
  const apart = conversionSource(scope) === 'rollup';
  const rows = await readRows(
    client,
    {
      query: `WITH ${apart ? browsingVisitorsSql(scope) : '(0, 0)'} AS browsing
            SELECT count() + browsing.1 AS f_visitors,
                   countIf(engaged) + browsing.2 AS f_engaged,
                   countIf(engaged AND invited) AS f_shown,
                   countIf(engaged AND invited AND accepted) AS f_accepted,
                   countIf(engaged AND invited AND accepted AND chatted) AS inv_chatted,
                   countIf(engaged AND invited AND accepted AND chatted AND called) AS inv_called,
                   countIf(engaged AND invited AND accepted AND chatted AND lead) AS inv_leads,
                   countIf(engaged AND invited AND accepted AND chatted AND lead AND ordered_after_chat) AS inv_ordered,
                   countIf(engaged AND asked) AS f_asked,
                   countIf(engaged AND asked AND chatted) AS ask_chatted,
                   countIf(engaged AND asked AND chatted AND called) AS ask_called,
                   countIf(engaged AND asked AND chatted AND lead) AS ask_leads,
                   countIf(engaged AND asked AND chatted AND lead AND ordered_after_chat) AS ask_ordered,
                   countIf(chatted) AS c_visitors, countIf(chatted AND orders > 0) AS c_buyers, sumIf(orders, chatted) AS c_orders, ${money('chatted')} AS c_revenue,
                   countIf(NOT chatted) + browsing.1 AS n_visitors, countIf(NOT chatted AND orders > 0) AS n_buyers, sumIf(orders, NOT chatted) AS n_orders, ${money('NOT chatted')} AS n_revenue,
                   quantileExactIf(0.5)(first_lead - first_seen, lead AND first_lead >= first_seen) AS lead_median,
                   ${counts('lead_bucket')} AS lead_buckets,
                   quantileExactIf(0.5)(first_order - first_seen, orders > 0 AND first_order >= first_seen) AS order_median,
                   ${counts('order_bucket')} AS order_buckets,
                   ${served('robot')} AS s_robot,
                   ${served('handed_over')} AS s_handed_over,
                   ${served('person')} AS s_person
            FROM (SELECT *,
                         ${bucketOf('if(lead, first_lead - first_seen, -1)')} AS lead_bucket,
                         ${bucketOf('if(orders > 0, first_order - first_seen, -1)')} AS order_bucket
                  FROM (${visitorConversionSql(scope, apart)}))`,
      query_params: { ...scope.params, windowMs },
    },
    funnelRow,
  );
  // An aggregate without GROUP BY always returns its one row.
  const [r] = rows;
  if (!r) throw new Error('conversion-funnel: the aggregate returned no row');
  return {
    invited: {
      visitors: r.f_visitors,
      engaged: r.f_engaged,
      shown: r.f_shown,
      accepted: r.f_accepted,
      chatted: r.inv_chatted,
      called: r.inv_called,
      leads: r.inv_leads,
      ordered: r.inv_ordered,
    },
    asked: {
      visitors: r.f_visitors,
      engaged: r.f_engaged,
      asked: r.f_asked,
      chatted: r.ask_chatted,
      called: r.ask_called,
      leads: r.ask_leads,
      ordered: r.ask_ordered,
    },
    chatted: { visitors: r.c_visitors, buyers: r.c_buyers, orders: r.c_orders, revenue: r.c_revenue },
    notChatted: { visitors: r.n_visitors, buyers: r.n_buyers, orders: r.n_orders, revenue: r.n_revenue },
    toLead: { median: r.lead_median, buckets: r.lead_buckets },
    toOrder: { median: r.order_median, buckets: r.order_buckets },
    served: { robot: outcome(r.s_robot), handedOver: outcome(r.s_handed_over), person: outcome(r.s_person) },
  };
}
