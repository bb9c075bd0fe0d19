import type { EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { InsertFn } from '../ingest/batch-writer.ts';
import { enrich } from '../ingest/enrich.ts';
import { parseUserAgent } from '../ingest/user-agent.ts';
import type { CollectPayload } from '../ingest/payload.ts';
import { conversationFor, type ConversationRows, type Touch } from './conversation.ts';
import { BOT_AGENTS, HOUR_WEIGHTS, PAGES, PLACES, SOURCES, USER_AGENTS, WEEKDAY_WEIGHTS } from './demo-world.ts';
import { createRandom, type Random } from './random.ts';

export interface GenerateOptions {
  siteId: string;
  /** Roughly how many rows to write into the events table (stops at the first visitor past it). */
  events: number;
  days?: number;
  now?: number;
  seed?: number;
  insert: InsertFn;
  batchRows?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  events: number;
  visitors: number;
  sessions: number;
  leads: number;
  orders: number;
  chats: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR; // the demo site's time zone has no DST
const SCREENS: Record<string, string[]> = { desktop: ['1920x1080', '1440x900', '2560x1440'], mobile: ['390x844', '412x915'], tablet: ['820x1180'] };

/**
 * Demo history through the real enrichment: tracked events are built as the snippet's
 * payloads and passed through enrich() with a historical receive time, so they carry
 * exactly what live traffic carries; the conversation side is added as rows.
 */
export async function generateHistory(opts: GenerateOptions): Promise<GenerateSummary> {
  const rnd = createRandom(opts.seed ?? 1);
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 90;
  const batchRows = opts.batchRows ?? 20_000;
  const summary: GenerateSummary = { events: 0, visitors: 0, sessions: 0, leads: 0, orders: 0, chats: 0 };
  let buffer = emptyBuffer();
  let bots: { length: number; rows: object[] } = { length: 0, rows: [] };

  // Generation and insertion overlap: the next batch is built while the engine (on its
  // own thread) inserts the previous one; at most one insert is in flight.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = buffer;
    const botBatch = bots;
    buffer = emptyBuffer();
    bots = { length: 0, rows: [] };
    await inFlight;
    inFlight = (async () => {
      for (const [table, rows] of [
        [TABLES.events, batch.events],
        [TABLES.leads, batch.leads],
        [TABLES.orders, batch.orders],
        [TABLES.chatMessages, batch.chatMessages],
        [TABLES.identities, batch.identities],
        [TABLES.botEvents, botBatch.rows],
      ] as const) {
        if (rows.length > 0) await opts.insert(table, rows);
      }
      opts.onProgress?.(Math.min(summary.events, opts.events), opts.events);
    })();
  };

  while (summary.events < opts.events) {
    const before = buffer.events.length;
    visitor(rnd, opts.siteId, now, days, buffer, bots.rows, summary);
    summary.events += buffer.events.length - before;
    if (buffer.events.length >= batchRows) await flush();
  }
  await flush();
  await inFlight;
  return summary;
}

function emptyBuffer(): ConversationRows {
  return { events: [], leads: [], orders: [], chatMessages: [], identities: [] };
}

/** Picks a moment in the window, following the weekday and hour-of-day rhythm in Shanghai time. */
function sampleTime(rnd: Random, now: number, days: number): number {
  for (;;) {
    const t = now - rnd.next() * days * DAY;
    const local = new Date(t + SHANGHAI);
    const weight = (HOUR_WEIGHTS[local.getUTCHours()] ?? 1) * (WEEKDAY_WEIGHTS[local.getUTCDay()] ?? 1);
    if (rnd.next() * 6.5 * 1.1 < weight) return Math.round(t);
  }
}

function visitor(rnd: Random, siteId: string, now: number, days: number, out: ConversationRows, botRows: object[], summary: GenerateSummary): void {
  const place = rnd.weighted(PLACES);
  const ip = rnd.pick(place.ips);
  const isBot = rnd.chance(0.03);
  const ua = isBot ? rnd.pick(BOT_AGENTS) : rnd.weighted(USER_AGENTS).ua;
  const visitorId = rnd.id('v');
  const screen = rnd.pick(SCREENS[parseUserAgent(ua).device] ?? SCREENS.desktop!);
  const visits = rnd.chance(0.25) ? rnd.int(2, 5) : 1;
  let start = sampleTime(rnd, now - HOUR, days);
  let firstTouch: Touch | null = null;
  summary.visitors += isBot ? 0 : 1;

  for (let visit = 0; visit < visits && start < now - 5 * 60_000; visit++) {
    const source = visit > 0 && rnd.chance(0.6) ? SOURCES[0]! : rnd.weighted(SOURCES);
    const pages = rnd.chance(0.4) ? 1 : Math.min(8, 2 + Math.floor(-Math.log(1 - rnd.next()) * 2));
    const payload: CollectPayload = { site: siteId, visitorId, sessionId: rnd.id('s'), screen, language: place.country === 'CN' ? 'zh-CN' : 'en-US', events: [] };
    let t = start;
    let previous = source.referrer;
    for (let p = 0; p < pages; p++) {
      const page = p === 0 && source.query ? rnd.pick(PAGES.slice(0, 7)) : rnd.weighted(PAGES);
      const url = `https://shop.example${page.path}${p === 0 && source.query ? `?${source.query}` : ''}`;
      payload.events.push({ type: 'pageview', url, referrer: previous, title: page.title, ts: t });
      const engaged = Math.round(Math.min(900_000, 4_000 + -Math.log(1 - rnd.next()) * 45_000));
      t += engaged;
      payload.events.push({ type: 'engagement', url, engagedMs: engaged, ts: t });
      previous = url;
      t += rnd.int(500, 4_000);
    }
    const rows = enrich(payload, { ip, userAgent: ua, receivedAt: t });
    if (rows.bots.length > 0) {
      botRows.push(...rows.bots);
    } else {
      const landing = rows.events[0] as EventRow;
      out.events.push(...rows.events);
      firstTouch ??= { referrer_domain: landing.referrer_domain, utm_source: landing.utm_source, utm_medium: landing.utm_medium, utm_campaign: landing.utm_campaign, path: landing.path };
      const result = conversationFor(rnd, landing, t, pages, firstTouch, out);
      summary.sessions += 1;
      summary.chats += result.chatted ? 1 : 0;
      summary.leads += result.lead ? 1 : 0;
      summary.orders += result.order ? 1 : 0;
    }
    start = Math.round(t + rnd.int(1, 20) * DAY * rnd.next() + 2 * HOUR);
  }
}
