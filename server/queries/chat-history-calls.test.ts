import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type ChatMessageRow, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { getChatTranscript } from './chat-transcript.ts';
import { testStore } from '../testing/test-store.ts';

// Three chats written by hand; the expected call figures below are counted from this table:
//   chat-a: answered 2:05, answered 1:00, missed       → 3 calls, 1 missed, 185 s
//   chat-b: no call                                    → 0
//   chat-c: a call still ringing (only call_requested) → 0 (not a call yet)
// plus a call made with no chat open, which belongs to no chat.
const ch = testStore();
const SITE = 'call-site';
const T0 = Date.UTC(2026, 10, 10, 9);
const MIN = 60_000;

let n = 0;
const ev = (chatId: string, type: string, at: number, props: Record<string, string> = {}): EventRow =>
  blankEvent({
    site_id: SITE,
    ts: T0 + at * MIN,
    type,
    visitor_id: `v-${chatId || 'none'}`,
    session_id: `s-${chatId || 'none'}`,
    chat_id: chatId,
    agent_id: type === 'chat_requested' ? '' : 'agent-1',
    event_id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    props,
  });

const EVENTS: EventRow[] = [
  ev('chat-a', 'chat_requested', 0),
  ev('chat-a', 'chat_started', 1),
  ev('chat-a', 'call_requested', 2, { call_id: 'c_a1' }),
  ev('chat-a', 'call_answered', 2, { call_id: 'c_a1' }),
  ev('chat-a', 'call_ended', 5, { call_id: 'c_a1', duration_ms: '125000', reason: 'hangup' }),
  ev('chat-a', 'call_requested', 6, { call_id: 'c_a2' }),
  ev('chat-a', 'call_missed', 7, { call_id: 'c_a2', reason: 'no_answer' }),
  ev('chat-a', 'call_requested', 8, { call_id: 'c_a3' }),
  ev('chat-a', 'call_answered', 8, { call_id: 'c_a3' }),
  ev('chat-a', 'call_ended', 9, { call_id: 'c_a3', duration_ms: '60000', reason: 'hangup' }),
  ev('chat-a', 'chat_ended', 10),
  ev('chat-b', 'chat_requested', 20),
  ev('chat-b', 'chat_started', 21),
  ev('chat-c', 'chat_requested', 30),
  ev('chat-c', 'call_requested', 31, { call_id: 'c_c1' }),
  ev('', 'call_requested', 40, { call_id: 'c_n1' }),
  ev('', 'call_answered', 40, { call_id: 'c_n1' }),
  ev('', 'call_ended', 42, { call_id: 'c_n1', duration_ms: '120000', reason: 'hangup' }),
];

const msg = (seq: number, sender: ChatMessageRow['sender'], body: string): ChatMessageRow => ({
  site_id: SITE,
  chat_id: 'chat-a',
  message_id: `m-${seq}`,
  seq,
  ts: T0 + (seq + 1) * MIN,
  sender,
  agent_id: sender === 'visitor' ? '' : 'agent-1',
  visitor_id: 'v-chat-a',
  body,
});

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Calls', domains: ['calls.example'], timeZone: 'UTC', respectDnt: false });
  await ch.insert({ table: TABLES.events, values: EVENTS, format: 'JSONEachRow' });
  await ch.insert({
    table: TABLES.chatMessages,
    values: [msg(1, 'visitor', 'Can you call me?'), msg(2, 'system', 'call_ended:125'), msg(3, 'agent', 'Bye')],
    format: 'JSONEachRow',
  });
}, 60_000);
afterAll(() => ch.close());

const agent = () =>
  appRouter.createCaller({
    ch,
    user: {
      id: 'u-agent',
      email: 'agent@example.com',
      name: 'agent',
      role: 'agent' as SessionUser['role'],
      siteIds: [SITE],
    },
    token: null,
    ip: '10.0.0.1',
    resHeaders: new Headers(),
  });
const range = { preset: 'custom' as const, from: '2026-11-01', to: '2026-11-30' };
const calls = (r: { chatId: string; calls: number; missedCalls: number; callMs: number }) => ({
  chatId: r.chatId,
  calls: r.calls,
  missedCalls: r.missedCalls,
  callMs: r.callMs,
});

describe('chat history with calls', () => {
  it("counts each chat's answered and missed calls and their talk time", async () => {
    const all = await agent().chatHistory.list({ siteId: SITE, range, pageSize: 20 });
    expect(all.total).toBe(3);
    expect(all.rows.map(calls)).toEqual([
      { chatId: 'chat-c', calls: 0, missedCalls: 0, callMs: 0 },
      { chatId: 'chat-b', calls: 0, missedCalls: 0, callMs: 0 },
      { chatId: 'chat-a', calls: 3, missedCalls: 1, callMs: 185_000 },
    ]);
  });

  it('keeps only the chats with calls under the "with calls" filter', async () => {
    const some = await agent().chatHistory.list({ siteId: SITE, range, pageSize: 20, withCalls: true });
    expect({ total: some.total, rows: some.rows.map(calls) }).toEqual({
      total: 1,
      rows: [{ chatId: 'chat-a', calls: 3, missedCalls: 1, callMs: 185_000 }],
    });
  });

  it("gives the call's line in the transcript as the server's, not the visitor's", async () => {
    const got = await getChatTranscript(ch, SITE, 'chat-a');
    expect(got.map((m) => [m.sender, m.body])).toEqual([
      ['visitor', 'Can you call me?'],
      ['system', 'call_ended:125'],
      ['agent', 'Bye'],
    ]);
  });
});
