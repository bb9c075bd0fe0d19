import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { IdentityRow, PersonProfileRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  checkImportRow,
  type ImportChunkResult,
  type ImportRow,
  MERGE_KEYS,
  type MergeKey,
} from '../contract/customer-import.ts';
import { realtimeBus } from '../bus/bus.ts';
import { storeIdentities } from '../ingest/identity-merge.ts';
import { getPeopleByKeys } from '../queries/people-by-keys.ts';
import { getPersonProfiles } from '../queries/person-profiles.ts';
import { sitePhoneKeys } from '../sites/phone-keys.ts';

interface Pending {
  name: string;
  email: string;
  phone: string;
  externalId: string;
  tags: string;
  fields: Record<string, string>;
}

type Row = ImportRow & { phoneKey: string };

/**
 * One chunk of a customer import. Each good row becomes, or joins, a person: by external id
 * first (the company's own key), then email, then phone (by its key: E.164 in the site's region). A new person is an
 * `identities` row of its own anchor id (`imp_…`), the same kind of known person identify or
 * a lead makes, so a visitor who later gives that email or phone joins it through the usual
 * identity merge and is named after it. Rows of one chunk (and earlier chunks, stored by
 * then) that share a key are one person.
 */
export async function importCustomers(
  client: ClickHouseClient,
  siteId: string,
  rows: readonly ImportRow[],
  now = Date.now(),
): Promise<ImportChunkResult> {
  const result: ImportChunkResult = { created: 0, merged: { externalId: 0, email: 0, phone: 0 }, errors: [] };
  const good: Row[] = [];
  const phoneKey = await sitePhoneKeys(client);
  for (const raw of rows) {
    const row = { ...raw, email: raw.email.toLowerCase() };
    const error = checkImportRow(row);
    if (error) result.errors.push({ line: row.line, error });
    else good.push({ ...row, phoneKey: phoneKey(siteId, row.phone) });
  }
  if (good.length === 0) return result;

  const known: Record<MergeKey, Map<string, string>> = { externalId: new Map(), email: new Map(), phone: new Map() };
  const found = await getPeopleByKeys(client, siteId, {
    emails: good.map((r) => r.email).filter(Boolean),
    phones: good.map((r) => r.phoneKey).filter(Boolean),
    externalIds: good.map((r) => r.externalId).filter(Boolean),
  });
  // Oldest first: the person a key first belonged to keeps it, as the identity merge decides.
  for (const f of found) if (!known[f.via].has(f.key)) known[f.via].set(f.key, f.personId);

  const people = new Map<string, Pending>();
  const created = new Set<string>();
  for (const row of good) {
    const keys: Record<MergeKey, string> = { externalId: row.externalId, email: row.email, phone: row.phoneKey };
    const via = MERGE_KEYS.find((k) => keys[k] && known[k].has(keys[k]));
    const existing = via && known[via].get(keys[via]);
    const personId = existing || `imp_${randomBytes(12).toString('hex')}`;
    if (via && existing) result.merged[via]++;
    else {
      result.created++;
      created.add(personId);
    }
    for (const k of MERGE_KEYS) if (keys[k] && !known[k].has(keys[k])) known[k].set(keys[k], personId);
    people.set(personId, combine(people.get(personId), row));
  }

  const stored = new Map(
    (
      await getPersonProfiles(
        client,
        siteId,
        [...people.keys()].filter((id) => !created.has(id)),
      )
    ).map((p) => [p.person_id, p]),
  );
  const identities: IdentityRow[] = [];
  const profiles: PersonProfileRow[] = [];
  for (const [personId, p] of people) {
    if (p.name || p.email || p.phone)
      identities.push({
        site_id: siteId,
        visitor_id: personId,
        person_id: personId,
        name: p.name,
        email: p.email,
        phone: p.phone,
        updated_at: now,
      });
    const before = stored.get(personId);
    profiles.push({
      site_id: siteId,
      person_id: personId,
      external_id: p.externalId || before?.external_id || '',
      tags: p.tags || before?.tags || '',
      fields: { ...before?.fields, ...p.fields },
      imported_at: before?.imported_at ?? now,
      updated_at: now,
    });
  }
  // The identity merge keeps what the person's anchor row already knew and fills the rest.
  await storeIdentities(client, identities);
  await client.insert({ table: TABLES.personProfiles, values: profiles, format: 'JSONEachRow' });
  // An existing person browsing right now is named on Live at once.
  if (identities.length > 0) realtimeBus().publish('identified', { siteId, identities });
  return result;
}

/** Later rows of the same person fill in and override what earlier rows said, field by field. */
function combine(before: Pending | undefined, row: Row): Pending {
  const fields = Object.fromEntries(Object.entries(row.fields).filter(([, v]) => v !== ''));
  return {
    name: row.name || before?.name || '',
    email: row.email || before?.email || '',
    phone: row.phone || before?.phone || '',
    externalId: row.externalId || before?.externalId || '',
    tags: row.tags || before?.tags || '',
    fields: { ...before?.fields, ...fields },
  };
}
