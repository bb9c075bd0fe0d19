import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import {
  blankEvent,
  type ChatMessageRow,
  type EventRow,
  type IdentityRow,
  type LeadRow,
  type OrderRow,
} from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { saveUser } from '../auth/user-service.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { loadVisitorHistory } from './visitor-history.ts';
import { testStore } from '../testing/test-store.ts';

// A person of two browsers (joined by one email) and a stranger, written row by row: the
// expected history below is read off these rows by hand, not computed by the code under test.
const ch = testStore();
const SITE = 'history-site';
const T0 = Date.UTC(2026, 10, 1, 9);
const DAY = 86_400_000;
let agentId = '';

const event = (visitor: string, ts: number, type: string, over: Partial<EventRow> = {}): EventRow =>
  blankEvent({
    site_id: SITE,
    ts,
    type,
    visitor_id: visitor,
    session_id: `s-${visitor}-${Math.floor(ts / DAY)}`,
    event_id: crypto.randomUUID(),
    ...over,
  });
const message = (
  chat: string,
  visitor: string,
  seq: number,
  sender: ChatMessageRow['sender'],
  body: string,
): ChatMessageRow => ({
  site_id: SITE,
  chat_id: chat,
  message_id: `${chat}-${seq}`,
  seq,
  ts: T0 + seq,
  sender,
  agent_id: sender === 'agent' ? 'agent' : '',
  visitor_id: visitor,
  body,
});
const lead = (id: string, visitor: string, status: string, email: string, at: number, updated = at): LeadRow => ({
  site_id: SITE,
  lead_id: id,
  visitor_id: visitor,
  person_id: '',
  source: 'prechat',
  status,
  owner_id: '',
  name: 'Mei',
  email,
  phone: '',
  message: '',
  callback_at: '',
  notes: '',
  chat_id: '',
  first_referrer_domain: '',
  first_utm_source: '',
  first_utm_medium: '',
  first_utm_campaign: '',
  first_landing_path: '',
  last_referrer_domain: '',
  last_utm_source: '',
  last_utm_medium: '',
  last_utm_campaign: '',
  last_landing_path: '',
  country: 'CN',
  created_at: at,
  updated_at: updated,
});
const order = (
  id: string,
  visitor: string,
  value: number,
  currency: string,
  status: string,
  at: number,
  updated = at,
): OrderRow => ({
  site_id: SITE,
  order_id: id,
  visitor_id: visitor,
  person_id: '',
  email: '',
  phone: '',
  value,
  currency,
  status,
  origin: 'api',
  created_at: at,
  updated_at: updated,
});
const identity = (visitor: string, email: string): IdentityRow => ({
  site_id: SITE,
  visitor_id: visitor,
  person_id: '',
  name: 'Mei',
  email,
  phone: '',
  updated_at: T0,
});

