import type { ClickHouseClient } from '@clickhouse/client';
import { blankEvent, type EventRow, type IdentityRow, type LeadRow } from '../../clickhouse/rows.ts';

export { blankEvent };
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { saveSite } from '../sites/site-service.ts';

/**
 * The fixture dataset integration and e2e tests share. Small and fully determined, so
 * tests compute their expected numbers from these rows in plain TypeScript (never with
 * the SQL under test) and compare.
 *
 * Two sites: `fixture-a` (Asia/Shanghai) with 60 visitors over the 14 local days before
 * `now`, and `fixture-b` (UTC) with a few visitors, to prove reports never mix sites.
 * Visitor i: country/city/device/source from fixed cycles (Baidu in three spellings); visitors with i % 4 === 0
 * return for a second session 2 days later; i % 5 === 0 identify themselves;
 * i % 6 === 0 ask to chat and are answered (i % 12 === 0 by agent-li after 8 s, the others
 * by agent-emma after 45 s); i % 12 === 3 ask and give up unanswered; i % 12 === 0 become
 * a lead (a `lead_created` event and a leads row whose status cycles new, contacted,
 * qualified, won, lost); i % 10 === 0 order.
 */
export const FIXTURE_SITES = {
  a: { id: 'fixture-a', timeZone: 'Asia/Shanghai' },
  b: { id: 'fixture-b', timeZone: 'UTC' },
} as const;

