import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow, type IdentityRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { FIXTURE_SITES, loadFixture } from '../testing/fixture.ts';
import { getConversionBreakdown } from './conversion-breakdown.ts';
import { reportScope } from './fragments/report-scope.ts';
import { getSessionAttribute } from './session-attribute.ts';
import { testStore } from '../testing/test-store.ts';

// Overview's campaign table and Conversion's "by campaign" both say "visitors", and differ
// by definition (the screens' column hints say so):
// - Overview: visitor ids with at least one visit of the range that entered from the campaign;
//   one visitor can count under several campaigns;
// - Conversion: people (visitor ids joined by an identity count once), each under the campaign
//   of their first visit of the range, so the rows add up to the funnel's visitors.
// Both are counted here from the rows, on the fixture plus two journeys that tell them apart.
const ch = testStore();
const NOW = Date.UTC(2026, 10, 20, 4);
const SITE = FIXTURE_SITES.a.id;
const H = 3_600_000;
let n = 0;
const view = (visitor: string, session: string, at: number, campaign = '') =>
  blankEvent({
    site_id: SITE,
    visitor_id: visitor,
    session_id: session,
    ts: at,
    type: 'pageview',
    event_id: `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`,
    path: '/',
    url: '/',
    utm_source: campaign ? 'mail' : '',
    utm_medium: campaign ? 'email' : '',
    utm_campaign: campaign,
  });
const EXTRA: EventRow[] = [
  // Comes in directly, returns from the launch campaign: Overview counts her under launch, Conversion under no campaign.
  view('cv-back', 'cv-back-1', NOW - 5 * 24 * H),
  view('cv-back', 'cv-back-2', NOW - 3 * 24 * H, 'launch'),
  // One person on a laptop and a phone, both from spring_sale: two visitor ids, one person.
  view('cv-laptop', 'cv-laptop-1', NOW - 4 * 24 * H, 'spring_sale'),
  view('cv-phone', 'cv-phone-1', NOW - 2 * 24 * H, 'spring_sale'),
];
const PEOPLE: IdentityRow[] = [
  {
    site_id: SITE,
    visitor_id: 'cv-laptop',
    person_id: 'cv-laptop',
    name: 'Ada',
    email: 'ada@example.com',
    phone: '',
    updated_at: NOW - 4 * 24 * H,
  },
  {
    site_id: SITE,
    visitor_id: 'cv-phone',
    person_id: 'cv-laptop',
    name: 'Ada',
    email: 'ada@example.com',
    phone: '',
    updated_at: NOW - 2 * 24 * H,
  },
];

let rows: EventRow[] = [];
let identities: IdentityRow[] = [];
beforeAll(async () => {
  await migrate(ch);
  const fixture = await loadFixture(ch, NOW);
  await clickHouseInsert(ch)(TABLES.events, EXTRA);
  await ch.insert({ table: TABLES.identities, values: PEOPLE, format: 'JSONEachRow' });
  rows = [...fixture.events, ...EXTRA].filter((e) => e.site_id === SITE);
  identities = [...fixture.identities, ...PEOPLE].filter((i) => i.site_id === SITE);
});
afterAll(() => ch.close());

function expected(from: number, to: number) {
  const views = rows.filter((e) => e.type === 'pageview' && e.ts >= from && e.ts < to).sort((a, b) => a.ts - b.ts);
  const entry = new Map<string, EventRow>();
  for (const v of views) if (!entry.has(v.session_id)) entry.set(v.session_id, v);
  const overview = new Map<string, Set<string>>();
  for (const v of entry.values())
    if (v.utm_campaign)
      (overview.get(v.utm_campaign) ?? overview.set(v.utm_campaign, new Set()).get(v.utm_campaign)!).add(v.visitor_id);
  const personOf = (visitor: string) => identities.find((i) => i.visitor_id === visitor)?.person_id || visitor;
  const firstOfPerson = new Map<string, EventRow>();
  for (const v of views) if (!firstOfPerson.has(personOf(v.visitor_id))) firstOfPerson.set(personOf(v.visitor_id), v);
  const conversion = new Map<string, number>();
  for (const v of firstOfPerson.values()) conversion.set(v.utm_campaign, (conversion.get(v.utm_campaign) ?? 0) + 1);
  return {
    overview: Object.fromEntries([...overview].map(([c, s]) => [c, s.size])),
    conversion: Object.fromEntries(conversion),
  };
}

describe('campaign visitors on Overview and Conversion', () => {
  // Quarter-aligned ranges read Conversion's rollup, others the events: both give the same.
  for (const [name, shift] of [
    ['rollup', 0],
    ['events', 1],
  ] as const) {
    it(`counts each screen's definition (conversion from the ${name})`, async () => {
      const from = NOW - 14 * 24 * H + shift;
      const to = NOW;
      const want = expected(from, to);
      const scope = reportScope(SITE, from, to, {});
      const overview = await getSessionAttribute(ch, scope, 'utm_campaign');
      const conversion = await getConversionBreakdown(ch, scope, 'campaign', 7 * 24 * H);
      expect(Object.fromEntries(overview.map((r) => [r.value, r.visitors]))).toEqual(want.overview);
      expect(Object.fromEntries(conversion.map((r) => [r.value, r.visitors]))).toEqual(want.conversion);
      // The documented difference, on the two journeys above.
      expect(want.overview['launch']! - (want.conversion['launch'] ?? 0)).toBe(1);
      expect(want.overview['spring_sale']! - want.conversion['spring_sale']!).toBe(1);
      // Conversion's rows add up to its people; Overview's may add up to more.
      expect(conversion.reduce((s, r) => s + r.visitors, 0)).toBe(
        new Set(rows.map((e) => identities.find((i) => i.visitor_id === e.visitor_id)?.person_id || e.visitor_id)).size,
      );
    });
  }
});