beforeAll(async () => {
  await migrate(ch);
  agentId = (
    await saveUser(ch, {
      email: 'li.agent@example.com',
      name: 'Li Agent',
      role: 'agent',
      siteIds: [SITE],
      password: 'agent-password',
    })
  ).id;
  const insert = clickHouseInsert(ch);
  await insert(TABLES.identities, [
    identity('v-a', 'mei@example.com'),
    identity('v-b', 'mei@example.com'),
    identity('v-s', 'stranger@example.com'),
  ]);
  await insert(TABLES.events, [
    // c1: asked from browser A, answered by Li Agent.
    event('v-a', T0, 'chat_requested', {
      chat_id: 'c1',
      props: { origin: 'visitor', question: 'Do you ship to Hangzhou?' },
    }),
    event('v-a', T0 + 5_000, 'chat_started', { chat_id: 'c1', agent_id: agentId }),
    event('v-a', T0 + 60_000, 'chat_ended', { chat_id: 'c1', agent_id: agentId }),
    // c2: an invitation accepted in browser B, taken by a user removed since.
    event('v-b', T0 + DAY, 'chat_requested', { chat_id: 'c2', props: { origin: 'invitation' } }),
    event('v-b', T0 + DAY + 2_000, 'chat_started', { chat_id: 'c2', agent_id: 'u-gone' }),
    // c3: asked from B, never answered, nothing written.
    event('v-b', T0 + 2 * DAY, 'chat_requested', { chat_id: 'c3', props: { origin: 'visitor' } }),
    // A page view is no chat; the stranger's chat is not Mei's.
    event('v-a', T0 + 3 * DAY, 'pageview'),
    event('v-s', T0 + 3 * DAY, 'chat_requested', { chat_id: 'c-s', props: { origin: 'visitor' } }),
  ]);
  await insert(TABLES.chatMessages, [
    message('c1', 'v-a', 1, 'visitor', 'Do you ship to Hangzhou?'),
    message('c1', 'v-a', 2, 'agent', 'Yes, in two days.'),
    message('c1', 'v-a', 3, 'visitor', 'Great'),
    message('c2', 'v-b', 1, 'agent', 'Can I help you choose?'),
    message('c2', 'v-b', 2, 'visitor', 'How much is the kettle?'),
    message('c-s', 'v-s', 1, 'visitor', 'Not Mei'),
  ]);
  await insert(TABLES.leads, [
    lead('l1', 'v-a', 'new', 'mei@example.com', T0 + 1_000),
    lead('l1', 'v-a', 'contacted', 'mei@example.com', T0 + 1_000, T0 + DAY),
    lead('l2', 'v-b', 'won', 'mei@example.com', T0 + 2 * DAY),
    lead('l-s', 'v-s', 'new', 'stranger@example.com', T0 + 2 * DAY),
  ]);
  await insert(TABLES.orders, [
    order('o1', 'v-a', 399, 'CNY', 'placed', T0 + 2_000),
    order('o1', 'v-a', 399, 'CNY', 'paid', T0 + 2_000, T0 + 3_000),
    order('o2', 'v-b', 59.9, 'USD', 'refunded', T0 + 2 * DAY + 5_000),
    // The shop's API moved o3 to the stranger: it is no longer Mei's.
    order('o3', 'v-a', 10, 'CNY', 'placed', T0 + 4_000),
    order('o3', 'v-s', 10, 'CNY', 'placed', T0 + 4_000, T0 + 9_000),
  ]);
});
afterAll(() => ch.close());

describe('visitor history', () => {
  it('lists the chats, leads and orders of every browser of the person, newest first', async () => {
    for (const from of ['v-a', 'v-b']) {
      const h = await loadVisitorHistory(ch, SITE, from, true);
      expect(h.person.visitorIds.slice().sort()).toEqual(['v-a', 'v-b']);
      expect(h.chats).toEqual([
        { chatId: 'c3', startedAt: T0 + 2 * DAY, agentId: '', agentName: '', question: '' },
        {
          chatId: 'c2',
          startedAt: T0 + DAY,
          agentId: 'u-gone',
          agentName: 'u-gone',
          question: 'How much is the kettle?',
        },
        { chatId: 'c1', startedAt: T0, agentId, agentName: 'Li Agent', question: 'Do you ship to Hangzhou?' },
      ]);
      expect(h.leads).toEqual([
        { leadId: 'l2', createdAt: T0 + 2 * DAY, status: 'won', name: 'Mei', email: 'mei@example.com', phone: '' },
        { leadId: 'l1', createdAt: T0 + 1_000, status: 'contacted', name: 'Mei', email: 'mei@example.com', phone: '' },
      ]);
      expect(h.orders).toEqual([
        { orderId: 'o2', createdAt: T0 + 2 * DAY + 5_000, value: 59.9, currency: 'USD', status: 'refunded' },
        { orderId: 'o1', createdAt: T0 + 2_000, value: 399, currency: 'CNY', status: 'paid' },
      ]);
    }
  });

  it('leaves out what visitors wrote for those who do not serve chats', async () => {
    const h = await loadVisitorHistory(ch, SITE, 'v-a', false);
    expect(h.chats.map((c) => [c.chatId, c.question])).toEqual([
      ['c3', ''],
      ['c2', ''],
      ['c1', ''],
    ]);
  });

  it('is empty for a visitor with no past', async () => {
    const h = await loadVisitorHistory(ch, SITE, 'v-new', true);
    expect({ chats: h.chats, leads: h.leads, orders: h.orders, ids: h.person.visitorIds }).toEqual({
      chats: [],
      leads: [],
      orders: [],
      ids: ['v-new'],
    });
  });
});
