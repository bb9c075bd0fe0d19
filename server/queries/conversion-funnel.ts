import type { ClickHouseClient } from '@clickhouse/client';
import type { Money } from '../contract/money.ts';
import { sumByCurrencySql, toMoney } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { visitorConversionSql } from './fragments/visitor-conversion.ts';

export interface GroupOutcome {
  visitors: number;
  /** Visitors with at least one order in the range. */
  buyers: number;
  orders: number;
  /** Per currency: currencies are never added together. */
  revenue: Money[];
}

export interface ConversionFunnel {
  /** Visit → engaged → invitation shown → accepted → chat → lead → order (each step keeps only those of the step before). */
  invited: { visitors: number; engaged: number; shown: number; accepted: number; chatted: number; leads: number; ordered: number };
  /** Visit → engaged → asked for a chat → chat → lead → order. */
  asked: { visitors: number; engaged: number; asked: number; chatted: number; leads: number; ordered: number };
  chatted: GroupOutcome;
  notChatted: GroupOutcome;
  /** From the first page view in the range to the first lead / order: median ms and counts per bucket. */
  toLead: { median: number; buckets: number[] };
  toOrder: { median: number; buckets: number[] };
}

/** Upper bounds of the time-to-convert buckets: < 1 h, < 1 day, < 7 days, < 30 days, later. */
export const TIME_BUCKETS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

// Which bucket a time falls in: 0 for none (no lead, or a lead before the first page view
// of the range), else 1 + the number of bounds it passed. Computed once per person, so each
// bucket is one plain countIf instead of ten compound conditions (figures: bench/RESULTS.md, "Figures behind code comments").
const bucketOf = (ms: string) => `multiIf(${ms} < 0, 0, ${TIME_BUCKETS_MS.map((bound, i) => `${ms} < ${bound}, ${i + 1}`).join(', ')}, ${TIME_BUCKETS_MS.length + 1})`;
const counts = (bucket: string) => `[${Array.from({ length: TIME_BUCKETS_MS.length + 1 }, (_, i) => `countIf(${bucket} = ${i + 1})`).join(', ')}]`;

const money = (cond: string) => sumByCurrencySql(`groupArrayArrayIf(order_values, ${cond})`);

/** The consult-to-order funnel of the range, chatted against not chatted, and the time it takes. */
export async function getConversionFunnel(client: ClickHouseClient, scope: Scope, windowMs: number): Promise<ConversionFunnel> {
  const result = await client.query({
    query: `SELECT count() AS f_visitors,
                   countIf(engaged) AS f_engaged,
                   countIf(engaged AND invited) AS f_shown,
                   countIf(engaged AND invited AND accepted) AS f_accepted,
                   countIf(engaged AND invited AND accepted AND chatted) AS inv_chatted,
                   countIf(engaged AND invited AND accepted AND chatted AND lead) AS inv_leads,
                   countIf(engaged AND invited AND accepted AND chatted AND lead AND ordered_after_chat) AS inv_ordered,
                   countIf(engaged AND asked) AS f_asked,
                   countIf(engaged AND asked AND chatted) AS ask_chatted,
                   countIf(engaged AND asked AND chatted AND lead) AS ask_leads,
                   countIf(engaged AND asked AND chatted AND lead AND ordered_after_chat) AS ask_ordered,
                   countIf(chatted) AS c_visitors, countIf(chatted AND orders > 0) AS c_buyers, sumIf(orders, chatted) AS c_orders, ${money('chatted')} AS c_revenue,
                   countIf(NOT chatted) AS n_visitors, countIf(NOT chatted AND orders > 0) AS n_buyers, sumIf(orders, NOT chatted) AS n_orders, ${money('NOT chatted')} AS n_revenue,
                   quantileExactIf(0.5)(first_lead - first_seen, lead AND first_lead >= first_seen) AS lead_median,
                   ${counts('lead_bucket')} AS lead_buckets,
                   quantileExactIf(0.5)(first_order - first_seen, orders > 0 AND first_order >= first_seen) AS order_median,
                   ${counts('order_bucket')} AS order_buckets
            FROM (SELECT *,
                         ${bucketOf('if(lead, first_lead - first_seen, -1)')} AS lead_bucket,
                         ${bucketOf('if(orders > 0, first_order - first_seen, -1)')} AS order_bucket
                  FROM (${visitorConversionSql(scope)}))`,
    query_params: { ...scope.params, windowMs },
    format: 'JSONEachRow',
  });
  type Row = Record<string, string | number | [string, number][] | (string | number)[]>;
  const [r = {}] = await result.json<Row>();
  const n = (k: string) => Number(r[k] ?? 0);
  const m = (k: string): Money[] => toMoney(r[k]);
  const list = (k: string) => ((r[k] ?? []) as (string | number)[]).map(Number);
  return {
    invited: { visitors: n('f_visitors'), engaged: n('f_engaged'), shown: n('f_shown'), accepted: n('f_accepted'), chatted: n('inv_chatted'), leads: n('inv_leads'), ordered: n('inv_ordered') },
    asked: { visitors: n('f_visitors'), engaged: n('f_engaged'), asked: n('f_asked'), chatted: n('ask_chatted'), leads: n('ask_leads'), ordered: n('ask_ordered') },
    chatted: { visitors: n('c_visitors'), buyers: n('c_buyers'), orders: n('c_orders'), revenue: m('c_revenue') },
    notChatted: { visitors: n('n_visitors'), buyers: n('n_buyers'), orders: n('n_orders'), revenue: m('n_revenue') },
    toLead: { median: n('lead_median'), buckets: list('lead_buckets') },
    toOrder: { median: n('order_median'), buckets: list('order_buckets') },
  };
}
