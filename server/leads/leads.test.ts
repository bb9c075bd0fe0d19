import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow, LeadRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { getLead } from '../queries/get-lead.ts';
import { listLeads, type LeadListQuery } from '../queries/list-leads.ts';
import { saveSite } from '../sites/site-service.ts';
import { blankEvent, buildFixture, FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { appRouter } from '../trpc/root.ts';
import { createLead, ensureLeadForIdentify, LeadNotFoundError, updateLead } from './lead-service.ts';
import { testStore } from '../testing/test-store.ts';

// Leads against the embedded engine. Expected values come from the rows inserted here and
// the fixture, computed in plain TypeScript, never with the SQL under test.
const NOW = Date.UTC(2026, 10, 20, 6, 30);
const MIN = 60_000;
const DAY = 86_400_000;
const ch = testStore();
const A = FIXTURE_SITES.a.id;
const B = FIXTURE_SITES.b.id;
const fixtureLeads = buildFixture(NOW).leads;
const leadsOfA = fixtureLeads.filter((l) => l.site_id === A);

// A site of its own for attribution: a visitor with two sessions, plus rows that must not count.
const ATTR = 'lt-attr';
const ev = (visitor: string, session: string, ts: number, type: string, extra: Partial<EventRow> = {}, site = ATTR) =>
  blankEvent({ site_id: site, visitor_id: visitor, session_id: session, ts, type, url: extra.path ?? '/', ...extra });
const attrEvents: EventRow[] = [
  ev('v-attr', 's-1', NOW - 3 * DAY, 'pageview', {
    path: '/landing-one',
    referrer_domain: 'google.com',
    country: 'CN',
  }),
  ev('v-attr', 's-1', NOW - 3 * DAY + MIN, 'pageview', {
    path: '/pricing',
    utm_source: 'not-a-landing',
    country: 'CN',
  }),
  ev('v-attr', 's-2', NOW - DAY, 'pageview', {
    path: '/landing-two',
    utm_source: 'newsletter',
    utm_medium: 'email',
    utm_campaign: 'winter',
    country: 'US',
  }),
  ev('v-attr', 's-2', NOW - DAY + MIN, 'pageview', { path: '/contact', country: 'US' }),
  ev('v-attr', 's-2', NOW - DAY + 2 * MIN, 'engagement', {
    path: '/contact',
    country: 'DE',
    city: 'Berlin',
    device: 'mobile',
  }),
  // Another visitor earlier on the same site, and the same visitor id earlier on another site.
  ev('v-other', 's-9', NOW - 5 * DAY, 'pageview', { path: '/other', utm_source: 'other' }),
  ev('v-attr', 's-x', NOW - 9 * DAY, 'pageview', { path: '/elsewhere', utm_source: 'elsewhere' }, 'lt-elsewhere'),
];

beforeAll(async () => {
  await migrate(ch);
  await loadFixture(ch, NOW);
  await saveSite(ch, { id: ATTR, name: 'Attribution', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await ch.insert({ table: TABLES.events, values: attrEvents, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

const list = (siteId: string, q: Partial<LeadListQuery> = {}) =>
  listLeads(ch, siteId, { search: '', status: '', sort: 'createdAt', order: 'desc', offset: 0, limit: 100, ...q });

/** The landing page view of each of a visitor's sessions, oldest first. */
function landings(events: EventRow[], site: string, visitor: string): EventRow[] {
  const views = events
    .filter((e) => e.site_id === site && e.visitor_id === visitor && e.type === 'pageview')
    .sort((a, b) => a.ts - b.ts);
  return [...new Map(views.reverse().map((e) => [e.session_id, e])).values()].sort((a, b) => a.ts - b.ts);
}

describe('createLead', () => {
  it('copies first and last touch from the stored page views and records a lead_created event', async () => {
    const lead = await createLead(ch, {
      siteId: ATTR,
      visitorId: 'v-attr',
      source: 'offline',
      name: 'Ada',
      email: 'ADA@example.com',
      message: 'Call me',
      now: NOW,
    });
    const [first, last] = [landings(attrEvents, ATTR, 'v-attr').at(0)!, landings(attrEvents, ATTR, 'v-attr').at(-1)!];
    const latest = attrEvents
      .filter((e) => e.site_id === ATTR && e.visitor_id === 'v-attr')
      .sort((a, b) => a.ts - b.ts)
      .at(-1)!;
    expect(lead.lead_id).toMatch(/^lead_[A-Za-z0-9]{16}$/);
    expect(await getLead(ch, ATTR, lead.lead_id)).toEqual<LeadRow>({
      site_id: ATTR,
      lead_id: lead.lead_id,
      visitor_id: 'v-attr',
      person_id: 'v-attr',
      source: 'offline',
      status: 'new',
      owner_id: '',
      name: 'Ada',
      email: 'ada@example.com',
      phone: '',
      message: 'Call me',
      callback_at: '',
      notes: '',
      chat_id: '',
      first_referrer_domain: first.referrer_domain,
      first_utm_source: first.utm_source,
      first_utm_medium: first.utm_medium,
      first_utm_campaign: first.utm_campaign,
      first_landing_path: first.path,
      last_referrer_domain: last.referrer_domain,
      last_utm_source: last.utm_source,
      last_utm_medium: last.utm_medium,
      last_utm_campaign: last.utm_campaign,
      last_landing_path: last.path,
      country: latest.country,
      created_at: NOW,
      updated_at: NOW,
    });
    expect([first.path, last.path, latest.country]).toEqual(['/landing-one', '/landing-two', 'DE']);

    const events = await ch.query({
      query: `SELECT session_id, visitor_id, country, city, device, lead_id, toUnixTimestamp64Milli(ts) AS ts FROM ${TABLES.events} WHERE site_id = {site:String} AND type = 'lead_created'`,
      query_params: { site: ATTR },
      format: 'JSONEachRow',
    });
    expect(await events.json()).toEqual([
      {
        session_id: latest.session_id,
        visitor_id: 'v-attr',
        country: 'DE',
        city: 'Berlin',
        device: 'mobile',
        lead_id: lead.lead_id,
        ts: NOW,
      },
    ]);
  });

  it('keeps a lead of a visitor without stored events, unattributed', async () => {
    const lead = await createLead(ch, {
      siteId: ATTR,
      visitorId: 'v-new',
      source: 'callback',
      phone: '+1 555',
      callbackAt: '2026-11-21 10:00-12:00',
      now: NOW,
    });
    expect([lead.first_landing_path, lead.last_landing_path, lead.country, lead.callback_at]).toEqual([
      '',
      '',
      '',
      '2026-11-21 10:00-12:00',
    ]);
  });

  it('rejects oversized fields', async () => {
    await expect(
      createLead(ch, { siteId: ATTR, visitorId: 'v-attr', source: 'agent', name: 'x'.repeat(257) }),
    ).rejects.toThrow();
    await expect(
      createLead(ch, { siteId: ATTR, visitorId: 'v-attr', source: 'agent', message: 'x'.repeat(4001) }),
    ).rejects.toThrow();
  });
});

describe('updateLead', () => {
  it('keeps the newest version through a merge, even for edits in the same millisecond', async () => {
    const lead = await createLead(ch, {
      siteId: ATTR,
      visitorId: 'v-attr',
      source: 'agent',
      name: 'Versioned',
      now: NOW,
    });
    await updateLead(ch, ATTR, lead.lead_id, { status: 'contacted' }, NOW);
    await updateLead(ch, ATTR, lead.lead_id, { status: 'qualified', ownerId: 'u-1' }, NOW);
    await updateLead(ch, ATTR, lead.lead_id, { notes: 'Wants a quote' }, NOW);
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.leads} FINAL` });
    const stored = await getLead(ch, ATTR, lead.lead_id);
    expect([stored?.status, stored?.owner_id, stored?.notes, stored?.name, stored?.created_at]).toEqual([
      'qualified',
      'u-1',
      'Wants a quote',
      'Versioned',
      NOW,
    ]);
    expect(stored!.updated_at).toBe(NOW + 3);
    const versions = await ch.query({
      query: `SELECT count() AS n FROM ${TABLES.leads} WHERE lead_id = {id:String}`,
      query_params: { id: lead.lead_id },
      format: 'JSONEachRow',
    });
    expect(await versions.json()).toEqual([{ n: 1 }]);
  });

  it('throws LeadNotFoundError for an unknown lead or a lead of another site', async () => {
    await expect(updateLead(ch, ATTR, 'lead_nope', { status: 'won' })).rejects.toBeInstanceOf(LeadNotFoundError);
    await expect(updateLead(ch, B, leadsOfA[0]!.lead_id, { status: 'won' })).rejects.toBeInstanceOf(LeadNotFoundError);
  });
});

describe('listLeads', () => {
  const byName = [...leadsOfA].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));

  it('lists the fixture leads of the site, newest first, with the total', async () => {
    expect(leadsOfA.length).toBeGreaterThanOrEqual(4);
    const all = await list(A);
    expect(all.total).toBe(leadsOfA.length);
    expect(all.rows.map((r) => r.leadId)).toEqual(
      [...leadsOfA].sort((a, b) => b.created_at - a.created_at).map((l) => l.lead_id),
    );
    const one = all.rows.find((r) => r.leadId === leadsOfA[0]!.lead_id)!;
    const l = leadsOfA[0]!;
    expect(one).toMatchObject({
      visitorId: l.visitor_id,
      status: l.status,
      email: l.email,
      country: l.country,
      first: { path: l.first_landing_path, utmSource: l.first_utm_source },
      createdAt: l.created_at,
    });
  });

  it('searches name, email, phone and message case-insensitively', async () => {
    const target = leadsOfA[1]!;
    for (const search of [target.email.toUpperCase(), target.name.toLowerCase(), target.phone.slice(-9)]) {
      const hits = leadsOfA.filter((l) =>
        [l.name, l.email, l.phone, l.message].some((f) => f.toLowerCase().includes(search.toLowerCase())),
      );
      const got = await list(A, { search });
      expect([got.total, got.rows.map((r) => r.leadId).sort()]).toEqual([
        hits.length,
        hits.map((h) => h.lead_id).sort(),
      ]);
    }
    const wholesale = leadsOfA.filter((l) => l.message.toLowerCase().includes('wholesale'));
    expect((await list(A, { search: 'WHOLESALE' })).total).toBe(wholesale.length);
    expect((await list(A, { search: 'no such text' })).total).toBe(0);
  });

  it('finds a phone by any spelling of its digits', async () => {
    const target = leadsOfA.find((l) => l.phone)!;
    // "+86 138 0000 0003" as a Chinese agent types it back: no +86, dashes.
    const national = target.phone.replace(/^\+86/, '').trim().replaceAll(' ', '-');
    const digits = national.replace(/\D/g, '');
    const hits = leadsOfA.filter((l) => l.phone.replace(/\D/g, '').includes(digits));
    expect(hits.length).toBeGreaterThan(0);
    const got = await list(A, { search: national });
    expect(got.rows.map((r) => r.leadId).sort()).toEqual(hits.map((h) => h.lead_id).sort());
    // Digits in a text search are not a phone.
    expect((await list(A, { search: `order ${digits}` })).total).toBe(0);
  });

  it('filters by status and pages in the chosen order', async () => {
    const contacted = leadsOfA.filter((l) => l.status === 'contacted');
    expect((await list(A, { status: 'contacted' })).rows.map((r) => r.leadId)).toEqual(contacted.map((l) => l.lead_id));
    const page = await list(A, { sort: 'name', order: 'asc', offset: 2, limit: 2 });
    expect([page.total, page.rows.map((r) => r.name)]).toEqual([
      leadsOfA.length,
      byName.slice(2, 4).map((l) => l.name),
    ]);
    const order = ['new', 'contacted', 'qualified', 'won', 'lost'];
    const byStatus = await list(A, { sort: 'status', order: 'desc' });
    expect(byStatus.rows.map((r) => r.status)).toEqual(
      leadsOfA.map((l) => l.status).sort((a, b) => order.indexOf(b) - order.indexOf(a)),
    );
  });

  it("never shows another site's lead", async () => {
    const other = await createLead(ch, {
      siteId: B,
      visitorId: 'fv-0100',
      source: 'offline',
      name: 'Only In B',
      email: 'lead0@example.com',
      now: NOW,
    });
    expect((await list(A, { search: 'Only In B' })).total).toBe(0);
    expect((await list(A)).rows.map((r) => r.leadId)).not.toContain(other.lead_id);
    expect((await list(B, { search: 'only in b' })).rows.map((r) => r.leadId)).toEqual([other.lead_id]);
  });
});

describe('ensureLeadForIdentify', () => {
  it('makes a lead once, and only from an email or a phone', async () => {
    expect(await ensureLeadForIdentify(ch, ATTR, 'v-other', { name: 'Just A Name' }, NOW)).toBeNull();
    const lead = await ensureLeadForIdentify(ch, ATTR, 'v-other', { name: 'Bo', phone: '+44 20 0000' }, NOW);
    expect([lead?.source, lead?.name, lead?.phone, lead?.first_landing_path]).toEqual([
      'identify',
      'Bo',
      '+44 20 0000',
      '/other',
    ]);
    expect(await ensureLeadForIdentify(ch, ATTR, 'v-other', { email: 'bo@example.com' }, NOW + MIN)).toBeNull();
    const stored = await ch.query({
      query: `SELECT count() AS n FROM ${TABLES.leads} WHERE site_id = {s:String} AND visitor_id = 'v-other'`,
      query_params: { s: ATTR },
      format: 'JSONEachRow',
    });
    expect(await stored.json()).toEqual([{ n: 1 }]);
  });
});

describe('lead router', () => {
  const user = (role: SessionUser['role'], siteIds = [A]): SessionUser => ({
    id: `u-${role}`,
    email: `${role}@example.com`,
    name: role,
    role,
    siteIds,
  });
  const caller = (u: SessionUser) =>
    appRouter.createCaller({ ch, user: u, token: null, ip: '10.0.0.1', resHeaders: new Headers() });

  it('lets an agent of the site list, capture and work leads', async () => {
    const agent = caller(user('agent'));
    const page = await agent.lead.list({ siteId: A, pageSize: 2, page: 1, sort: 'createdAt', order: 'asc' });
    expect([page.total, page.rows.length, page.timeZone]).toEqual([leadsOfA.length, 2, FIXTURE_SITES.a.timeZone]);
    const { leadId } = await agent.lead.create({
      siteId: A,
      visitorId: 'fv-0005',
      name: 'Captured',
      email: 'cap@example.com',
    });
    const updated = await agent.lead.update({ siteId: A, leadId, patch: { status: 'won' } });
    expect([updated.status, updated.ownerId]).toEqual(['won', 'u-agent']);
    const found = await agent.lead.list({ siteId: A, search: 'cap@example.com' });
    expect(found.rows.map((r) => [r.source, r.status, r.ownerName])).toEqual([['agent', 'won', '']]);
    const all = await agent.lead.list({ siteId: A, pageSize: 1, all: true });
    expect(all.rows.length).toBe(leadsOfA.length + 1);
  });

  it('rejects other sites, missing capabilities, unknown leads and bad input', async () => {
    const marketer = caller(user('marketer'));
    const agent = caller(user('agent'));
    await expect(marketer.lead.list({ siteId: B })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.lead.list({ siteId: B })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      marketer.lead.update({ siteId: B, leadId: 'fl-0000', patch: { status: 'won' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(agent.lead.create({ siteId: B, visitorId: 'fv-0100', email: 'x@example.com' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      marketer.lead.create({ siteId: A, visitorId: 'fv-0005', email: 'x@example.com' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      agent.lead.update({ siteId: A, leadId: 'lead_unknown', patch: { status: 'won' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      agent.lead.update({ siteId: A, leadId: 'fl-0000', patch: { status: 'closed' as 'won' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(agent.lead.list({ siteId: A, sort: 'email' as 'name' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // A marketer works the leads of their own site.
    const worked = await marketer.lead.update({ siteId: A, leadId: 'fl-0000', patch: { notes: 'Sent the catalogue' } });
    expect(worked.notes).toBe('Sent the catalogue');
  });
});
