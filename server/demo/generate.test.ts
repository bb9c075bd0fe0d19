import { describe, expect, it } from 'vitest';
import type { CallbackRow, ChatMessageRow, EventRow, IdentityRow, LeadRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { generateHistory } from './generate.ts';
import { testStore } from '../testing/test-store.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;

async function collect(seed: number, events = 20_000, days?: number) {
  const tables: Record<string, object[]> = {};
  const summary = await generateHistory({
    siteId: 'demo-shop',
    events,
    days,
    now: NOW,
    seed,
    batchRows: 5_000,
    insert: (t, rows) => {
      (tables[t] ??= []).push(...rows);
      return Promise.resolve();
    },
  });
  return {
    summary,
    events: (tables[TABLES.events] ?? []) as EventRow[],
    identities: (tables[TABLES.identities] ?? []) as IdentityRow[],
    leads: (tables[TABLES.leads] ?? []) as LeadRow[],
    bots: tables[TABLES.botEvents] ?? [],
    orders: tables[TABLES.orders] ?? [],
    messages: (tables[TABLES.chatMessages] ?? []) as ChatMessageRow[],
    callbacks: (tables[TABLES.callbacks] ?? []) as CallbackRow[],
  };
}

const KNOWN_TYPES = new Set([
  'pageview',
  'engagement',
  'outbound',
  'custom',
  'identify',
  'exit_intent',
  'invite_shown',
  'invite_accepted',
  'invite_dismissed',
  'chat_requested',
  'chat_started',
  'chat_message',
  'chat_ended',
  'chat_rated',
  'lead_created',
  'offline_message',
  'callback_request',
  'callback_claimed',
  'callback_outcome',
  'order',
]);

describe('generateHistory', () => {
  it('is deterministic for a seed (apart from random event ids)', async () => {
    const strip = (rows: EventRow[]) => rows.map(({ event_id: _id, ...r }) => r);
    const a = await collect(7, 3_000);
    const b = await collect(7, 3_000);
    const c = await collect(8, 3_000);
    expect(strip(a.events)).toEqual(strip(b.events));
    expect(strip(a.events)).not.toEqual(strip(c.events));
  });

  it('produces plausible, well-formed history', async () => {
    const { summary, events, bots, orders } = await collect(1);
    expect(events.length).toBe(summary.events);
    expect(events.length).toBeGreaterThanOrEqual(20_000);
    for (const e of events) {
      expect(KNOWN_TYPES.has(e.type)).toBe(true);
      expect(e.ts).toBeGreaterThan(NOW - 91 * DAY);
      expect(e.ts).toBeLessThan(NOW);
      expect(Number.isInteger(e.ts)).toBe(true);
    }
    expect(bots.length).toBeGreaterThan(0);
    expect(events.some((e) => /bot|spider/i.test(e.browser))).toBe(false);

    // 30-minute rule: no gap inside a session's page views and engagements exceeds it.
    const bySession = new Map<string, number[]>();
    for (const e of events)
      if (e.type === 'pageview' || e.type === 'engagement')
        (bySession.get(e.session_id) ?? bySession.set(e.session_id, []).get(e.session_id)!).push(e.ts);
    for (const times of bySession.values()) {
      times.sort((x, y) => x - y);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThan(30 * 60_000);
    }

    const sessionsPerVisitor = new Map<string, Set<string>>();
    for (const e of events)
      if (e.type === 'pageview')
        (
          sessionsPerVisitor.get(e.visitor_id) ?? sessionsPerVisitor.set(e.visitor_id, new Set()).get(e.visitor_id)!
        ).add(e.session_id);
    const returning = [...sessionsPerVisitor.values()].filter((s) => s.size > 1).length / sessionsPerVisitor.size;
    expect(returning).toBeGreaterThan(0.12);
    expect(returning).toBeLessThan(0.4);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.length).toBeLessThan(bySession.size);
    expect(new Set(events.map((e) => e.country)).size).toBeGreaterThan(8);
    expect(events.filter((e) => e.utm_campaign !== '').length).toBeGreaterThan(0);
  });

  // The reports read these props (first response from the agent's first message, the
  // visitor-initiated funnel from the request's origin): the demo writes them as the chat service does.
  it('says who sent each chat message and who asked for each chat', async () => {
    const { events, messages } = await collect(5);
    const senders = new Map(messages.map((m) => [`${m.chat_id}|${m.ts}`, m.sender]));
    const said = events.filter((e) => e.type === 'chat_message');
    expect(said.length).toBe(messages.length);
    for (const e of said) expect(e.props['sender']).toBe(senders.get(`${e.chat_id}|${e.ts}`));
    expect(new Set(said.map((e) => e.props['sender']))).toEqual(new Set(['agent', 'visitor']));
    const asked = events.filter((e) => e.type === 'chat_requested');
    expect(asked.length).toBe(new Set(events.filter((e) => e.type === 'chat_started').map((e) => e.chat_id)).size);
    expect(new Set(asked.map((e) => e.props['origin']))).toEqual(new Set(['invitation', 'visitor']));
  });

  it("gives each lead the first touch of its visitor's first session", async () => {
    const { events, leads } = await collect(3);
    expect(leads.length).toBeGreaterThan(10);
    const firstPageview = new Map<string, EventRow>();
    for (const e of events) {
      if (e.type !== 'pageview') continue;
      const seen = firstPageview.get(e.visitor_id);
      if (!seen || e.ts < seen.ts) firstPageview.set(e.visitor_id, e);
    }
    for (const lead of leads) {
      const first = firstPageview.get(lead.visitor_id);
      expect({
        d: lead.first_referrer_domain,
        s: lead.first_utm_source,
        c: lead.first_utm_campaign,
        p: lead.first_landing_path,
      }).toEqual({ d: first?.referrer_domain, s: first?.utm_source, c: first?.utm_campaign, p: first?.path });
    }
  });

  // The rules screen counts invitations one by one (server/queries/rule-performance.ts).
  it('answers each automatic invitation at most once, after it was shown, and chats only from accepted ones', async () => {
    const { events } = await collect(11, 60_000);
    const byRule = new Map<string, { shown: number; accepted: number; dismissed: number; chatted: number }>();
    const shownAt = new Map<string, number>();
    for (const e of events) if (e.type === 'invite_shown') shownAt.set(e.invitation_id, e.ts);
    for (const e of events) {
      if (e.rule_id === '' || !['invite_shown', 'invite_accepted', 'invite_dismissed', 'chat_started'].includes(e.type))
        continue;
      const row =
        byRule.get(e.rule_id) ??
        byRule.set(e.rule_id, { shown: 0, accepted: 0, dismissed: 0, chatted: 0 }).get(e.rule_id)!;
      if (e.type !== 'invite_shown') expect(e.ts).toBeGreaterThan(shownAt.get(e.invitation_id) ?? Infinity);
      if (e.type === 'invite_shown') row.shown++;
      else if (e.type === 'invite_accepted') row.accepted++;
      else if (e.type === 'invite_dismissed') row.dismissed++;
      else row.chatted++;
    }
    expect(byRule.size).toBe(2);
    for (const row of byRule.values()) {
      expect(row.accepted).toBeGreaterThan(0);
      expect(row.shown).toBeGreaterThanOrEqual(row.accepted + row.dismissed);
      expect(row.chatted).toBeLessThanOrEqual(row.accepted);
    }
  });

  // As a real capture does (server/leads/lead-identity.ts): the lead's visitor is known by what the lead gave.
  it("makes every lead's visitor known by that lead's email or phone", async () => {
    const { leads, identities } = await collect(3, 60_000);
    expect(leads.length).toBeGreaterThan(30);
    // identities replaces by updated_at per visitor: the newest row is what the visitor is known by.
    const known = new Map<string, IdentityRow>();
    for (const r of identities)
      if (r.updated_at >= (known.get(r.visitor_id)?.updated_at ?? -Infinity)) known.set(r.visitor_id, r);
    for (const lead of leads) {
      const identity = known.get(lead.visitor_id);
      expect({ lead: lead.lead_id, name: identity?.name, email: identity?.email, phone: identity?.phone }).toEqual({
        lead: lead.lead_id,
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
      });
    }
  });

  // The Callbacks screen and the agents' "callbacks worked" read the queue and these events.
  it('puts every callback request in the queue, worked up to now as agents work them', async () => {
    // Two weeks, dense: enough requests near now for the open and overdue ones.
    const { events, callbacks, leads } = await collect(3, 60_000, 14);
    const requests = events.filter((e) => e.type === 'callback_request');
    expect(requests.length).toBeGreaterThan(20);
    // One first version per request, keyed by the request's event id, due at the slot the visitor picked.
    const firsts = callbacks.filter((c) => c.version === 1);
    expect(firsts.map((c) => c.callback_id).sort()).toEqual(requests.map((e) => e.event_id).sort());
    const leadOf = new Map(leads.map((l) => [l.lead_id, l]));
    for (const e of requests) {
      const c = firsts.find((f) => f.callback_id === e.event_id)!;
      expect(c.due_at).toBe(Date.parse(e.props['at']!));
      expect(c.due_at).toBeGreaterThan(e.ts);
      expect(c.phone).not.toBe('');
      expect(leadOf.get(c.lead_id)?.visitor_id).toBe(e.visitor_id);
    }
    // The newest version of each is what the queue shows.
    const latest = new Map<string, CallbackRow>();
    for (const c of callbacks) if (c.version > (latest.get(c.callback_id)?.version ?? 0)) latest.set(c.callback_id, c);
    const rows = [...latest.values()];
    const done = rows.filter((c) => c.state === 'done');
    const later = rows.filter((c) => c.state === 'open' && c.due_at > NOW);
    // Overdue ones are claimed, not called yet: nothing left to raise the team's pop-up by chance.
    const overdue = rows.filter((c) => c.state === 'open' && c.due_at < NOW - 15 * 60_000);
    expect(overdue.every((c) => c.claimed_by !== '')).toBe(true);
    expect([done.length > 0, later.length > 0, overdue.length > 0]).toEqual([true, true, true]);
    for (const c of done) {
      expect(['reached', 'no_answer', 'wrong_number']).toContain(c.outcome);
      expect(c.claimed_by).toMatch(/^agent-/);
      expect(c.due_at).toBeLessThan(NOW);
    }
    // Each attempt is one claim and one outcome by the claimer, in that order, before now.
    const steps = events.filter((e) => e.type === 'callback_claimed' || e.type === 'callback_outcome');
    for (const c of rows) {
      const mine = steps.filter((e) => e.props['callback_id'] === c.callback_id).sort((a, b) => a.ts - b.ts);
      const held = c.claimed_by !== '' && c.state === 'open' ? ['callback_claimed'] : [];
      expect(mine.map((e) => e.type)).toEqual([
        ...Array.from({ length: c.attempts }, () => ['callback_claimed', 'callback_outcome']).flat(),
        ...held,
      ]);
      expect(mine.filter((e) => e.type === 'callback_outcome').at(-1)?.props['outcome'] ?? '').toBe(c.outcome);
      expect(c.version).toBe(1 + 2 * c.attempts + held.length);
    }
    expect(steps.filter((e) => e.props['outcome'] === 'call_again').length).toBeGreaterThan(0);
  });

  it('writes what it reports into the embedded store', async () => {
    const ch = testStore();
    try {
      await migrate(ch);
      const summary = await generateHistory({
        siteId: 'demo-shop',
        events: 20_000,
        now: NOW,
        insert: clickHouseInsert(ch),
      });
      const r = await ch.query({ query: `SELECT count() AS n FROM ${TABLES.events}`, format: 'JSONEachRow' });
      expect(Number((await r.json<{ n: string }>())[0]?.n)).toBe(summary.events);
      // Each lead's visitor is found by the lead's email, as Visitors' search finds people.
      const known = await ch.query({
        query: `SELECT l.lead_id AS lead, countIf(i.email = l.email) AS found
                FROM (SELECT lead_id, visitor_id, email FROM ${TABLES.leads} FINAL WHERE email != '') AS l
                LEFT JOIN (SELECT visitor_id, email FROM ${TABLES.identities} FINAL) AS i ON i.visitor_id = l.visitor_id
                GROUP BY lead`,
        format: 'JSONEachRow',
      });
      const found = await known.json<{ lead: string; found: string }>();
      expect(found.length).toBeGreaterThan(10);
      expect(found.filter((f) => Number(f.found) !== 1)).toEqual([]);
      // The demo's phones carry their country code: stored, each is keyed in E.164 (as a capture is).
      const keys = await ch.query({
        query: `SELECT 'lead' AS t, phone, phone_key FROM ${TABLES.leads} WHERE phone != ''
                UNION ALL SELECT 'identity' AS t, phone, phone_key FROM ${TABLES.identities} WHERE phone != ''`,
        format: 'JSONEachRow',
      });
      const phones = await keys.json<{ t: string; phone: string; phone_key: string }>();
      expect(new Set(phones.map((p) => p.t))).toEqual(new Set(['lead', 'identity']));
      expect(phones.filter((p) => p.phone_key !== `+${p.phone.replace(/\D/g, '')}`)).toEqual([]);
    } finally {
      await ch.close();
    }
  });
});
