import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import type { ChatMessageRow, EventRow, LeadRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { generateHistory } from '../demo/generate.ts';
import type { SessionUser } from '../contract/roles.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { getChatTranscript } from './chat-transcript.ts';
import { reportScope } from './fragments/report-scope.ts';
import { listChatAgents, listChats } from './list-chats.ts';
import { testStore } from '../testing/test-store.ts';

// Generated history with its raw rows kept: every expected figure is counted from them here.
const ch = testStore();
const SITE = 'demo-shop';
const NOW = Date.UTC(2026, 10, 20, 12);
const FROM = NOW - 30 * 86_400_000;
const events: EventRow[] = [];
const messages: ChatMessageRow[] = [];
const leads: LeadRow[] = [];

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Demo', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  const insert = clickHouseInsert(ch);
  await generateHistory({
    siteId: SITE,
    events: 30_000,
    now: NOW,
    seed: 11,
    insert: async (table, rows) => {
      if (table === TABLES.events) events.push(...(rows as EventRow[]));
      if (table === TABLES.chatMessages) messages.push(...(rows as ChatMessageRow[]));
      if (table === TABLES.leads) leads.push(...(rows as LeadRow[]));
      await insert(table, rows);
    },
  });
}, 60_000);
afterAll(() => ch.close());

/** The chats of [FROM, NOW) as the history should list them, newest first. */
function expectedChats() {
  const byChat = new Map<string, EventRow[]>();
  for (const e of events)
    if (e.chat_id && e.ts >= FROM && e.ts < NOW)
      (byChat.get(e.chat_id) ?? byChat.set(e.chat_id, []).get(e.chat_id)!).push(e);
  return [...byChat.entries()]
    .filter(([, rows]) => rows.some((e) => e.type === 'chat_requested' || e.type === 'chat_started'))
    .map(([chatId, rows]) => {
      const of = (type: string) => rows.filter((e) => e.type === type);
      return {
        chatId,
        startedAt: Math.min(...rows.map((e) => e.ts)),
        endedAt: of('chat_ended').length ? Math.max(...of('chat_ended').map((e) => e.ts)) : 0,
        agentId: of('chat_started').at(-1)?.agent_id ?? '',
        origin: of('chat_requested')[0]?.props['origin'],
        messages: of('chat_message').length,
        rating: Math.max(0, ...of('chat_rated').map((e) => Number(e.props['rating']))),
        lead: of('lead_created').length > 0,
        // Named in the pre-chat form, else in the lead the chat captured.
        name: of('chat_requested')[0]?.props['name'] || leads.find((l) => l.chat_id === chatId)?.name || '',
      };
    })
    .sort((a, b) => b.startedAt - a.startedAt || (a.chatId < b.chatId ? -1 : 1));
}

