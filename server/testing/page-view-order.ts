import type { ClickHouseClient } from '@clickhouse/client';

type View = { ts: number; path: string };

/**
 * The order PAGE_VIEW (server/queries/fragments/page-view.ts) gives page views, for tests that
 * work out sessions' pages by hand: by time, then by the path's cityHash64, taken from the
 * engine's own function for the paths given.
 */
export async function pageViewOrder(ch: ClickHouseClient, paths: string[]): Promise<(a: View, b: View) => number> {
  const result = await ch.query({
    query: 'SELECT path, toString(cityHash64(path)) AS hash FROM (SELECT arrayJoin({paths:Array(String)}) AS path)',
    query_params: { paths: [...new Set(paths)] },
    format: 'JSONEachRow',
  });
  const hash = new Map<string, bigint>();
  for (const row of await result.json<{ path: string; hash: string }>()) hash.set(row.path, BigInt(row.hash));
  return (a, b) => {
    const [x, y] = [hash.get(a.path)!, hash.get(b.path)!];
    return a.ts - b.ts || (x < y ? -1 : x > y ? 1 : 0);
  };
}
