import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, splitStatements } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { getConversionFunnel } from './conversion-funnel.ts';
import { reportScope } from './fragments/report-scope.ts';
import { conversionSource } from './fragments/visitor-conversion.ts';
import { testStore } from '../testing/test-store.ts';

// Robot chats in the consult-to-order funnel and the chat history (issue 16): who served
// each chat, counted by hand from the fixture below (comments), not by the code under test.
const ch = testStore();
const SITE = 'served-funnel';
const DAY = Date.UTC(2026, 10, 10);
const WINDOW = 7 * 86_400_000;
const rows: EventRow[] = [];

function ev(visitor: string, minute: number, type: string, over: Partial<EventRow> = {}) {
  rows.push(
    blankEvent({
      site_id: SITE,
      ts: DAY + minute * 60_000,
      event_id: randomUUID(),
      type,
      visitor_id: visitor,
      session_id: `${visitor}-s`,
      ...over,
    }),
  );
}
function visit(visitor: string, minute: number) {
  ev(visitor, minute, 'pageview', { path: '/' });
  ev(visitor, minute + 1, 'pageview', { path: '/shop' });
}
const chat = (v: string, minute: number, robot: boolean) => {
  ev(v, minute, 'chat_requested', { chat_id: `c-${v}`, props: { origin: 'visitor' } });
  ev(v, minute, 'chat_started', {
    chat_id: `c-${v}`,
    agent_id: robot ? 'robot' : 'u-agent',
    props: robot ? { origin: 'visitor', robot: '1' } : { origin: 'visitor' },
  });
};
const handover = (v: string, minute: number, outcome: 'queued' | 'offline') => {
  ev(v, minute, 'chat_handover', { chat_id: `c-${v}`, agent_id: 'robot', props: { outcome } });
  if (outcome === 'queued') ev(v, minute + 1, 'chat_started', { chat_id: `c-${v}`, agent_id: 'u-agent' });
};
const lead = (v: string, minute: number) => ev(v, minute, 'lead_created', { chat_id: `c-${v}`, lead_id: `l-${v}` });
const order = (v: string, minute: number) =>
  ev(v, minute, 'order', { order_id: `o-${v}`, revenue: 100, currency: 'EUR' });

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Served', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  for (const v of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']) visit(v, 10);
  // p1: the robot alone, a lead, an order an hour later → robot 1 / 1 / 1.
  chat('p1', 20, true);
  lead('p1', 25);
  order('p1', 80);
  // p2: the robot, then a person took it; a lead → handed over 1 / 1 / 0.
  chat('p2', 20, true);
  handover('p2', 22, 'queued');
  lead('p2', 30);
  // p3: a person from the start; an order → person 1 / 0 / 1.
  chat('p3', 20, false);
  order('p3', 40);
  // p4: a person from the start, nothing more → person 2 / 0 / 1.
  chat('p4', 20, false);
  // p5: the robot alone, nothing more → robot 2 / 1 / 1.
  chat('p5', 20, true);
  // p6: no chat, an order: not in any of the three.
  order('p6', 30);
  // p7: the robot; a person asked for while nobody was online, the offline form's lead →
  // handed over 2 / 2 / 0.
  chat('p7', 20, true);
  handover('p7', 21, 'offline');
  lead('p7', 23);
  await ch.insert({ table: TABLES.events, values: rows, format: 'JSONEachRow' });
}, 60_000);
afterAll(() => ch.close());

const EXPECTED = {
  robot: { chatted: 2, leads: 1, ordered: 1 },
  handedOver: { chatted: 2, leads: 2, ordered: 0 },
  person: { chatted: 2, leads: 0, ordered: 1 },
};

const caller = (role: SessionUser['role']) =>
  appRouter.createCaller({
    ch,
    user: { id: `u-${role}`, email: `${role}@example.com`, name: role, role, siteIds: [SITE] },
    token: null,
    ip: '10.0.0.1',
    resHeaders: new Headers(),
  });
const range = { preset: 'custom' as const, from: '2026-11-01', to: '2026-11-30' };

describe('who served the chat', () => {
  it('splits the funnel’s chats into robot alone, handed over and a person, from the rollup and the events', async () => {
    const scope = reportScope(SITE, Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1), {});
    expect(conversionSource(scope)).toBe('rollup');
    expect((await getConversionFunnel(ch, scope, WINDOW)).served).toEqual(EXPECTED);
    const events = { ...scope, sessionFiltered: true };
    expect((await getConversionFunnel(ch, events, WINDOW)).served).toEqual(EXPECTED);
    const report = await caller('manager').conversion.funnel({ siteId: SITE, range, windowDays: 7 });
    expect(report.current.served).toEqual(EXPECTED);
  });

  it('finds handovers stored before the rollup knew them (migration 0023)', async () => {
    // The view as 0015 made it, without the handover bit: p8's handover reaches `events` only.
    const old = splitStatements(
      readFileSync(new URL('../../clickhouse/migrations/0015_name_sources.sql', import.meta.url), 'utf8'),
    );
    await ch.command({ query: 'DROP VIEW IF EXISTS conversion_quarters_mv' });
    await ch.command({ query: old.find((q) => q.startsWith('CREATE MATERIALIZED VIEW')) ?? '' });
    rows.length = 0;
    visit('p8', 200);
    chat('p8', 210, true);
    handover('p8', 211, 'queued');
    await ch.insert({ table: TABLES.events, values: rows, format: 'JSONEachRow' });
    const scope = reportScope(SITE, Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1), {});
    // Without the backfill p8 reads as the robot alone.
    expect((await getConversionFunnel(ch, scope, WINDOW)).served.robot.chatted).toBe(3);
    await ch.command({
      query: `ALTER TABLE ${TABLES.migrations} DELETE WHERE version = 23 SETTINGS mutations_sync = 1`,
    });
    expect(await migrate(ch)).toEqual(['0023_flag_robot_handover']);
    const handedOver = { chatted: 3, leads: 2, ordered: 0 };
    expect((await getConversionFunnel(ch, scope, WINDOW)).served).toEqual({ ...EXPECTED, handedOver });
    expect((await getConversionFunnel(ch, { ...scope, sessionFiltered: true }, WINDOW)).served.handedOver).toEqual(
      handedOver,
    );
  });

  it('filters the chat history by who served', async () => {
    const list = async (robot: 'robot' | 'robot_alone' | 'handed_over' | 'person') =>
      (await caller('manager').chatHistory.list({ siteId: SITE, range, robot, pageSize: 50 })).rows
        .map((r) => [r.chatId, r.served])
        .sort();
    expect(await list('robot_alone')).toEqual([
      ['c-p1', 'robot'],
      ['c-p5', 'robot'],
    ]);
    expect(await list('handed_over')).toEqual([
      ['c-p2', 'handed_over'],
      ['c-p7', 'handed_over'],
      ['c-p8', 'handed_over'],
    ]);
    expect(await list('person')).toEqual([
      ['c-p3', 'person'],
      ['c-p4', 'person'],
    ]);
    expect((await list('robot')).map(([id]) => id)).toEqual(['c-p1', 'c-p2', 'c-p5', 'c-p7', 'c-p8']);
  });
});
