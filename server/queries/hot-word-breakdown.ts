import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import type { HotWordDimension } from '../contract/hot-words.ts';
import { TERMS_FILTERS, TERMS_WINDOW, termsParams } from './fragments/terms-scope.ts';

// Identifiers come only from this allow-list.
const COLUMN: Record<HotWordDimension, string> = {
  source: 'source',
  campaign: 'campaign',
  country: 'country',
  kind: 'kind',
};

/** Where a term's messages came from in the range, by entry source, campaign, country or kind of text. */
export async function getHotWordBreakdown(
  client: ClickHouseClient,
  siteId: string,
  range: { from: number; to: number },
  filters: ReportFilters,
  term: string,
  dimension: HotWordDimension,
): Promise<{ value: string; count: number; visitors: number }[]> {
  return readRows(
    client,
    {
      query: `SELECT toString(${COLUMN[dimension]}) AS value, count() AS count, uniqExact(visitor_id) AS visitors
            FROM ${TABLES.visitorTerms} FINAL
            WHERE ${TERMS_FILTERS} AND ${TERMS_WINDOW} AND has(terms, {term:String})
            GROUP BY value
            ORDER BY count DESC, value
            LIMIT 50`,
      query_params: { ...termsParams(siteId, filters), from: range.from, to: range.to, term },
    },
    z.object({ value: col.text, count: col.int, visitors: col.int }),
  );
}
