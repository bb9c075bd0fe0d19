import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { planLead } from '../leads/lead-service.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { ChatSteps } from './chat-steps.ts';
import { testStore } from '../testing/test-store.ts';

// Hot words are segmented when a chat step is journaled: the pre-chat question and an
// offline message reach visitor_terms with the visit's country and source.
const ch = testStore();
const SITE = 'terms-steps-site';
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

it('stores the terms of a pre-chat question and an offline message, with the visit’s place and source', async () => {
  const dir = tempDir('terms-steps');
  const steps = new ChatSteps({ ch, dir, writeEvents: () => Promise.resolve() });
  const at = Date.UTC(2026, 10, 10, 8);
  const event = (type: string, visitorId: string) =>
    blankEvent({
      site_id: SITE,
      type,
      ts: at,
      session_id: `${visitorId}-s`,
      visitor_id: visitorId,
      country: 'CN',
      utm_source: 'baidu',
      utm_campaign: 'spring',
    });
  steps.commit({
    id: steps.newId(),
    siteId: SITE,
    visitorId: 'v-chat',
    events: [event('chat_requested', 'v-chat')],
    message: {
      site_id: SITE,
      chat_id: 'chat_1',
      message_id: 'q_chat_1',
      seq: 1,
      ts: at,
      sender: 'visitor',
      agent_id: '',
      visitor_id: 'v-chat',
      body: '可以退貨嗎？Refund 2',
    },
  });
  steps.commit({
    id: steps.newId(),
    siteId: SITE,
    visitorId: 'v-off',
    events: [event('offline_message', 'v-off')],
    lead: planLead({
      siteId: SITE,
      visitorId: 'v-off',
      source: 'offline',
      name: 'Lee',
      email: 'lee@example.com',
      phone: '',
      message: 'Do you ship to Canada?',
      callbackAt: '',
      chatId: '',
      ownerId: '',
      now: at,
    }),
  });
  await steps.drain();
  const rows = await (
    await ch.query({
      query: `SELECT visitor_id, chat_id, kind, country, source, campaign, terms FROM ${TABLES.visitorTerms} FINAL
              WHERE site_id = {s:String} ORDER BY visitor_id`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    })
  ).json();
  expect(rows).toEqual([
    {
      visitor_id: 'v-chat',
      chat_id: 'chat_1',
      kind: 'prechat',
      country: 'CN',
      source: 'Baidu',
      campaign: 'spring',
      terms: ['退货', 'refund'],
    },
    {
      visitor_id: 'v-off',
      chat_id: '',
      kind: 'offline',
      country: 'CN',
      source: 'Baidu',
      campaign: 'spring',
      terms: ['ship', 'canada'],
    },
  ]);
});
