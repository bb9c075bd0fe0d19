import type { ClickHouseClient } from '@clickhouse/client';
import type { IdentityRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';

const FIELDS = ['person_id', 'name', 'email', 'phone'] as const;

/**
 * `identities` keeps one row per visitor (ReplacingMergeTree), so a row written with only
 * the fields one `identify` carried would, once merged, erase what earlier calls said
 * (a phone-only identify dropping the known name). Each written row therefore carries
 * the visitor's known details, with the newer non-empty value winning per field.
 */
export async function mergeWithStoredIdentities(client: ClickHouseClient, rows: readonly IdentityRow[]): Promise<IdentityRow[]> {
  if (rows.length === 0) return [];
  const key = (r: Pick<IdentityRow, 'site_id' | 'visitor_id'>) => `${r.site_id}\n${r.visitor_id}`;
  const result = await client.query({
    query: `SELECT site_id, visitor_id, ${FIELDS.map((f) => `argMaxIf(${f}, updated_at, ${f} != '') AS ${f}`).join(', ')},
                   toUnixTimestamp64Milli(max(updated_at)) AS newest
            FROM ${TABLES.identities}
            WHERE site_id IN {sites:Array(String)} AND visitor_id IN {visitors:Array(String)}
            GROUP BY site_id, visitor_id`,
    query_params: { sites: [...new Set(rows.map((r) => r.site_id))], visitors: [...new Set(rows.map((r) => r.visitor_id))] },
    format: 'JSONEachRow',
  });
  const merged = new Map<string, IdentityRow>();
  const wanted = new Set(rows.map(key));
  for (const { newest, ...r } of await result.json<Omit<IdentityRow, 'updated_at'> & { newest: string }>()) {
    if (wanted.has(key(r))) merged.set(key(r), { ...r, updated_at: Number(newest) });
  }
  for (const row of [...rows].sort((a, b) => a.updated_at - b.updated_at)) {
    const known = merged.get(key(row));
    if (!known) {
      merged.set(key(row), { ...row });
      continue;
    }
    for (const f of FIELDS) if (row[f]) known[f] = row[f];
    // Replacing keeps the row with the greatest version: the merged one must win.
    known.updated_at = Math.max(known.updated_at, row.updated_at);
  }
  return [...merged.values()];
}
