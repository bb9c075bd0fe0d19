import type { ClickHouseClient } from '@clickhouse/client';
import type { ConversionDimension } from '../contract/conversion.ts';
import type { Money } from '../contract/money.ts';
import { sumByCurrencySql, toMoney } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { visitorConversionSql } from './fragments/visitor-conversion.ts';


/** What the conversion report breaks down by: first touch, place, device, the agent of the first chat, the rule of the first automatic invitation. */

export interface ConversionBreakdownRow {
  value: string;
  visitors: number;
  invited: number;
  accepted: number;
  dismissed: number;
  chatted: number;
  leads: number;
  /** Visitors who chatted and ordered within the attribution window. */
  chattedBuyers: number;
  buyers: number;
  revenue: Money[];
}

// The columns the query selects (UInt64 counts arrive as strings): a misspelt one fails to compile.
type BreakdownRow = Record<'value' | 'visitors' | 'invited' | 'accepted' | 'dismissed' | 'chatted' | 'leads' | 'chatted_buyers' | 'buyers', string | number> & {
  revenue: [string, number][];
};

/** The funnel's outcomes per value of one dimension, most chats first. */
export async function getConversionBreakdown(client: ClickHouseClient, scope: Scope, dimension: ConversionDimension, windowMs: number, limit = 200): Promise<ConversionBreakdownRow[]> {
  const result = await client.query({
    query: `SELECT dim_${dimension} AS value,
                   count() AS visitors,
                   countIf(invited) AS invited,
                   countIf(accepted) AS accepted,
                   countIf(dismissed) AS dismissed,
                   countIf(chatted) AS chatted,
                   countIf(lead) AS leads,
                   countIf(ordered_after_chat) AS chatted_buyers,
                   countIf(orders > 0) AS buyers,
                   ${sumByCurrencySql('groupArrayArray(order_values)')} AS revenue
            FROM (${visitorConversionSql(scope)})
            GROUP BY value
            ORDER BY chatted DESC, visitors DESC, value
            LIMIT {limit:UInt32}`,
    query_params: { ...scope.params, windowMs, limit },
    format: 'JSONEachRow',
  });
  const rows = await result.json<BreakdownRow>();
  return rows.map((r) => ({
    value: String(r.value),
    visitors: Number(r.visitors),
    invited: Number(r.invited),
    accepted: Number(r.accepted),
    dismissed: Number(r.dismissed),
    chatted: Number(r.chatted),
    leads: Number(r.leads),
    chattedBuyers: Number(r.chatted_buyers),
    buyers: Number(r.buyers),
    revenue: toMoney(r.revenue),
  }));
}