export const FIXTURE_PLACES = [
  { country: 'CN', region: 'GD', city: 'Shenzhen' },
  { country: 'CN', region: 'BJ', city: 'Beijing' },
  { country: 'US', region: 'CA', city: 'San Francisco' },
  { country: 'GB', region: 'ENG', city: 'London' },
  { country: 'DE', region: 'BE', city: 'Berlin' },
] as const;
const DEVICES = [
  { device: 'desktop', browser: 'Chrome', os: 'Windows' },
  { device: 'mobile', browser: 'Mobile Safari', os: 'iOS' },
  { device: 'desktop', browser: 'Edge', os: 'Windows' },
  { device: 'tablet', browser: 'Chrome', os: 'Android' },
] as const;
const SOURCES = [
  { referrer: 'https://www.google.com/', utm_source: '', utm_medium: '', utm_campaign: '' },
  { referrer: '', utm_source: '', utm_medium: '', utm_campaign: '' },
  { referrer: 'https://www.baidu.com/s?wd=shop', utm_source: 'baidu', utm_medium: 'cpc', utm_campaign: 'spring_sale' },
  { referrer: 'https://weibo.com/', utm_source: 'weibo', utm_medium: 'social', utm_campaign: 'launch' },
  { referrer: '', utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring_sale' },
  { referrer: 'https://www.bing.com/', utm_source: '', utm_medium: '', utm_campaign: '' },
] as const;
// Baidu's visitors (i % 6 === 2) come three ways in turn: tagged utm_source=baidu, from
// baidu.com, from m.baidu.com. Reports name all three "Baidu" (server/sources).
const BAIDU_SPELLINGS = [
  SOURCES[2],
  { referrer: 'https://baidu.com/s?wd=tea', utm_source: '', utm_medium: '', utm_campaign: '' },
  { referrer: 'https://m.baidu.com/s?word=tea', utm_source: '', utm_medium: '', utm_campaign: '' },
] as const;
const TRAILS = [
  ['/', '/products', '/products/tea-set'],
  ['/pricing'],
  ['/', '/pricing', '/contact'],
  ['/blog/how-to-brew', '/products/tea-set', '/cart', '/checkout'],
  ['/products'],
] as const;
const TITLES: Record<string, string> = {
  '/': 'Home',
  '/products': 'Products',
  '/products/tea-set': 'Tea set',
  '/pricing': 'Pricing',
  '/contact': 'Contact',
  '/blog/how-to-brew': 'How to brew',
  '/cart': 'Cart',
  '/checkout': 'Checkout',
};

export interface Fixture {
  events: EventRow[];
  identities: IdentityRow[];
  leads: LeadRow[];
}

const LEAD_STATUS_CYCLE = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function buildFixture(now: number): Fixture {
  const events: EventRow[] = [];
  const identities: IdentityRow[] = [];
  const leads: LeadRow[] = [];
  let seq = 0;
  const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}`;
  const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

  const session = (site: string, i: number, visit: number, start: number) => {
    const place = FIXTURE_PLACES[i % FIXTURE_PLACES.length]!;
    const dev = DEVICES[i % DEVICES.length]!;
    const src =
      visit > 0
        ? SOURCES[1]
        : i % SOURCES.length === 2
          ? BAIDU_SPELLINGS[Math.floor(i / SOURCES.length) % 3]!
          : SOURCES[i % SOURCES.length]!;
    const trail = TRAILS[(i + visit) % TRAILS.length]!;
    const visitor = id('fv', i);
    const sessionId = id(`fs${visit}`, i);
    const base = {
      site_id: site,
      visitor_id: visitor,
      session_id: sessionId,
      ...place,
      ...dev,
      browser_version: '120',
    };
    trail.forEach((path, k) => {
      const ts = start + k * 2 * MINUTE;
      const query =
        k === 0 && src.utm_source
          ? `?utm_source=${src.utm_source}&utm_medium=${src.utm_medium}&utm_campaign=${src.utm_campaign}`
          : '';
      const first = k === 0;
      events.push(
        blankEvent({
          ...base,
          ts,
          type: 'pageview',
          event_id: uuid(),
          path,
          url: path + query,
          title: TITLES[path] ?? path,
          referrer: first ? src.referrer : `https://shop.example${trail[k - 1] ?? '/'}`,
          referrer_domain: first && src.referrer ? new URL(src.referrer).hostname.replace(/^www\./, '') : '',
          utm_source: first ? src.utm_source : '',
          utm_medium: first ? src.utm_medium : '',
          utm_campaign: first ? src.utm_campaign : '',
        }),
      );
      events.push(
        blankEvent({
          ...base,
          ts: ts + 90_000,
          type: 'engagement',
          event_id: uuid(),
          path,
          url: path,
          engaged_ms: 30_000 + 10_000 * ((i + k) % 5),
          scroll_pct: 20 + 20 * ((i + 2 * k) % 5),
        }),
      );
    });
    const end = start + trail.length * 2 * MINUTE;
    if (visit === 0 && i % 5 === 0) {
      events.push(blankEvent({ ...base, ts: end, type: 'identify', event_id: uuid(), path: trail[0], url: trail[0] }));
      identities.push({
        site_id: site,
        visitor_id: visitor,
        person_id: visitor,
        name: `Visitor ${i}`,
        email: `visitor${i}@example.com`,
        phone: '',
        updated_at: end,
      });
    }
    if (visit === 0 && i % 6 === 0) {
      const chat = id('fc', i);
      const agent = i % 12 === 0 ? 'agent-li' : 'agent-emma';
      // agent-li answers within 8 s, agent-emma's visitors wait 45 s (over the 30 s staffing bar).
      const wait = i % 12 === 0 ? 8_000 : 45_000;
      events.push(
        blankEvent({
          ...base,
          ts: end + 1000 - wait,
          type: 'chat_requested',
          event_id: uuid(),
          chat_id: chat,
          props: { origin: 'visitor' },
        }),
      );
      events.push(
        blankEvent({ ...base, ts: end + 1000, type: 'chat_started', event_id: uuid(), chat_id: chat, agent_id: agent }),
      );
      events.push(
        blankEvent({
          ...base,
          ts: end + 5 * MINUTE,
          type: 'chat_ended',
          event_id: uuid(),
          chat_id: chat,
          agent_id: agent,
        }),
      );
      if (i % 12 === 0) {
        const at = end + 5 * MINUTE + 1000;
        const lead = id('fl', i);
        events.push(
          blankEvent({
            ...base,
            ts: at,
            type: 'lead_created',
            event_id: uuid(),
            chat_id: chat,
            agent_id: agent,
            lead_id: lead,
          }),
        );
        leads.push(
          fixtureLead(
            events.find((e) => e.session_id === sessionId && e.type === 'pageview')!,
            lead,
            i,
            chat,
            agent,
            at,
          ),
        );
      }
    }
    if (visit === 0 && i % 12 === 3) {
      // Asked to chat, nobody answered, gave up after 10 s: a request that waited forever.
      const chat = id('fc', i);
      events.push(
        blankEvent({
          ...base,
          ts: end - 20_000,
          type: 'chat_requested',
          event_id: uuid(),
          chat_id: chat,
          props: { origin: 'visitor' },
        }),
      );
      events.push(blankEvent({ ...base, ts: end - 10_000, type: 'chat_ended', event_id: uuid(), chat_id: chat }));
    }
    if (visit === 0 && i % 10 === 0) {
      events.push(
        blankEvent({
          ...base,
          ts: end + 6 * MINUTE,
          type: 'order',
          event_id: uuid(),
          order_id: id('fo', i),
          revenue: 100 + i,
          currency: 'CNY',
          path: '/checkout',
          url: '/checkout',
        }),
      );
    }
  };

  // Visitor i starts at 09:00 + (i % 10) h local time, (i % 14) days before now's local day.
  const dayMs = 24 * HOUR;
  const shanghaiMidnight = Math.floor((now + 8 * HOUR) / dayMs) * dayMs - 8 * HOUR;
  for (let i = 0; i < 60; i++) {
    const start = shanghaiMidnight - (i % 14) * dayMs + (9 + (i % 10)) * HOUR + (i % 7) * MINUTE;
    if (start > now - HOUR) continue;
    session(FIXTURE_SITES.a.id, i, 0, start);
    if (i % 4 === 0 && start + 2 * dayMs < now - HOUR) session(FIXTURE_SITES.a.id, i, 1, start + 2 * dayMs);
  }
  for (let i = 100; i < 105; i++) session(FIXTURE_SITES.b.id, i, 0, now - 2 * dayMs + (i - 100) * HOUR);
  return { events, identities, leads };
}

