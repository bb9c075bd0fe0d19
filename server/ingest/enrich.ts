import { randomUUID } from 'node:crypto';
import type { BotEventRow, EventRow, IdentityRow, OrderRow } from '../../clickhouse/rows.ts';
import { attribute } from './attribution.ts';
import { lookupGeo, type Geo } from './geo.ts';
import { httpUrl, type CollectPayload, type TrackedEvent } from './payload.ts';
import { parseUserAgent, type Client } from './user-agent.ts';

export interface RequestContext {
  ip: string;
  userAgent: string;
  /** Server clock when the request arrived (ms). Event times derive from it, not the client's clock. */
  receivedAt: number;
}

export interface Enriched {
  events: EventRow[];
  bots: BotEventRow[];
  identities: IdentityRow[];
  orders: OrderRow[];
}

// A client clock may be wrong by hours; only the gaps between the events of one
// request are trusted, and never more than this far back.
const MAX_BACKDATE_MS = 3_600_000;

/** Turns one validated payload into table rows: geo, UA, bot split, attribution. */
export function enrich(payload: CollectPayload, ctx: RequestContext): Enriched {
  const client = parseUserAgent(ctx.userAgent);
  const geo = lookupGeo(ctx.ip);
  const out: Enriched = { events: [], bots: [], identities: [], orders: [] };
  const newest = Math.max(...payload.events.map((e) => e.ts ?? 0));

  for (const event of payload.events) {
    const ts = ctx.receivedAt - Math.min(MAX_BACKDATE_MS, Math.max(0, event.ts === undefined ? 0 : newest - event.ts));
    const page = httpUrl(event.url) ?? new URL(event.url);
    if (client.bot) {
      out.bots.push({
        site_id: payload.site,
        ts,
        type: event.type,
        path: page.pathname,
        user_agent: ctx.userAgent.slice(0, 512),
        reason: client.bot,
        country: geo.country,
      });
      continue;
    }
    const row = baseRow(payload, event, ts, page, geo, client);
    applyType(row, event, page, out, payload, ts);
    out.events.push(row);
  }
  return out;
}

function applyType(
  row: EventRow,
  event: TrackedEvent,
  page: URL,
  out: Enriched,
  payload: CollectPayload,
  ts: number,
): void {
  switch (event.type) {
    case 'pageview': {
      const a = attribute(page, event.referrer ?? '');
      row.title = event.title ?? '';
      row.referrer = event.referrer ?? '';
      row.referrer_domain = a.referrerDomain;
      row.utm_source = a.utmSource;
      row.utm_medium = a.utmMedium;
      row.utm_campaign = a.utmCampaign;
      row.utm_term = a.utmTerm;
      row.utm_content = a.utmContent;
      row.click_id_type = a.clickIdType;
      row.click_id = a.clickId;
      break;
    }
    case 'engagement':
      row.engaged_ms = event.engagedMs;
      row.scroll_pct = event.scrollPct ?? 0;
      break;
    case 'outbound':
      row.target = event.href;
      break;
    case 'custom':
      row.name = event.name;
      row.props = Object.fromEntries(Object.entries(event.props ?? {}).map(([k, v]) => [k, String(v)]));
      break;
    case 'identify':
      out.identities.push({
        site_id: payload.site,
        visitor_id: payload.visitorId,
        person_id: payload.visitorId,
        name: event.name ?? '',
        email: (event.email ?? '').toLowerCase(),
        phone: event.phone ?? '',
        updated_at: ts,
      });
      break;
    case 'order':
      row.order_id = event.orderId;
      row.revenue = event.value;
      row.currency = event.currency;
      out.orders.push({
        site_id: payload.site,
        order_id: event.orderId,
        visitor_id: payload.visitorId,
        person_id: payload.visitorId,
        email: '',
        phone: '',
        value: event.value,
        currency: event.currency,
        status: 'placed',
        origin: 'snippet',
        created_at: ts,
        updated_at: ts,
      });
      break;
    case 'exit_intent':
      break;
  }
}

function baseRow(
  payload: CollectPayload,
  event: TrackedEvent,
  ts: number,
  page: URL,
  geo: Geo,
  client: Client,
): EventRow {
  return {
    site_id: payload.site,
    ts,
    event_id: randomUUID(),
    type: event.type,
    visitor_id: payload.visitorId,
    session_id: payload.sessionId,
    host: page.hostname,
    path: page.pathname,
    url: page.pathname + page.search,
    title: '',
    referrer: '',
    referrer_domain: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    utm_term: '',
    utm_content: '',
    click_id_type: '',
    click_id: '',
    country: geo.country,
    region: geo.region,
    city: geo.city,
    browser: client.browser,
    browser_version: client.browserVersion,
    os: client.os,
    device: client.device,
    screen: payload.screen ?? '',
    language: payload.language ?? '',
    name: '',
    props: {},
    engaged_ms: 0,
    scroll_pct: 0,
    target: '',
    agent_id: '',
    rule_id: '',
    invitation_id: '',
    chat_id: '',
    lead_id: '',
    order_id: '',
    revenue: 0,
    currency: '',
  };
}
