import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ConversionDimension } from '../contract/conversion.ts';
import type { Money } from '../contract/money.ts';
import { moneyColumn, sumByCurrencySql } from './fragments/money.ts';
import type { Scope } from './fragments/report-scope.ts';
import { visitorConversionSql } from './fragments/visitor-conversion.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

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

/** The funnel's outcomes per value of one dimension, most chats first. */
export async function getConversionBreakdown(
  client: ClickHouseClient,
  scope: Scope,
  dimension: ConversionDimension,
  windowMs: number,
  limit = 200,
): Promise<ConversionBreakdownRow[]> {
  const rows = await readRows(
    client,
    {
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
    },
    z.object({
      value: col.text,
      visitors: col.int,
      invited: col.int,
      accepted: col.int,
      dismissed: col.int,
      chatted: col.int,
      leads: col.int,
      chatted_buyers: col.int,
      buyers: col.int,
      revenue: moneyColumn,
    }),
  );
  return rows.map(({ chatted_buyers: chattedBuyers, ...r }) => ({ ...r, chattedBuyers }));
}
