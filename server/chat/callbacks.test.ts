import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { migrate } from '../../clickhouse/migrate.ts';
import type { CallbackRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import { createSession } from '../auth/session-store.ts';
import { saveUser } from '../auth/user-service.ts';
import { saveSite } from '../sites/site-service.ts';
import type { ServerToAgent } from '../contract/channels.ts';
import { trpc, trpcOverHttp } from '../testing/dashboard-harness.ts';
import { listen } from '../testing/http.ts';
import { agentSocket, hello, pageview, visitorSocket } from '../testing/realtime-harness.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { chatEvent } from './chat-events.ts';
import { testStore } from '../testing/test-store.ts';

// server/env.ts reads the environment once, at import: set the SIP domain before any import runs.
vi.hoisted(() => {
  process.env['SIP_DOMAIN'] = 'pbx.example.com';
});

// The callback queue end to end: a visitor's request over the real visitor socket, the
// queue, claims and outcomes over real HTTP tRPC, the overdue alert over the agent socket,
// and a journaled change left by a crash stored at the next start.
const SITE = 'callback-site';
const FIXTURE_SITE = 'callback-fixture';
const MIN = 60_000;
let ch: ClickHouseClient;
let app: App;
let base: string;
let journalDir: string;
const tokens = { ann: '', bob: '', marketer: '', manager: '' };
const ids = { ann: '', bob: '' };
/** Sessions of more agents, for a claim race wide enough to show itself without the per-site turns. */
const crowd: string[] = [];

async function start() {
  app = await createApp({
    ch,
    trustProxy: true,
    flushMs: 2,
    journalDir,
    next: trpcOverHttp(ch),
    realtime: { callbackTickMs: 100 },
  });
  base = await listen(app.server);
}

beforeAll(async () => {
  ch = testStore();
  await migrate(ch);
  for (const id of [SITE, FIXTURE_SITE])
    await saveSite(ch, { id, name: id, domains: ['shop.example'], timeZone: 'Asia/Shanghai', respectDnt: false });
  const user = (email: string, name: string, role: 'agent' | 'marketer' | 'manager') =>
    saveUser(ch, { email, name, role, siteIds: [SITE, FIXTURE_SITE], password: 'long-enough-password' });
  const ann = await user('ann@example.com', 'Ann', 'agent');
  const bob = await user('bob@example.com', 'Bob', 'agent');
  const marketer = await user('mia@example.com', 'Mia', 'marketer');
  ids.ann = ann.id;
  ids.bob = bob.id;
  tokens.ann = (await createSession(ch, ann.id)).token;
  tokens.bob = (await createSession(ch, bob.id)).token;
  tokens.marketer = (await createSession(ch, marketer.id)).token;
  tokens.manager = (await createSession(ch, (await user('max@example.com', 'Max', 'manager')).id)).token;
  for (let i = 0; i < 8; i++)
    crowd.push((await createSession(ch, (await user(`agent${i}@example.com`, `Agent ${i}`, 'agent')).id)).token);
  journalDir = tempDir('journal');
  await start();
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

const call = (path: string, input: object, cookie: string, query = false) =>
  trpc(base, path, { siteId: SITE, ...input }, { cookie, query });
type ListRow = {
  callbackId: string;
  name: string;
  phone: string;
  dueAt: number;
  claimedBy: string;
  outcome: string;
  attempts: number;
  tel: string;
  sip: string;
};
type ListAnswer = { total: number; counts: Record<string, number>; rows: ListRow[] };
const list = async (tab: string, site = SITE, extra: object = {}) => {
  const r = await trpc(
    base,
    'callback.list',
    { siteId: site, tab, sort: 'dueAt', order: 'asc', ...extra },
    { cookie: tokens.ann, query: true },
  );
  expect(r.status).toBe(200);
  return r.json.result?.data as ListAnswer;
};

function fixtureRow(id: string, dueIn: number, over: Partial<CallbackRow> = {}): CallbackRow {
  const now = Date.now();
  return {
    site_id: FIXTURE_SITE,
    callback_id: id,
    visitor_id: `v-${id}`,
    lead_id: '',
    name: id,
    phone: '+86 138 0013 8000',
    requested_at: now - 3 * 60 * MIN,
    preferred_at: now + dueIn,
    due_at: now + dueIn,
    state: 'open',
    claimed_by: '',
    claimed_at: 0,
    outcome: '',
    attempts: 0,
    version: 1,
    updated_at: now - 3 * 60 * MIN,
    ...over,
  };
}

describe('callback queue', () => {
  it('sorts a fixture into due now, later and done, and counts the overdue ones', async () => {
    // Due now: open and due within 15 minutes or past. Overdue: open, 15+ minutes past.
    const rows = [
      fixtureRow('a-overdue', -60 * MIN),
      fixtureRow('b-overdue-claimed', -40 * MIN, { claimed_by: 'someone', claimed_at: Date.now() - MIN }),
      fixtureRow('c-due-late', -5 * MIN),
      fixtureRow('d-due-soon', 10 * MIN),
      fixtureRow('e-later', 2 * 60 * MIN),
      fixtureRow('f-later', 26 * 60 * MIN),
      fixtureRow('g-done', -120 * MIN, { state: 'done', outcome: 'reached', attempts: 1 }),
      // An old version of a finished one: only the newest counts.
      fixtureRow('h-done', -90 * MIN, { state: 'open', version: 1 }),
      fixtureRow('h-done', -90 * MIN, { state: 'done', outcome: 'wrong_number', attempts: 1, version: 2 }),
    ];
    await ch.insert({ table: TABLES.callbacks, values: rows, format: 'JSONEachRow' });
    const due = await list('due', FIXTURE_SITE);
    expect(due.counts).toEqual({ due: 4, later: 2, done: 2 });
    expect(due.rows.map((r) => r.callbackId)).toEqual(['a-overdue', 'b-overdue-claimed', 'c-due-late', 'd-due-soon']);
    expect((await list('later', FIXTURE_SITE)).rows.map((r) => r.callbackId)).toEqual(['e-later', 'f-later']);
    expect((await list('done', FIXTURE_SITE)).rows.map((r) => [r.callbackId, r.outcome])).toEqual([
      ['g-done', 'reached'],
      ['h-done', 'wrong_number'],
    ]);
    // Pages: two of four, then the rest; the count stays the tab's.
    const page2 = await list('due', FIXTURE_SITE, { page: 2, pageSize: 2 });
    expect([page2.total, page2.rows.map((r) => r.callbackId)]).toEqual([4, ['c-due-late', 'd-due-soon']]);
    // The number dials as typed, without spaces; the SIP URI names the configured domain.
    expect([due.rows[0]?.tel, due.rows[0]?.sip]).toEqual(['tel:+8613800138000', 'sip:+8613800138000@pbx.example.com']);
    // Overdue and unclaimed: a-overdue only (b is claimed, c is 5 minutes late).
    const agent = await agentSocket(base, tokens.ann, FIXTURE_SITE);
    await expect.poll(() => lastOverdue(agent.events), { timeout: 20_000 }).toBe(1);
    agent.ws.close();
  });

  it('takes a visitor callback request into the queue at the time they picked', async () => {
    await pageview(base, SITE, 'visitor-1', '/pricing', 'Pricing');
    const v = await visitorSocket(base);
    const got: { type: string }[] = [];
    v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as { type: string }));
    v.send(hello(SITE, 'visitor-1'));
    await expect.poll(() => got.some((m) => m.type === 'welcome'), { timeout: 20_000 }).toBe(true);
    const at = new Date(Date.now() - 30 * MIN).toISOString();
    v.send({ type: 'callback.request', name: 'Li Na', phone: '139 0000 0000', at });
    await expect
      .poll(async () => (await list('due')).rows.map((r) => [r.name, r.phone, r.dueAt]), { timeout: 20_000 })
      .toEqual([['Li Na', '139 0000 0000', Date.parse(at)]]);
    v.ws.close();
  });

  it('lets one of two agents claiming at once win, and works the callback to an outcome', async () => {
    const [item] = (await list('due')).rows;
    const callbackId = item?.callbackId ?? '';
    const ann = await agentSocket(base, tokens.ann, SITE);
    await expect.poll(() => lastOverdue(ann.events), { timeout: 20_000 }).toBe(1);

    const [a, b] = await Promise.all([
      call('callback.claim', { callbackId }, tokens.ann),
      call('callback.claim', { callbackId }, tokens.bob),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'ann' : 'bob';
    const loser = winner === 'ann' ? 'bob' : 'ann';
    // Claimed: no longer an alert, and the screens are told to read the queue again.
    await expect.poll(() => lastOverdue(ann.events), { timeout: 20_000 }).toBe(0);
    expect(ann.events.some((e) => e.type === 'callback.changed')).toBe(true);
    expect((await list('due')).rows[0]?.claimedBy).toBe(ids[winner]);

    // Only the claimer records; a time in the past is refused.
    expect((await call('callback.record', { callbackId, result: { outcome: 'reached' } }, tokens[loser])).status).toBe(
      409,
    );
    const past = new Date(Date.now() - MIN).toISOString();
    expect(
      (await call('callback.record', { callbackId, result: { outcome: 'call_again', at: past } }, tokens[winner]))
        .status,
    ).toBe(400);

    const again = new Date(Date.now() + 3 * 60 * MIN).toISOString();
    const r1 = await call(
      'callback.record',
      { callbackId, result: { outcome: 'call_again', at: again } },
      tokens[winner],
    );
    expect(r1.status).toBe(200);
    // Back in the queue, later, for anyone.
    const later = await list('later');
    expect(later.rows.map((r) => [r.callbackId, r.dueAt, r.claimedBy, r.attempts])).toEqual([
      [callbackId, Date.parse(again), '', 1],
    ]);

    expect((await call('callback.claim', { callbackId }, tokens[loser])).status).toBe(200);
    expect((await call('callback.record', { callbackId, result: { outcome: 'reached' } }, tokens[loser])).status).toBe(
      200,
    );
    const done = await list('done');
    expect(done.rows.map((r) => [r.callbackId, r.outcome, r.attempts])).toEqual([[callbackId, 'reached', 2]]);
    // Done is done.
    expect((await call('callback.claim', { callbackId }, tokens[winner])).status).toBe(409);
    ann.ws.close();

    // The agents report: each agent one claim and one outcome (agents themselves read no reports).
    const report = (cookie: string) =>
      trpc(base, 'callback.outcomes', { siteId: SITE, range: { preset: 'today' } }, { cookie, query: true });
    expect((await report(tokens.ann)).status).toBe(403);
    const byAgent = (await report(tokens.manager)).json.result?.data as {
      agentId: string;
      claimed: number;
      worked: number;
      reached: number;
      callAgain: number;
    }[];
    expect(byAgent.map((r) => [r.agentId, r.claimed, r.worked, r.reached, r.callAgain]).sort()).toEqual(
      [
        [ids[winner], 1, 1, 0, 1],
        [ids[loser], 1, 1, 1, 0],
      ].sort(),
    );
    const counted = await ch.query({
      query: `SELECT agent_id, type, props['outcome'] AS outcome FROM ${TABLES.events}
              WHERE site_id = {s:String} AND type IN ('callback_claimed', 'callback_outcome') ORDER BY ts`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect(await counted.json()).toEqual([
      { agent_id: ids[winner], type: 'callback_claimed', outcome: '' },
      { agent_id: ids[winner], type: 'callback_outcome', outcome: 'call_again' },
      { agent_id: ids[loser], type: 'callback_claimed', outcome: '' },
      { agent_id: ids[loser], type: 'callback_outcome', outcome: 'reached' },
    ]);
    // The lead's drawer shows the steps in order.
    const history = await call('callback.history', { visitorIds: ['visitor-1'] }, tokens.ann, true);
    const steps = (history.json.result?.data as { steps: { kind: string; outcome: string }[] }).steps;
    expect(steps.map((s) => `${s.kind}:${s.outcome}`)).toEqual([
      'requested:',
      'claimed:',
      'outcome:call_again',
      'claimed:',
      'outcome:reached',
    ]);
  });

  it('gives a callback to exactly one of eight agents claiming it at once', async () => {
    await ch.insert({
      table: TABLES.callbacks,
      values: [fixtureRow('raced', -MIN, { site_id: SITE })],
      format: 'JSONEachRow',
    });
    const answers = await Promise.all(crowd.map((cookie) => call('callback.claim', { callbackId: 'raced' }, cookie)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const claims = await ch.query({
      query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'callback_claimed' AND props['callback_id'] = 'raced'`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect(await claims.json()).toEqual([{ n: 1 }]);
  });

  it('refuses bad input with a 4xx and a short reason', async () => {
    const cases: [string, object, string, number][] = [
      ['callback.claim', { callbackId: 'no-such' }, tokens.ann, 404],
      ['callback.claim', { callbackId: '' }, tokens.ann, 400],
      ['callback.record', { callbackId: 'a', result: { outcome: 'maybe' } }, tokens.ann, 400],
      ['callback.record', { callbackId: 'a', result: { outcome: 'call_again' } }, tokens.ann, 400],
      ['callback.record', { callbackId: 'a', result: { outcome: 'call_again', at: 'tomorrow' } }, tokens.ann, 400],
      ['callback.claim', { callbackId: 'a-overdue' }, tokens.marketer, 403],
      ['callback.release', { callbackId: 'no-such' }, tokens.ann, 404],
    ];
    for (const [path, input, token, status] of cases) {
      const r = await call(path, input, token);
      expect([path, JSON.stringify(input), r.status]).toEqual([path, JSON.stringify(input), status]);
      expect(r.json.error?.message.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('stores at the next start a claim journaled before a crash, once', async () => {
    await ch.insert({
      table: TABLES.callbacks,
      values: [fixtureRow('crashed', -MIN, { site_id: SITE })],
      format: 'JSONEachRow',
    });
    await app.close();
    // What a kill -9 right after the journal write leaves: the step file, nothing stored.
    const row = {
      ...fixtureRow('crashed', -MIN, { site_id: SITE }),
      claimed_by: ids.ann,
      claimed_at: Date.now(),
      version: 2,
    };
    const event = chatEvent(
      {
        siteId: SITE,
        visitorId: row.visitor_id,
        sessionId: '',
        type: 'callback_claimed',
        at: Date.now(),
        agentId: ids.ann,
        props: { callback_id: 'crashed' },
      },
      null,
    );
    const file = join(journalDir, 'callbacks', '0000crash-000000001.json');
    writeFileSync(file, JSON.stringify({ row, event }));
    await start();
    const claimed = (await list('due')).rows.find((r) => r.callbackId === 'crashed');
    expect(claimed?.claimedBy).toBe(ids.ann);
    // Replayed again (a crash after storing, before removing the file): the event is not doubled.
    writeFileSync(file, JSON.stringify({ row, event }));
    await app.close();
    await start();
    const n = await ch.query({
      query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'callback_claimed' AND props['callback_id'] = 'crashed'`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect(await n.json()).toEqual([{ n: 1 }]);
  });
});

function lastOverdue(events: ServerToAgent[]): number | undefined {
  return events.flatMap((e) => (e.type === 'callback.overdue' ? [e.count] : [])).at(-1);
}
