import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../clickhouse/tables.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { listVisitors } from '../queries/list-visitors.ts';
import { getPerson } from '../queries/visitor-people.ts';
import type { ServerToVisitor } from '../contract/channels.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import { loadVisitorProfile } from '../reports/visitor-profile.ts';

// Returning-visitor recognition: every contact a visitor leaves in the widget identifies them
// as the snippet's identify does. The real app, real sockets, the embedded store.
const SITE = 'recognition-shop';
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness([SITE], {
    heartbeatTimeoutMs: 5_000,
    graceMs: 300,
    eventTtlMs: 1_000,
    tickMs: 50,
    pingMs: 1_000,
  });
});
afterAll(async () => {
  await h.close();
});

/** A visitor page of session `session` from `ip`: its socket and what it was sent. */
async function visitor(visitorId: string, session: string, ip: string) {
  const sessionId = `${visitorId}-${session}`;
  await pageview(h.base, SITE, visitorId, '/pricing', 'Pricing', { ip, sessionId });
  const v = await visitorSocket(h.base, { ip });
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(SITE, visitorId, 'https://shop.example/pricing'), sessionId });
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  return { ...v, got };
}

async function storedLeads() {
  const r = await h.ch.query({
    query: `SELECT lead_id, source, name, email, notes FROM ${TABLES.leads} FINAL WHERE site_id = {s:String}`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  return r.json<{ lead_id: string; source: string; name: string; email: string; notes: string }>();
}

async function leadEvents(): Promise<number> {
  const r = await h.ch.query({
    query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND type = 'lead_created'`,
    query_params: { s: SITE },
    format: 'JSONEachRow',
  });
  const [row] = await r.json<{ n: string }>();
  return Number(row?.n);
}

describe('returning-visitor recognition', () => {
  it('a pre-chat form in one browser and an offline message with the same email in another make one known person, with one lead', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    const a = await visitor('rec-browser-a', 's1', '81.2.69.142');
    a.send({
      type: 'chat.request',
      name: 'Zhang Min',
      email: 'Zhang.Min@Example.com',
      question: 'Do you ship to Guangzhou?',
    });
    // Named on Live by the form, not "Anonymous".
    await expect.poll(() => agent.visitors().get('rec-browser-a')?.name, { timeout: 10_000 }).toBe('Zhang Min');

    const b = await visitor('rec-browser-b', 's1', '202.96.134.133');
    b.send({ type: 'offline.message', email: 'zhang.min@example.com', message: 'Still waiting for the price' });
    await expect.poll(() => b.got.some((m) => m.type === 'offline.ok')).toBe(true);
    // The email joins browser A's person, whose name Live then shows.
    await expect.poll(() => agent.visitors().get('rec-browser-b')?.name, { timeout: 10_000 }).toBe('Zhang Min');

    // One person across both browsers, whichever id is asked.
    await expect
      .poll(async () => (await getPerson(h.ch, SITE, 'rec-browser-b')).visitorIds, { timeout: 10_000 })
      .toEqual(['rec-browser-b', 'rec-browser-a']);
    expect(await getPerson(h.ch, SITE, 'rec-browser-a')).toEqual({
      visitorIds: ['rec-browser-a', 'rec-browser-b'],
      name: 'Zhang Min',
      email: 'zhang.min@example.com',
      phone: '',
    });
    expect((await loadVisitorProfile(h.ch, SITE, 'rec-browser-b')).person.name).toBe('Zhang Min');

    // Visitors search by the email finds both ids; the form's id carries the name.
    const range = resolveRange({ preset: '7d' }, 'UTC', Date.now());
    const found = await listVisitors(h.ch, reportScope(SITE, range.from, range.to, {}), {
      search: 'ZHANG.MIN@example.com',
      sort: 'lastSeen',
      order: 'desc',
      offset: 0,
      limit: 10,
    });
    expect(found.rows.map((r) => [r.visitorId, r.name, r.email]).sort()).toEqual([
      ['rec-browser-a', 'Zhang Min', 'zhang.min@example.com'],
      ['rec-browser-b', '', 'zhang.min@example.com'],
    ]);

    // The offline message joined the pre-chat lead: one lead, one lead_created event, a note of the capture.
    await expect
      .poll(async () => (await storedLeads()).map((l) => l.notes), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/ UTC · offline: zhang\.min@example\.com · Still waiting for the price$/)]);
    const [lead] = await storedLeads();
    expect(lead).toMatchObject({ source: 'prechat', name: 'Zhang Min', email: 'zhang.min@example.com' });
    expect(await leadEvents()).toBe(1);
    a.ws.close();
    b.ws.close();
    agent.ws.close();
  });

  it('a known visitor coming back (a new session, either browser) is named on Live from the store', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    // Both left after the first test: wait until Live has forgotten them.
    await expect.poll(() => agent.visitors().size, { timeout: 10_000 }).toBe(0);
    await visitor('rec-browser-a', 's2', '81.2.69.142');
    await expect
      .poll(() => agent.visitors().get('rec-browser-a'), { timeout: 10_000 })
      .toMatchObject({ name: 'Zhang Min', visitNumber: 2 });
    // The second browser gave only the email; it is the same person, known by her name.
    await visitor('rec-browser-b', 's2', '202.96.134.133');
    await expect
      .poll(() => agent.visitors().get('rec-browser-b'), { timeout: 10_000 })
      .toMatchObject({ name: 'Zhang Min', visitNumber: 2 });
    agent.ws.close();
  });

  it('a pre-chat form with a name only names the visitor, and makes no lead', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    const leadsBefore = (await storedLeads()).length;
    const v = await visitor('rec-name-only', 's1', '81.2.69.142');
    v.send({ type: 'chat.request', name: 'Wang Fang', question: 'Hello?' });
    await expect.poll(() => agent.visitors().get('rec-name-only')?.name, { timeout: 10_000 }).toBe('Wang Fang');
    await expect
      .poll(async () => (await getPerson(h.ch, SITE, 'rec-name-only')).name, { timeout: 10_000 })
      .toBe('Wang Fang');
    expect((await storedLeads()).length).toBe(leadsBefore);
    v.ws.close();
    agent.ws.close();
  });
});