describe('chat history', () => {
  it('lists the chats of the range, newest first, one page at a time, with the total', async () => {
    const want = expectedChats();
    expect(want.length).toBeGreaterThan(40);
    expect(want.slice(0, 40).some((c) => c.name !== '')).toBe(true);
    expect(new Set(leads.map((l) => l.chat_id).filter(Boolean)).size).toBe(leads.filter((l) => l.chat_id).length);
    const scope = reportScope(SITE, FROM, NOW, {});
    const pick = (r: Awaited<ReturnType<typeof listChats>>['rows'][number]) => ({
      chatId: r.chatId,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      agentId: r.agentId,
      origin: r.origin,
      messages: r.messages,
      rating: r.rating,
      lead: r.lead,
      name: r.name,
    });
    const first = await listChats(ch, scope, { sort: 'startedAt', order: 'desc', offset: 0, limit: 20 });
    expect(first.total).toBe(want.length);
    expect(first.rows.map(pick)).toEqual(want.slice(0, 20));
    const second = await listChats(ch, scope, { sort: 'startedAt', order: 'desc', offset: 20, limit: 20 });
    expect(second.rows.map(pick)).toEqual(want.slice(20, 40));
    const one = await listChats(ch, reportScope(SITE, 0, NOW + 1, {}), {
      chatId: want[25]!.chatId,
      sort: 'startedAt',
      order: 'desc',
      offset: 0,
      limit: 1,
    });
    expect({ total: one.total, rows: one.rows.map(pick) }).toEqual({ total: 1, rows: [want[25]] });
    const agent = want.find((c) => c.agentId !== '')!.agentId;
    const mine = want.filter((c) => c.agentId === agent);
    const theirs = await listChats(ch, scope, {
      agentId: agent,
      sort: 'startedAt',
      order: 'desc',
      offset: 0,
      limit: 20,
    });
    expect({ total: theirs.total, rows: theirs.rows.map(pick) }).toEqual({
      total: mine.length,
      rows: mine.slice(0, 20),
    });
    expect(await listChatAgents(ch, scope)).toEqual([...new Set(want.map((c) => c.agentId).filter(Boolean))].sort());
    const byMessages = await listChats(ch, scope, { sort: 'messages', order: 'desc', offset: 0, limit: 1 });
    expect(byMessages.rows[0]?.messages).toBe(Math.max(...want.map((c) => c.messages)));
  });

  it('keeps only the chats under the page filters', async () => {
    const cn = new Set(
      events
        .filter((e) => e.type === 'chat_started' && e.ts >= FROM && e.ts < NOW && e.country === 'CN')
        .map((e) => e.chat_id),
    );
    expect(cn.size).toBeGreaterThan(0);
    const got = await listChats(ch, reportScope(SITE, FROM, NOW, { country: 'CN' }), {
      sort: 'startedAt',
      order: 'desc',
      offset: 0,
      limit: 100,
    });
    expect(got.total).toBe(cn.size);
    expect(got.rows.every((r) => cn.has(r.chatId))).toBe(true);
  });

  it('gives a transcript in the order it was written, a re-sent message once, and nothing across sites', async () => {
    const [chatId] = [...new Set(messages.map((m) => m.chat_id))];
    const want = messages.filter((m) => m.chat_id === chatId).sort((a, b) => a.seq - b.seq);
    expect(want.length).toBeGreaterThan(1);
    // A reconnect re-sends a message with its id: the same row twice until they merge.
    await ch.insert({ table: TABLES.chatMessages, values: [want[0]], format: 'JSONEachRow' });
    const got = await getChatTranscript(ch, SITE, chatId!);
    expect(got.map((m) => ({ seq: m.seq, at: m.at, sender: m.sender, body: m.body }))).toEqual(
      want.map((m) => ({ seq: m.seq, at: m.ts, sender: m.sender, body: m.body })),
    );
    expect(await getChatTranscript(ch, 'another-site', chatId!)).toEqual([]);
  });

  it('serves the history to those who serve chats, and refuses bad or foreign requests with a reason', async () => {
    const caller = (role: SessionUser['role'], siteIds = [SITE]) =>
      appRouter.createCaller({
        ch,
        user: { id: `u-${role}`, email: `${role}@example.com`, name: role, role, siteIds },
        token: null,
        ip: '10.0.0.1',
        resHeaders: new Headers(),
      });
    const agent = caller('agent');
    const range = { preset: 'custom' as const, from: '2026-10-22', to: '2026-11-19' };
    const page = await agent.chatHistory.list({ siteId: SITE, range, pageSize: 5 });
    expect(page.rows).toHaveLength(5);
    expect(await agent.chatHistory.get({ siteId: SITE, chatId: page.rows[0]!.chatId })).toMatchObject({
      chatId: page.rows[0]!.chatId,
      messages: page.rows[0]!.messages,
    });
    await expect(agent.chatHistory.get({ siteId: SITE, chatId: 'no-such-chat' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await agent.chatHistory.transcript({ siteId: SITE, chatId: 'no-such-chat' })).toEqual([]);
    await expect(
      agent.chatHistory.list({ siteId: SITE, range, sort: 'visitorId' as 'messages' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(agent.chatHistory.transcript({ siteId: SITE, chatId: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(agent.chatHistory.transcript({ siteId: SITE, chatId: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller('marketer').chatHistory.list({ siteId: SITE, range })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      caller('agent', ['another-site']).chatHistory.transcript({ siteId: SITE, chatId: page.rows[0]!.chatId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
