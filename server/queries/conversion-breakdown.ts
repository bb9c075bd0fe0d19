import type { ClickHouseClient } from '@clickhouse/client';
import { sumByCurrencySql, toMoney, type Money } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { visitorConversionSql } from './fragments/visitor-conversion.ts';
import type { ConversionDimension } from '../reports/conversion-dimensions.ts';

export { CONVERSION_DIMENSIONS, type ConversionDimension } from '../reports/conversion-dimensions.ts';

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
  const rows = await result.json<Record<string, string | number | [string, number][]>>();
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
