import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { getPerson } from '../queries/visitor-people.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { joinOpenLead } from './lead-dedup.ts';
import { createLead, planLead, updateLead } from './lead-service.ts';
import { testStore } from '../testing/test-store.ts';

// One person, one open lead: later captures of the same email or phone join it.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const MIN = 60_000;
const SITE = 'lt-dedup';
const ch = testStore();

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Dedup', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  const views = ['v-form', 'v-agent', 'v-call', 'v-msg', 'v-won', 'v-again', 'v-save'].map((visitor_id, i) =>
    blankEvent({
      site_id: SITE,
      visitor_id,
      session_id: `${visitor_id}-s`,
      ts: NOW - (10 - i) * MIN,
      type: 'pageview',
      path: '/',
      url: 'https://shop.example/',
    }),
  );
  await ch.insert({ table: TABLES.events, values: views, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

async function leadsOf(email: string, phoneDigits = '') {
  const r = await ch.query({
    query: `SELECT lead_id, source, status, name, email, phone, notes, toUnixTimestamp64Milli(created_at) AS created_at FROM ${TABLES.leads} FINAL
            WHERE site_id = {s:String} AND ((email != '' AND email = {e:String}) OR (phone != '' AND replaceRegexpAll(phone, '[^0-9]', '') = {p:String})) ORDER BY created_at`,
    query_params: { s: SITE, e: email, p: phoneDigits },
    format: 'JSONEachRow',
  });
  return (
    await r.json<{
      lead_id: string;
      source: string;
      status: string;
      name: string;
      email: string;
      phone: string;
      notes: string;
      created_at: string;
    }>()
  ).map((l) => ({ ...l, created_at: Number(l.created_at) }));
}

async function leadEvents(leadId: string): Promise<number> {
  const r = await ch.query({
    query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'lead_created' AND lead_id = {l:String}`,
    query_params: { s: SITE, l: leadId },
    format: 'JSONEachRow',
  });
  return Number((await r.json<{ n: string }>())[0]?.n);
}

describe('lead de-duplication', () => {
  it('a later capture of the same email (any case) updates the open lead: details filled, a note, earliest created_at, one event', async () => {
    const first = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-form',
      source: 'prechat',
      name: 'Zhang Min',
      email: 'zhang@example.com',
      message: 'Shipping?',
      now: NOW,
    });
    const second = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-agent',
      source: 'agent',
      email: 'ZHANG@example.com',
      phone: '+86 138 0013 8000',
      message: 'Wants 3 units',
      now: NOW + 5 * MIN,
    });
    expect(second.lead_id).toBe(first.lead_id);
    expect(await leadsOf('zhang@example.com')).toEqual([
      {
        lead_id: first.lead_id,
        source: 'prechat',
        status: 'new',
        name: 'Zhang Min',
        email: 'zhang@example.com',
        phone: '+86 138 0013 8000',
        notes: '2026-11-20 06:35 UTC · agent: ZHANG@example.com · +86 138 0013 8000 · Wants 3 units',
        created_at: NOW,
      },
    ]);
    expect(await leadEvents(first.lead_id)).toBe(1);
  });

  it('matches phones by their key, and a capture stored twice (a replayed step) leaves one note', async () => {
    const call = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-call',
      source: 'callback',
      name: 'Li',
      phone: '+86 139 0000 1111',
      callbackAt: 'tomorrow 10:00',
      now: NOW,
    });
    const planned = planLead({
      siteId: SITE,
      visitorId: 'v-msg',
      source: 'offline',
      phone: '+86-139-0000-1111',
      message: 'Call after 6',
      now: NOW + MIN,
    });
    expect((await joinOpenLead(ch, planned))?.lead_id).toBe(call.lead_id);
    expect((await joinOpenLead(ch, planned))?.lead_id).toBe(call.lead_id);
    const [lead, ...others] = await leadsOf('', '8613900001111');
    expect(others).toEqual([]);
    expect(lead?.notes).toBe('2026-11-20 06:31 UTC · offline: +86-139-0000-1111 · Call after 6');
  });

  it('does not reopen a won or lost lead: the same email then makes a new lead', async () => {
    const won = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-won',
      source: 'offline',
      email: 'won@example.com',
      now: NOW,
    });
    await updateLead(ch, SITE, won.lead_id, { status: 'won' }, NOW + MIN);
    const again = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-again',
      source: 'offline',
      email: 'won@example.com',
      now: NOW + 2 * MIN,
    });
    expect(again.lead_id).not.toBe(won.lead_id);
    expect((await leadsOf('won@example.com')).map((l) => [l.lead_id, l.status])).toEqual([
      [won.lead_id, 'won'],
      [again.lead_id, 'new'],
    ]);
  });

  it("an agent's Save as lead identifies the visitor: named, and one person with the browser that gave the same email", async () => {
    const agent = appRouter.createCaller({
      ch,
      user: {
        id: 'u-agent',
        email: 'agent@example.com',
        name: 'Agent',
        role: 'agent',
        siteIds: [SITE],
      } satisfies SessionUser,
      token: null,
      ip: '10.0.0.1',
      resHeaders: new Headers(),
    });
    await agent.lead.create({ siteId: SITE, visitorId: 'v-save', name: 'Wang Fang', email: 'wang@example.com' });
    expect(await getPerson(ch, SITE, 'v-save')).toEqual({
      visitorIds: ['v-save'],
      name: 'Wang Fang',
      email: 'wang@example.com',
      phone: '',
    });
    // Saved again for another of her browsers: the same person, the same lead.
    await agent.lead.create({ siteId: SITE, visitorId: 'v-again', email: 'Wang@example.com' });
    expect((await getPerson(ch, SITE, 'v-again')).visitorIds).toEqual(['v-again', 'v-save']);
    expect((await leadsOf('wang@example.com')).length).toBe(1);
  });
});
