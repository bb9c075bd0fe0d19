import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** How outbound clicks are grouped; the SQL expression comes only from this table. */
export const OUTBOUND_GROUPS = {
  // domain() keeps `www.`: people read example.org and www.example.org as one site.
  domain: `replaceRegexpOne(domain(target), '^www\\\\.', '')`,
  url: 'target',
} as const;
export type OutboundGroup = keyof typeof OUTBOUND_GROUPS;

export interface OutboundRow {
  value: string;
  clicks: number;
  visitors: number;
}

/** Clicks on links to other hosts (the snippet's `outbound` events), by destination domain or URL. */
export async function getOutboundLinks(
  client: ClickHouseClient,
  scope: Scope,
  group: OutboundGroup,
  limit = 100,
): Promise<OutboundRow[]> {
  return readRows(
    client,
    {
      query: `SELECT ${OUTBOUND_GROUPS[group]} AS value, count() AS clicks, uniqExact(visitor_key) AS visitors
              FROM ${TABLES.events}
              WHERE ${scope.where} AND type = 'outbound' AND target != ''
              GROUP BY value
              ORDER BY clicks DESC, value
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ value: col.text, clicks: col.int, visitors: col.int }),
  );
}
