import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type IdentityRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { getVisitFacts, getVisitFactsMany } from './visit-facts.ts';
import { testStore } from '../testing/test-store.ts';

// Presence asks about many arriving visitors in one read: each visitor's answer must be the
// one asked alone would give, for the session asked about, with no visitor's rows leaking
// into another's. Expected values are written out from the rows below.
const ch = testStore();
const SITE = 'vf-site';
const T = Date.UTC(2026, 11, 1, 10);
const M = 60_000;
let n = 0;
const ev = (visitor: string, session: string, at: number, type: string, extra: Record<string, unknown> = {}) =>
  blankEvent({
    site_id: SITE,
    visitor_id: visitor,
    session_id: session,
    ts: at,
    type,
    event_id: `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`,
    ...extra,
  });
const identity = (visitor: string, person: string, at: number, who: Partial<IdentityRow>): IdentityRow => ({
  site_id: SITE,
  visitor_id: visitor,
  person_id: person,
  name: '',
  email: '',
  phone: '',
  updated_at: at,
  ...who,
});

beforeAll(async () => {
  await migrate(ch);
  await clickHouseInsert(ch)(TABLES.events, [
    // Two visits; the second from a campaign, on a phone in Lyon.
    ev('vf-a', 'a1', T - 3 * 24 * 60 * M, 'pageview', { path: '/old', country: 'DE' }),
    ev('vf-a', 'a2', T, 'pageview', { path: '/p', title: 'P', utm_source: 'mail', referrer_domain: 'x.com' }),
    ev('vf-a', 'a2', T + M, 'engagement', { path: '/p', engaged_ms: 20_000 }),
    ev('vf-a', 'a2', T + 2 * M, 'pageview', { path: '/q', country: 'FR', city: 'Lyon', device: 'mobile' }),
    // One visit; known by the name given in another browser (same person).
    ev('vf-b', 'b1', T + 5 * M, 'pageview', { path: '/b', country: 'CN' }),
    // Another site's visitor with the same id: never counted.
    { ...ev('vf-b', 'b1', T, 'pageview'), site_id: 'other-site' },
  ]);
  await ch.insert({
    table: TABLES.identities,
    values: [
      identity('vf-b', 'person-b', T, { email: 'b@example.com' }),
      identity('vf-b-laptop', 'person-b', T - 60 * M, { name: 'Bea' }),
      identity('vf-c', 'vf-c', T, { phone: '+86 138 0000 0000' }),
    ],
    format: 'JSONEachRow',
  });
});
afterAll(() => ch.close());

describe('visit facts for many visitors at once', () => {
  it('answers each visitor for its own session and person, as asked alone', async () => {
    const asked = [
      { visitorId: 'vf-a', sessionId: 'a2' },
      { visitorId: 'vf-b', sessionId: 'b1' },
      { visitorId: 'vf-c', sessionId: 'c1' },
      { visitorId: 'vf-none', sessionId: 'n1' },
    ];
    const many = await getVisitFactsMany(ch, SITE, asked);
    expect(many.get('vf-a')).toEqual({
      visits: 2,
      name: '',
      startedAt: T,
      landing: { at: T, referrerDomain: 'x.com', utmSource: 'mail', utmMedium: '', utmCampaign: '' },
      client: { country: 'FR', region: '', city: 'Lyon', device: 'mobile', browser: '', os: '' },
      trail: [
        expect.objectContaining({ at: T, type: 'pageview', path: '/p', title: 'P' }),
        expect.objectContaining({ at: T + M, type: 'engagement', path: '/p', engagedMs: 20_000 }),
        expect.objectContaining({ at: T + 2 * M, type: 'pageview', path: '/q' }),
      ],
    });
    // The person's newest name wins over the visitor's own email.
    expect(many.get('vf-b')).toMatchObject({ visits: 1, name: 'Bea', startedAt: T + 5 * M });
    expect(many.get('vf-b')?.trail.map((e) => e.path)).toEqual(['/b']);
    // Known, never seen: a name and nothing else.
    expect(many.get('vf-c')).toEqual({
      visits: 0,
      name: '+86 138 0000 0000',
      startedAt: 0,
      landing: null,
      client: null,
      trail: [],
    });
    expect(many.has('vf-none')).toBe(false);
    for (const { visitorId, sessionId } of asked.slice(0, 3))
      expect(await getVisitFacts(ch, SITE, visitorId, sessionId)).toEqual(many.get(visitorId));
  });

  it('answers an earlier session of a visitor with that session only', async () => {
    const [facts] = (await getVisitFactsMany(ch, SITE, [{ visitorId: 'vf-a', sessionId: 'a1' }])).values();
    expect(facts).toMatchObject({ visits: 2, startedAt: T - 3 * 24 * 60 * M, client: { country: 'DE' } });
    expect(facts?.trail.map((e) => e.path)).toEqual(['/old']);
  });
});
