import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { IdentityRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { withPhoneKeys } from '../sites/phone-keys.ts';

const storedIdentityRow = z.object({
  site_id: col.text,
  visitor_id: col.text,
  person_id: col.text,
  name: col.text,
  email: col.text,
  phone: col.text,
  newest: col.ms,
});

const FIELDS = ['person_id', 'name', 'email', 'phone'] as const;

/**
 * `identities` keeps one row per visitor (ReplacingMergeTree), so a row written with only
 * the fields one `identify` carried would, once merged, erase what earlier calls said
 * (a phone-only identify dropping the known name). Each written row therefore carries
 * the visitor's known details, with the newer non-empty value winning per field.
 */
export async function mergeWithStoredIdentities(
  client: ClickHouseClient,
  rows: readonly IdentityRow[],
): Promise<IdentityRow[]> {
  if (rows.length === 0) return [];
  const key = (r: Pick<IdentityRow, 'site_id' | 'visitor_id'>) => `${r.site_id}\n${r.visitor_id}`;
  const stored = await readRows(
    client,
    {
      query: `SELECT site_id, visitor_id, ${FIELDS.map((f) => `argMaxIf(${f}, updated_at, ${f} != '') AS ${f}`).join(', ')},
                   toUnixTimestamp64Milli(max(updated_at)) AS newest
            FROM ${TABLES.identities}
            WHERE site_id IN {sites:Array(String)} AND visitor_id IN {visitors:Array(String)}
            GROUP BY site_id, visitor_id`,
      query_params: {
        sites: [...new Set(rows.map((r) => r.site_id))],
        visitors: [...new Set(rows.map((r) => r.visitor_id))],
      },
    },
    storedIdentityRow,
  );
  const merged = new Map<string, IdentityRow>();
  const wanted = new Set(rows.map(key));
  for (const { newest, ...r } of stored) {
    if (wanted.has(key(r))) merged.set(key(r), { ...r, updated_at: newest });
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
  return joinPeople(client, await withPhoneKeys(client, [...merged.values()]));
}

type KeyedIdentity = IdentityRow & { phone_key: string };

/**
 * One person across devices: a visitor who gives an email or phone another visitor gave
 * before joins that visitor's person (the earliest one known), so their anonymous history
 * is the person's too and reports can count people rather than cookies. Phones meet by
 * their key: "+86 138 0013 8000" and "138 0013 8000" on a site in China are one person.
 */
async function joinPeople(client: ClickHouseClient, rows: KeyedIdentity[]): Promise<KeyedIdentity[]> {
  const known = rows.filter((r) => r.email || r.phone_key);
  if (known.length === 0) return rows;
  const result = await client.query({
    query: `SELECT site_id, visitor_id, person_id, email, phone_key, toUnixTimestamp64Milli(updated_at) AS at
            FROM ${TABLES.identities} FINAL
            WHERE site_id IN {sites:Array(String)} AND person_id != ''
              AND ((email != '' AND email IN {emails:Array(String)}) OR (phone_key != '' AND phone_key IN {phones:Array(String)}))
            ORDER BY at`,
    query_params: {
      sites: [...new Set(known.map((r) => r.site_id))],
      emails: known.map((r) => r.email).filter(Boolean),
      phones: known.map((r) => r.phone_key).filter(Boolean),
    },
    format: 'JSONEachRow',
  });
  // Stored visitors first (oldest first), then this batch's own in time order: two devices
  // identifying in the same batch join one person too. Indexed by email and by phone key: a
  // scan of everyone seen per row made a 50,000-row batch take minutes (the generator's tail).
  const stored: Pick<KeyedIdentity, 'site_id' | 'visitor_id' | 'person_id' | 'email' | 'phone_key'>[] =
    await result.json();
  const seen = new SeenPeople();
  for (const o of stored) seen.add(o);
  return [...rows]
    .sort((a, b) => a.updated_at - b.updated_at)
    .map((row) => {
      const match = seen.first(row);
      const joined = match ? { ...row, person_id: match.person_id } : row;
      if (joined.person_id) seen.add(joined);
      return joined;
    });
}

type Seen = Pick<KeyedIdentity, 'site_id' | 'visitor_id' | 'person_id' | 'email' | 'phone_key'>;

/** People seen so far, in order, findable by email and by phone key within a site. */
class SeenPeople {
  private readonly byEmail = new Map<string, { order: number; o: Seen }[]>();
  private readonly byPhone = new Map<string, { order: number; o: Seen }[]>();
  private count = 0;

  add(o: Seen): void {
    const entry = { order: this.count++, o };
    if (o.email) push(this.byEmail, `${o.site_id}\n${o.email}`, entry);
    if (o.phone_key) push(this.byPhone, `${o.site_id}\n${o.phone_key}`, entry);
  }

  /** The earliest seen person of another visitor sharing the row's email or phone key. */
  first(row: Seen): Seen | undefined {
    const other = (list: { order: number; o: Seen }[] | undefined) =>
      list?.find((e) => e.o.visitor_id !== row.visitor_id);
    const byEmail = row.email ? other(this.byEmail.get(`${row.site_id}\n${row.email}`)) : undefined;
    const byPhone = row.phone_key ? other(this.byPhone.get(`${row.site_id}\n${row.phone_key}`)) : undefined;
    if (!byEmail || !byPhone) return (byEmail ?? byPhone)?.o;
    return (byEmail.order <= byPhone.order ? byEmail : byPhone).o;
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Stores identity rows outside the batch writer (tRPC runs inside Next, which cannot reach
 * the server's writer; a chat step replayed at start must be readable at once): the same
 * merge and person join as ingest, then the insert.
 */
export async function storeIdentities(client: ClickHouseClient, rows: readonly IdentityRow[]): Promise<void> {
  const merged = await mergeWithStoredIdentities(client, rows);
  if (merged.length > 0) await client.insert({ table: TABLES.identities, values: merged, format: 'JSONEachRow' });
}
