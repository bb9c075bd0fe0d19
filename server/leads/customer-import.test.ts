import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ImportRowInput } from '../contract/customer-import.ts';
import { importChunkInput } from '../contract/customer-import.ts';
import type { Role, SessionUser } from '../contract/roles.ts';
import { erasePerson } from '../privacy/erase-person.ts';
import { storeIdentities } from '../ingest/identity-merge.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { importCustomers } from './customer-import.ts';
import { testStore } from '../testing/test-store.ts';

// Customer import against the embedded engine. Expected counts are worked out by hand from
// the rows below (which key each row should meet), never from the SQL under test.
const SITE = 'import-shop';
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const ch = testStore();

const rows = (list: ImportRowInput[]) => importChunkInput.parse({ siteId: SITE, rows: list }).rows;

async function identities() {
  const r = await ch.query({
    query: `SELECT visitor_id, person_id, name, email, phone FROM ${TABLES.identities} FINAL
            WHERE site_id = {s:String} ORDER BY visitor_id`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  return r.json<{ visitor_id: string; person_id: string; name: string; email: string; phone: string }>();
}

async function profiles() {
  const r = await ch.query({
    query: `SELECT person_id, external_id, tags, fields FROM ${TABLES.personProfiles} FINAL
            WHERE site_id = {s:String} ORDER BY person_id`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  return r.json<{ person_id: string; external_id: string; tags: string; fields: Record<string, string> }>();
}

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: SITE, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  // Two people the site already knows: one from a lead (email), one from identify (phone).
  await storeIdentities(ch, [
    {
      site_id: SITE,
      visitor_id: 'v-lead',
      person_id: 'v-lead',
      name: 'Old',
      email: 'old@example.com',
      phone: '',
      updated_at: NOW - 86_400_000,
    },
    {
      site_id: SITE,
      visitor_id: 'v-phone',
      person_id: 'v-phone',
      name: '',
      email: '',
      phone: '138 0013 8000',
      updated_at: NOW - 86_400_000,
    },
  ]);
});
afterAll(async () => {
  await ch.close();
});

describe('customer import', () => {
  it('imports good rows, lists bad ones by line and merges by email, phone and external id', async () => {
    const first = await importCustomers(
      ch,
      SITE,
      rows([
        {
          line: 1,
          name: 'Wang Fang',
          email: 'Wang.Fang@Example.com',
          externalId: 'CRM-1',
          tags: 'vip, 2025',
          fields: { city: 'Hangzhou' },
        },
        { line: 2 },
        { line: 3, name: 'Bad Mail', email: 'nope@' },
        { line: 4, name: 'Bad Phone', phone: 'call me' },
        { line: 5, name: 'Only A Name' },
        // The lead's person, by email in another case.
        { line: 6, name: 'Old Customer', email: 'OLD@example.com' },
        // The identify's person, by the phone's digits.
        { line: 7, name: 'Phone Customer', phone: '138-0013-8000' },
        // Wang Fang again, by email: one person.
        { line: 8, email: 'wang.fang@example.com', fields: { plan: 'silver' } },
      ]),
      NOW,
    );
    expect(first).toEqual({
      created: 1,
      merged: { externalId: 0, email: 2, phone: 1 },
      errors: [
        { line: 2, error: 'empty_row' },
        { line: 3, error: 'bad_email' },
        { line: 4, error: 'bad_phone' },
        { line: 5, error: 'no_key' },
      ],
    });

    const second = await importCustomers(
      ch,
      SITE,
      rows([
        { line: 1, externalId: 'CRM-1', fields: { plan: 'gold' } },
        { line: 2, name: 'Li Lei', phone: '+86 139 0000 1111' },
      ]),
      NOW + 1000,
    );
    expect(second).toEqual({ created: 1, merged: { externalId: 1, email: 0, phone: 0 }, errors: [] });

    const ids = await identities();
    const imported = ids.filter((r) => r.visitor_id.startsWith('imp_'));
    expect(imported.map((r) => [r.name, r.email, r.phone]).sort()).toEqual([
      ['Li Lei', '', '+86 139 0000 1111'],
      ['Wang Fang', 'wang.fang@example.com', ''],
    ]);
    for (const r of imported) expect(r.person_id).toBe(r.visitor_id);
    expect(ids.find((r) => r.visitor_id === 'v-lead')).toMatchObject({
      person_id: 'v-lead',
      name: 'Old Customer',
      email: 'old@example.com',
    });
    expect(ids.find((r) => r.visitor_id === 'v-phone')).toMatchObject({
      person_id: 'v-phone',
      name: 'Phone Customer',
      phone: '138-0013-8000',
    });

    const wang = imported.find((r) => r.name === 'Wang Fang')!;
    const byPerson = new Map((await profiles()).map((p) => [p.person_id, p]));
    expect(byPerson.get(wang.person_id)).toEqual({
      person_id: wang.person_id,
      external_id: 'CRM-1',
      tags: 'vip, 2025',
      fields: { city: 'Hangzhou', plan: 'gold' },
    });
    expect(byPerson.get('v-lead')).toMatchObject({ external_id: '', fields: {} });
    expect(byPerson.size).toBe(4);

    // Erasing the person takes the imported details with them.
    await erasePerson(ch, SITE, wang.person_id, { id: 'u-admin', email: 'admin@example.com' });
    expect((await profiles()).map((p) => p.person_id)).not.toContain(wang.person_id);
    expect(byPerson.has(wang.person_id)).toBe(true);
  });

  it('is open to admins and marketers of the site only', async () => {
    const caller = (role: Role) => {
      const user: SessionUser = { id: `u-${role}`, email: `${role}@example.com`, name: role, role, siteIds: [SITE] };
      return appRouter.createCaller({ ch, user, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
    };
    const chunk = { siteId: SITE, rows: [{ line: 1, name: 'Zhao', email: 'zhao@example.com' }] };
    await expect(caller('agent').people.importChunk(chunk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller('manager').people.importChunk(chunk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await caller('marketer').people.importChunk(chunk)).created).toBe(1);
    await expect(
      caller('marketer').people.importChunk({
        siteId: SITE,
        rows: Array.from({ length: 501 }, (_, i) => ({ line: i + 1 })),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
