import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { collect } from '../testing/http.ts';
import {
  agentSocket,
  chatBodies,
  chatUpserts,
  sendJson,
  startLiveHarness,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { verifySignature } from '../webhooks/signature.ts';
import { getAgentPerformance } from '../queries/agent-performance.ts';
import { listChats } from '../queries/list-chats.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { channelVisitorId } from './channel-inbox.ts';
import { createApiChannel, updateChannel } from './channel-store.ts';

// The channel API over real HTTP: a bridge POSTs a customer's message with its channel key,
// an agent answers on the real agent socket, and the reply arrives signed at a real receiver.
const SITE = 'chan-shop';
const BURST = 4;

let h: LiveHarness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let channel: { channelId: string; key: string; secret: string };

beforeAll(async () => {
  receiver = await startReceiver();
  h = await startLiveHarness(
    [SITE],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    {
      webhooks: { allowPrivate: true, timeoutMs: 2_000, retryBaseMs: 50 },
      channels: { wechatApiBase: 'http://127.0.0.1:9', senderRates: { perMinute: 60, burst: BURST } },
    },
  );
  channel = await createApiChannel(h.ch, SITE, { name: 'In-house app', url: receiver.url });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

const post = (body: unknown, key: string | null = channel.key, contentType = 'application/json') =>
  fetch(`${h.base}/api/v1/channel/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const upserts = chatUpserts;
const bodies = chatBodies;
const send = sendJson;

describe('channel API', () => {
  it('opens a chat in the console, is idempotent by messageId, and delivers the agent reply signed', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    send(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
    const first = await post({
      senderId: 'app-user-7',
      text: 'Can I change my delivery address?',
      name: 'Chen Jing',
      email: 'Chen@Example.com',
      messageId: 'm-1',
    });
    expect(first.status).toBe(200);
    const answer = z.object({ chat_id: z.string(), message_id: z.string(), duplicate: z.boolean() });
    const opened = answer.parse(await first.json());
    expect(opened).toMatchObject({ message_id: 'm-1', duplicate: false });
    const chatId = opened.chat_id;
    await expect.poll(() => upserts(agent.events).find((c) => c.chatId === chatId)?.channel).toBe('api');
    const chat = upserts(agent.events).find((c) => c.chatId === chatId);
    expect(chat?.visitor).toMatchObject({ name: 'Chen Jing', email: 'Chen@Example.com' });
    expect(chat?.visitorId).toBe(channelVisitorId(SITE, channel.channelId, 'app-user-7'));

    // The bridge retries the same message: same chat, nothing posted twice.
    const again = answer.parse(await (await post({ senderId: 'app-user-7', text: 'Can I…', messageId: 'm-1' })).json());
    expect(again).toEqual({ chat_id: chatId, message_id: 'm-1', duplicate: true });
    const second = await post({ senderId: 'app-user-7', text: 'It is for order 77.', messageId: 'm-2' });
    expect(second.status).toBe(200);
    await expect
      .poll(() => bodies(agent.events, chatId))
      .toEqual(['Can I change my delivery address?', 'It is for order 77.']);

    send(agent.ws, { type: 'chat.send', chatId, messageId: 'agent-reply-1', body: 'Yes, send me the new address.' });
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    const [delivery] = receiver.received;
    const raw = delivery?.body ?? '';
    expect(verifySignature(channel.secret, String(delivery?.headers['leadtrail-signature']), raw)).toBe(true);
    expect(verifySignature('whsec_wrong', String(delivery?.headers['leadtrail-signature']), raw)).toBe(false);
    expect(delivery?.headers['leadtrail-event-type']).toBe('channel.reply');
    expect(JSON.parse(raw)).toMatchObject({
      type: 'channel.reply',
      site_id: SITE,
      data: {
        channel_id: channel.channelId,
        sender_id: 'app-user-7',
        chat_id: chatId,
        message_id: 'agent-reply-1',
        text: 'Yes, send me the new address.',
        agent_name: 'Agent',
      },
    });
    // The delivery log of the channel has the attempt.
    const log = z.object({ status: col.text, response_code: col.int });
    await expect
      .poll(() =>
        readRows(
          h.ch,
          {
            query: `SELECT status, response_code FROM ${TABLES.webhookDeliveries} WHERE subscription_id = {id:String}`,
            query_params: { id: channel.channelId },
          },
          log,
        ),
      )
      .toEqual([{ status: 'delivered', response_code: 200 }]);

    // Chat history and the Agents report by channel: this is the agent's one API chat, and no email chat.
    const scope = reportScope(SITE, 0, Date.now() + 60_000, {});
    const page = { sort: 'startedAt', order: 'desc', offset: 0, limit: 10 } as const;
    await expect
      .poll(async () => (await listChats(h.ch, scope, { ...page, channel: 'api' })).rows.map((r) => r.chatId))
      .toEqual([chatId]);
    expect((await listChats(h.ch, scope, { ...page, channel: 'web' })).rows).toEqual([]);
    await expect
      .poll(async () => (await getAgentPerformance(h.ch, scope, 86_400_000, 'api')).map((a) => [a.agentId, a.chats]))
      .toEqual([[h.userIds.agent, 1]]);
    expect(await getAgentPerformance(h.ch, scope, 86_400_000, 'email')).toEqual([]);
    agent.ws.close();
  }, 30_000);

  it('makes the sender one person with the web visitor who gave the same email', async () => {
    const web = 'web-visitor-chen';
    const identify = { type: 'identify', url: 'https://shop.example/account', email: 'chen@example.com' };
    const r = await collect(
      h.base,
      { site: SITE, visitorId: web, sessionId: `${web}-s1`, events: [identify] },
      { 'x-forwarded-for': '81.2.69.142' },
    );
    expect(r.status).toBe(202);
    const apiVisitor = channelVisitorId(SITE, channel.channelId, 'app-user-7');
    const person = (visitorId: string) =>
      readRows(
        h.ch,
        {
          query: `SELECT argMax(person_id, updated_at) AS person_id FROM ${TABLES.identities}
                  WHERE site_id = {site:String} AND visitor_id = {visitorId:String}`,
          query_params: { site: SITE, visitorId },
        },
        z.object({ person_id: col.text }),
      ).then((rows) => rows[0]?.person_id ?? '');
    await expect.poll(() => person(web), { timeout: 10_000 }).not.toBe('');
    expect(await person(web)).toBe(await person(apiVisitor));
  }, 30_000);

  it('refuses forged, missing, oversized and malformed requests without losing the good ones between them', async () => {
    const good = (n: number) => ({ senderId: 'bridge-user-1', text: `message ${n}`, messageId: `g-${n}` });
    const refused = [
      await post(good(0), 'lt_chan_forged-key-0000000000000000000000000000000'),
      await post(good(0), null),
      await post(good(0), 'lt_live_an-api-key-is-not-a-channel-key'),
      await post({ senderId: 'x', text: 'y'.repeat(70 * 1024) }),
      await post('{"senderId": "x", "text": '),
      await post({ senderId: '', text: 'no sender' }),
      await post({ senderId: 'x', text: 'hi', extra: 1 }),
      await post(good(0), channel.key, 'text/plain'),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 413, 400, 400, 400, 415]);
    const errors = await Promise.all(
      refused.map(async (r) => ((await r.json()) as { error: { code: string } }).error.code),
    );
    expect(errors).toEqual([
      'unauthorized',
      'unauthorized',
      'unauthorized',
      'payload_too_large',
      'invalid_json',
      'invalid_request',
      'invalid_request',
      'unsupported_media_type',
    ]);
    const a = await post(good(1));
    await post('not json at all');
    const b = await post(good(2));
    expect([a.status, b.status]).toEqual([200, 200]);
    const chatIds = await Promise.all([a, b].map(async (r) => ((await r.json()) as { chat_id: string }).chat_id));
    expect(chatIds[0]).toBe(chatIds[1]);
    const stored = await readRows(
      h.ch,
      {
        query: `SELECT message_id FROM ${TABLES.channelMessages} WHERE sender_id = 'bridge-user-1' ORDER BY message_id`,
      },
      z.object({ message_id: col.text }),
    );
    expect(stored.map((r) => r.message_id)).toEqual(['g-1', 'g-2']);
  }, 30_000);

  it('limits each sender, not the channel, and stops a switched-off channel at once', async () => {
    // g-1 and g-2 above used two of bridge-user-1's tokens.
    const statuses: number[] = [];
    for (let n = 3; n < 3 + BURST; n++)
      statuses.push((await post({ senderId: 'bridge-user-1', text: `burst ${n}`, messageId: `g-${n}` })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const other = await post({ senderId: 'bridge-user-2', text: 'another customer' });
    expect(other.status).toBe(200);
    await updateChannel(h.ch, SITE, channel.channelId, { enabled: false });
    expect((await post({ senderId: 'bridge-user-2', text: 'after switch-off' })).status).toBe(401);
    await updateChannel(h.ch, SITE, channel.channelId, { enabled: true });
  }, 30_000);

  it('documents the route in the OpenAPI document with the channel key', async () => {
    const doc = (await (await fetch(`${h.base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { post?: { security?: unknown } }>;
    };
    expect(doc.paths['/api/v1/channel/messages']?.post?.security).toEqual([{ channelKey: [] }]);
  });
});
