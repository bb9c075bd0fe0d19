// Visitors and their visits. Every event the snippet would send is built as a real
// collect payload and passed through enrich() with the historical receive time, so the
// stored rows carry exactly what live traffic carries (geo, UA, bot split, attribution).
import type { EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { visitorTermsRow } from '../chat/visitor-terms.ts';
import { enrich } from '../ingest/enrich.ts';
import type { CollectPayload, TrackedEvent } from '../ingest/payload.ts';
import type { BatchSink } from './batch-sink.ts';
import { conversationRow, leadRow, messageRow, touchOf } from './conversation.ts';
import { workDemoCallbacks } from './demo-callbacks.ts';
import { BOT_AGENTS, marketOf, PAGES, PLACES, SCREENS, USER_AGENTS, type Market } from './demo-world.ts';
import { SOURCES, type Source } from './demo-sources.ts';
import { SHOP_ORIGIN, type PlannedPage } from './pages.ts';
import { weightedPicker, type Random } from './random.ts';
import { MINUTE } from './rhythm.ts';
import type { RobotWorld } from './demo-knowledge.ts';
import { planVisit, type Visitor } from './session-plan.ts';
import { layOut } from './timeline.ts';

export interface Tally {
  events: number;
  visitors: number;
  sessions: number;
  leads: number;
  orders: number;
  chats: number;
}

const pickPlace = weightedPicker(PLACES, (p) => p.weight);
const pickBrowser: Record<Market, (rnd: Random) => (typeof USER_AGENTS)[number]> = {
  cn: weightedPicker(USER_AGENTS, (u) => u.weight.cn),
  intl: weightedPicker(USER_AGENTS, (u) => u.weight.intl),
};
const pickSource: Record<Market, (rnd: Random) => Source> = {
  cn: weightedPicker(SOURCES, (s) => s.weight.cn),
  intl: weightedPicker(SOURCES, (s) => s.weight.intl),
};
const DIRECT = SOURCES.find((s) => s.referrer === '' && s.query === '') as Source;
const BOT_PATHS = PAGES.map((p) => p.path).filter((p) => p !== '/checkout' && p !== '/cart');
// enrich() trusts gaps between a request's events only up to an hour; one request per
// visit (or per 50 minutes of it) keeps every event at its planned time.
const MAX_REQUEST_SPAN = 50 * MINUTE;
const MAX_REQUEST_EVENTS = 50;

export function newVisitor(rnd: Random, at: number): Visitor {
  const place = pickPlace(rnd);
  const browser = pickBrowser[marketOf(place.country)](rnd);
  return {
    id: rnd.trackerId(at),
    ip: rnd.pick(place.ips),
    ua: browser.ua,
    device: browser.device,
    screen: rnd.pick(SCREENS[browser.device]),
    language: rnd.chance(0.9) ? place.language : 'en-US',
    country: place.country,
    // About a quarter come back, most of them once or twice.
    returnsLeft: rnd.chance(0.27) ? 1 + Math.min(5, Math.floor(rnd.exp(0.9))) : 0,
    sessions: 0,
    firstTouch: undefined,
    known: false,
    contact: undefined,
  };
}

/** The snippet's requests for a visit's events, each within enrich()'s trusted backdating. */
export function payloadsOf(
  siteId: string,
  visitor: Visitor,
  sessionId: string,
  tracked: TrackedEvent[],
): CollectPayload[] {
  const payloads: CollectPayload[] = [];
  let from = 0;
  for (let i = 1; i <= tracked.length; i++) {
    const first = tracked[from] as TrackedEvent;
    const next = tracked[i];
    if (next && i - from < MAX_REQUEST_EVENTS && (next.ts ?? 0) - (first.ts ?? 0) <= MAX_REQUEST_SPAN) continue;
    payloads.push({
      site: siteId,
      visitorId: visitor.id,
      sessionId,
      screen: visitor.screen,
      language: visitor.language,
      events: tracked.slice(from, i),
    });
    from = i;
  }
  return payloads;
}

const receivedAt = (payload: CollectPayload) => payload.events[payload.events.length - 1]?.ts ?? 0;

/**
 * One visit of a visitor, written to the sink. Returns the time of its last event, or
 * undefined when the visit would still be going on at `now` (it is then not written).
 */
export function emitVisit(
  rnd: Random,
  siteId: string,
  now: number,
  visitor: Visitor,
  at: number,
  sink: BatchSink,
  tally: Tally,
  robot?: RobotWorld,
): number | undefined {
  const returning = visitor.sessions > 0;
  const source = returning && rnd.chance(0.5) ? DIRECT : pickSource[marketOf(visitor.country)](rnd);
  const plan = planVisit(rnd, visitor, source, rnd.pick(source.landings), at, robot);
  const timeline = layOut(rnd, visitor, plan, at);
  const sessionId = rnd.trackerId(at);
  if (timeline.end >= now) return undefined;

  let landing: EventRow | undefined;
  for (const payload of payloadsOf(siteId, visitor, sessionId, timeline.tracked)) {
    const ctx = { ip: visitor.ip, userAgent: visitor.ua, receivedAt: receivedAt(payload) };
    sink.onRequest?.(payload, ctx);
    const rows = enrich(payload, ctx);
    for (const row of rows.events) {
      // enrich() mints random event ids; the history must be the same for the same seed.
      row.event_id = rnd.uuid();
      landing ??= row;
      sink.add(TABLES.events, row);
    }
    for (const identity of rows.identities) sink.add(TABLES.identities, identity);
    for (const order of rows.orders) {
      // The shop confirms payment right after the snippet reports the order.
      order.status = 'paid';
      sink.add(TABLES.orders, order);
    }
    tally.events += rows.events.length;
    tally.orders += rows.orders.length;
  }
  if (!landing) throw new Error(`demo visitor ${visitor.id} resolved as a bot (${visitor.ua})`);

  const first = (visitor.firstTouch ??= touchOf(landing));
  const callbackRequests: EventRow[] = [];
  for (const c of timeline.conversation) {
    const row = conversationRow(landing, plan.pages[c.page] as PlannedPage, c, rnd.uuid());
    sink.add(TABLES.events, row);
    if (row.type === 'callback_request') callbackRequests.push(row);
  }
  tally.events += timeline.conversation.length;
  for (const m of timeline.messages) {
    sink.add(TABLES.chatMessages, messageRow(siteId, visitor.id, m));
    // Hot words, segmented as the live pipeline does when it stores a visitor's message.
    const terms =
      m.sender === 'visitor'
        ? visitorTermsRow(landing, { messageId: m.message_id, chatId: m.chat_id, kind: 'chat', text: m.body, at: m.ts })
        : null;
    if (terms) sink.add(TABLES.visitorTerms, terms);
  }
  if (timeline.lead) {
    sink.add(TABLES.leads, leadRow(rnd, landing, first, timeline.lead, now));
    const l = timeline.lead;
    const offline =
      l.source === 'offline' && l.message
        ? visitorTermsRow(landing, {
            messageId: `o_${l.lead_id}`,
            chatId: '',
            kind: 'offline',
            text: l.message,
            at: l.at,
          })
        : null;
    if (offline) sink.add(TABLES.visitorTerms, offline);
    visitor.known = true;
    visitor.leadId = l.lead_id;
    tally.leads++;
  }
  if (callbackRequests.length > 0) {
    const worked = workDemoCallbacks(
      callbackRequests,
      {
        leadId: visitor.leadId ?? '',
        name: visitor.contact?.name ?? '',
        phone: visitor.contact?.phone ?? '',
        ownerId: timeline.lead?.owner_id ?? '',
      },
      now,
    );
    for (const row of worked.rows) sink.add(TABLES.callbacks, row);
    for (const e of worked.events) sink.add(TABLES.events, e);
    tally.events += worked.events.length;
  }
  tally.chats += timeline.chats;
  tally.sessions++;
  if (visitor.sessions === 0) tally.visitors++;
  visitor.sessions++;
  return timeline.end;
}

/** A crawler: page views a few seconds apart, no engagement; enrich() files them as bot rows. */
export function emitBotVisit(rnd: Random, siteId: string, now: number, at: number, sink: BatchSink): void {
  const ua = rnd.pick(BOT_AGENTS);
  const ip = rnd.pick(pickPlace(rnd).ips);
  const pages = 1 + Math.floor(rnd.exp(4));
  const events: TrackedEvent[] = [];
  let t = at;
  for (let i = 0; i < pages; i++, t += 1_000 + Math.floor(rnd.next() * 9_000)) {
    events.push({ type: 'pageview', url: SHOP_ORIGIN + rnd.pick(BOT_PATHS), referrer: '', title: '', ts: t });
  }
  const last = events[events.length - 1]?.ts ?? at;
  if (last >= now) return;
  const payload: CollectPayload = { site: siteId, visitorId: rnd.trackerId(at), sessionId: rnd.trackerId(at), events };
  const ctx = { ip, userAgent: ua, receivedAt: last };
  sink.onRequest?.(payload, ctx);
  for (const row of enrich(payload, ctx).bots) sink.add(TABLES.botEvents, row);
}
