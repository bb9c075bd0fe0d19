import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ReportFilters } from '../contract/report-input.ts';
import { TERMS_FILTERS, termsParams } from './fragments/terms-scope.ts';

export interface HotWord {
  term: string;
  /** Messages of the range that contain the term (a term counts once per message). */
  count: number;
  /** Distinct visitors who wrote it in the range. */
  visitors: number;
  /** Messages that contained it in the period before. */
  previous: number;
}

/**
 * The range's most written terms with the period before: the `limit` most frequent of the
 * range, rising ones (count − previous) first. Terms are stored segmented (visitor_terms), so
 * this is one ARRAY JOIN over the messages of two periods.
 */
export async function getHotWords(
  client: ClickHouseClient,
  siteId: string,
  range: { from: number; to: number; prevFrom: number; prevTo: number },
  filters: ReportFilters,
  limit: number,
): Promise<HotWord[]> {
  return readRows(
    client,
    {
      query: `SELECT term, count, visitors, previous FROM (
                SELECT term,
                       countIf(ts >= fromUnixTimestamp64Milli({from:Int64})) AS count,
                       uniqExactIf(visitor_id, ts >= fromUnixTimestamp64Milli({from:Int64})) AS visitors,
                       countIf(ts >= fromUnixTimestamp64Milli({prevFrom:Int64}) AND ts < fromUnixTimestamp64Milli({prevTo:Int64})) AS previous
                FROM ${TABLES.visitorTerms} FINAL
                ARRAY JOIN terms AS term
                WHERE ${TERMS_FILTERS}
                  AND ts >= fromUnixTimestamp64Milli(least({prevFrom:Int64}, {from:Int64}))
                  AND ts < fromUnixTimestamp64Milli({to:Int64})
                  AND (ts >= fromUnixTimestamp64Milli({from:Int64}) OR ts < fromUnixTimestamp64Milli({prevTo:Int64}))
                GROUP BY term
                HAVING count > 0
                ORDER BY count DESC, term
                LIMIT {limit:UInt32})
              ORDER BY count - previous DESC, count DESC, term`,
      query_params: { ...termsParams(siteId, filters), ...range, limit },
    },
    z.object({ term: col.text, count: col.int, visitors: col.int, previous: col.int }),
  );
}
