import { afterAll, describe, expect, it } from 'vitest';
import { getPerson } from '../server/queries/visitor-people.ts';
import { createClickHouse } from './client.ts';
import { migrate } from './migrate.ts';
import type { IdentityRow, LeadRow } from './rows.ts';
import { TABLES } from './tables.ts';

// Migration 0013 on a store with leads from before every capture identified its visitor.
const SITE = 'm13';
const T = Date.UTC(2026, 10, 1, 9, 0);
const MIN = 60_000;
const store = createClickHouse({ dataDir: ':memory:' });
afterAll(() => store.close());

const lead = (lead_id: string, visitor_id: string, at: number, over: Partial<LeadRow>): LeadRow => ({
  site_id: SITE,
  lead_id,
  visitor_id,
  person_id: visitor_id,
  source: 'prechat',
  status: 'new',
  owner_id: '',
  name: '',
  email: '',
  phone: '',
  message: '',
  callback_at: '',
  notes: '',
  chat_id: '',
  first_referrer_domain: '',
  first_utm_source: '',
  first_utm_medium: '',
  first_utm_campaign: '',
  first_landing_path: '',
  last_referrer_domain: '',
  last_utm_source: '',
  last_utm_medium: '',
  last_utm_campaign: '',
  last_landing_path: '',
  country: '',
  created_at: at,
  updated_at: at,
  ...over,
});
const identity = (visitor_id: string, person_id: string, at: number, over: Partial<IdentityRow>): IdentityRow => ({
  site_id: SITE,
  visitor_id,
  person_id,
  name: '',
  email: '',
  phone: '',
  updated_at: at,
  ...over,
});

async function identities() {
  const r = await store.query({
    query: `SELECT visitor_id, person_id, name, email, phone, toUnixTimestamp64Milli(updated_at) AS at FROM ${TABLES.identities} FINAL WHERE site_id = {s:String} ORDER BY visitor_id`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  return (
    await r.json<{ visitor_id: string; person_id: string; name: string; email: string; phone: string; at: string }>()
  ).map((x) => ({ ...x, at: Number(x.at) }));
}

describe('migration 0014', () => {
  it('identifies every visitor with a lead and no identity, joined to the person already holding the email', async () => {
    await migrate(store);
    await store.insert({
      table: TABLES.leads,
      values: [
        lead('l-form', 'v-form', T, { name: 'Zhang Min', email: 'Zhang@Example.com' }),
        // A later version of the same lead (a status change): one lead, its newest row.
        lead('l-form', 'v-form', T, {
          name: 'Zhang Min',
          email: 'Zhang@Example.com',
          status: 'contacted',
          updated_at: T + 5 * MIN,
        }),
        lead('l-offline', 'v-offline', T + MIN, { source: 'offline', email: 'zhang@example.com', message: 'price?' }),
        lead('l-call', 'v-phone', T + 2 * MIN, { source: 'callback', name: 'Li', phone: '+86 138 0013 8000' }),
        lead('l-call2', 'v-phone', T + 3 * MIN, { source: 'callback', phone: '+86 139 0000 1111' }),
        lead('l-kept', 'v-known', T + 4 * MIN, { source: 'agent', name: 'From Lead', email: 'lead@example.com' }),
        lead('l-new', 'v-new', T + 6 * MIN, { source: 'offline', email: 'OLD@example.com' }),
      ],
      format: 'JSONEachRow',
    });
    await store.insert({
      table: TABLES.identities,
      values: [
        identity('v-known', 'v-known', T, { name: 'Kept' }),
        identity('v-old', 'p-old', T - MIN, { email: 'old@example.com' }),
      ],
      format: 'JSONEachRow',
    });
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 14 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0014_backfill_lead_identities']);
    const expected = [
      { visitor_id: 'v-form', person_id: 'v-form', name: 'Zhang Min', email: 'zhang@example.com', phone: '', at: T },
      { visitor_id: 'v-known', person_id: 'v-known', name: 'Kept', email: '', phone: '', at: T },
      { visitor_id: 'v-new', person_id: 'p-old', name: '', email: 'old@example.com', phone: '', at: T + 6 * MIN },
      { visitor_id: 'v-offline', person_id: 'v-offline', name: '', email: 'zhang@example.com', phone: '', at: T + MIN },
      { visitor_id: 'v-old', person_id: 'p-old', name: '', email: 'old@example.com', phone: '', at: T - MIN },
      {
        visitor_id: 'v-phone',
        person_id: 'v-phone',
        name: 'Li',
        email: '',
        phone: '+86 139 0000 1111',
        at: T + 3 * MIN,
      },
    ];
    expect(await identities()).toEqual(expected);
    // The two browsers that gave one email are one person, named by the form.
    expect(await getPerson(store, SITE, 'v-offline')).toEqual({
      visitorIds: ['v-offline', 'v-form'],
      name: 'Zhang Min',
      email: 'zhang@example.com',
      phone: '',
    });

    // Run again, it adds nothing.
    await store.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 14 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(store)).toEqual(['0014_backfill_lead_identities']);
    const count = await store.query({
      query: `SELECT count() AS n FROM ${TABLES.identities} WHERE site_id = {s:String}`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect((await count.json<{ n: string | number }>()).map((r) => Number(r.n))).toEqual([expected.length]);
  });
});