/**
 * A lead made in the visitor's first session: its first and last touch are both that
 * session's landing page view, as of the moment it was created.
 */
function fixtureLead(landing: EventRow, leadId: string, i: number, chat: string, agent: string, at: number): LeadRow {
  return {
    site_id: landing.site_id,
    lead_id: leadId,
    visitor_id: landing.visitor_id,
    person_id: landing.visitor_id,
    source: 'prechat',
    status: LEAD_STATUS_CYCLE[(i / 12) % LEAD_STATUS_CYCLE.length]!,
    owner_id: agent,
    name: `Lead ${i}`,
    email: `lead${i}@example.com`,
    phone: `+86 138 0000 ${String(i).padStart(4, '0')}`,
    message: i % 24 === 0 ? 'Do you ship tea sets abroad?' : 'Please call me about wholesale prices',
    callback_at: '',
    notes: '',
    chat_id: chat,
    first_referrer_domain: landing.referrer_domain,
    first_utm_source: landing.utm_source,
    first_utm_medium: landing.utm_medium,
    first_utm_campaign: landing.utm_campaign,
    first_landing_path: landing.path,
    last_referrer_domain: landing.referrer_domain,
    last_utm_source: landing.utm_source,
    last_utm_medium: landing.utm_medium,
    last_utm_campaign: landing.utm_campaign,
    last_landing_path: landing.path,
    country: landing.country,
    created_at: at,
    updated_at: at,
  };
}

/** Creates both fixture sites and inserts the fixture rows. */
export async function loadFixture(ch: ClickHouseClient, now: number): Promise<Fixture> {
  const fixture = buildFixture(now);
  await saveSite(ch, {
    id: FIXTURE_SITES.a.id,
    name: 'Fixture A',
    domains: ['shop.example'],
    timeZone: FIXTURE_SITES.a.timeZone,
    respectDnt: false,
  });
  await saveSite(ch, {
    id: FIXTURE_SITES.b.id,
    name: 'Fixture B',
    domains: ['shop.example'],
    timeZone: FIXTURE_SITES.b.timeZone,
    respectDnt: false,
  });
  // Through ingest's insert, so page views get their session's entry source and campaign.
  await clickHouseInsert(ch)(TABLES.events, fixture.events);
  await ch.insert({ table: TABLES.identities, values: fixture.identities, format: 'JSONEachRow' });
  await ch.insert({ table: TABLES.leads, values: fixture.leads, format: 'JSONEachRow' });
  return fixture;
}
