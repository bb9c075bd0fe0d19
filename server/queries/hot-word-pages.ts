import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { TERMS_FILTERS, TERMS_WINDOW, termsParams } from './fragments/terms-scope.ts';

/**
 * The pages most viewed in the range by the visitors who wrote `term` in it: what the people
 * asking about "退货" or "size" were looking at (hot products).
 */
export async function getHotWordPages(
  client: ClickHouseClient,
  siteId: string,
  range: { from: number; to: number },
  filters: ReportFilters,
  term: string,
): Promise<{ path: string; views: number; visitors: number }[]> {
  return readRows(
    client,
    {
      query: `SELECT path, count() AS views, uniqExact(visitor_id) AS visitors
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND type = 'pageview' AND ${TERMS_WINDOW}
              AND visitor_id IN (SELECT visitor_id FROM ${TABLES.visitorTerms}
                                 WHERE ${TERMS_FILTERS} AND ${TERMS_WINDOW} AND has(terms, {term:String}))
            GROUP BY path
            ORDER BY visitors DESC, views DESC, path
            LIMIT 10`,
      query_params: { ...termsParams(siteId, filters), from: range.from, to: range.to, term },
    },
    z.object({ path: col.text, views: col.int, visitors: col.int }),
  );
}
