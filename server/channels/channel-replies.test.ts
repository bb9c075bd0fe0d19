import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatMessage, ServerToAgent } from '../contract/channels.ts';
import { DEFAULT_SERVICE_SETTINGS } from '../contract/service-settings.ts';
import { realtimeBus } from '../bus/bus.ts';
import { FILE_LINK_TTL_MS, FileLinks } from '../files/file-links.ts';
import { importKbArticles } from '../kb/kb-articles.ts';
import { kbIndex } from '../kb/kb-search.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import {
  agentSocket,
  chatUpserts,
  seen,
  sendJson,
  startLiveHarness,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { startReceiver } from '../testing/webhook-receiver.ts';
import { startWechatServer } from '../testing/wechat-server.ts';
import { verifySignature } from '../webhooks/signature.ts';
import { createApiChannel, saveWechat } from './channel-store.ts';

// What the robot says and the files agents send, delivered through the channel the customer
// came by: signed webhooks to a real receiver for the API, WeChat's customer-service and
// media APIs on a simulated WeChat. The robot serves while no agent is online.
const API_SITE = 'reply-api';
const WX_SITE = 'reply-wechat';
const ACCOUNT = { appId: 'wxfeedfacecafebeef', appSecret: '0f1e2d3c4b5a69780f1e2d3c4b5a6978' };
const TOKEN = 'replyToken';
const OPENID = 'oReplyUser_0123456789abcdefgh';
const DELIVERY = 'Delivery takes 3-5 business days.';
const RETURN_ZH = '签收后7天内在订单页申请退货。';
const ARTICLES = JSON.stringify([
  { question: 'How long does delivery take?', alternates: ['Shipping time'], answer: DELIVERY, language: 'en' },
  { question: '怎么退货？', alternates: ['如何退货'], answer: RETURN_ZH, language: 'zh' },
]);
// Written out here, not taken from robot-text.ts: what the customer must read.
const EN_DECLINE = "Sorry, I couldn't find an answer to that. Reply “human” to talk to a person.";
const EN_QUEUED =
  'No one from our team is available right now. Your conversation is in our queue, and a person will answer here.';
const ZH_QUEUED = '目前客服不在线。您的对话已在排队，客服会在这里回复您。';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let h: LiveHarness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let wechat: Awaited<ReturnType<typeof startWechatServer>>;
let channel: { channelId: string; key: string; secret: string };
const filesDir = tempDir('files');

beforeAll(async () => {
  receiver = await startReceiver();
  wechat = await startWechatServer(ACCOUNT);
  h = await startLiveHarness(
    [API_SITE, WX_SITE],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    {
      webhooks: { allowPrivate: true, timeoutMs: 2_000, retryBaseMs: 50 },
      channels: { wechatApiBase: wechat.base, senderRates: { perMinute: 600, burst: 50 } },
      files: { dir: filesDir, maxBytes: 1024 * 1024, perVisitorMinute: 30, perSiteMinute: 100 },
    },
  );
  channel = await createApiChannel(h.ch, API_SITE, { name: 'App', url: receiver.url });
  await saveWechat(h.ch, WX_SITE, { ...ACCOUNT, token: TOKEN, aesKey: '', mode: 'plain', enabled: true });
  for (const site of [API_SITE, WX_SITE]) {
    await importKbArticles(h.ch, site, 'json', ARTICLES, h.userIds.admin);
    const robot = { ...DEFAULT_SERVICE_SETTINGS.robot, name: 'Robo', mode: 'no_agent' as const };
    await serviceSettings().save(h.ch, site, { ...DEFAULT_SERVICE_SETTINGS, robot });
    realtimeBus().publish('serviceSettings', { siteId: site });
  }
  for (let i = 0; i < 100 && kbIndex().search(WX_SITE, '退货').length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
}, 60_000);

afterAll(async () => {
  for (const site of [API_SITE, WX_SITE]) await serviceSettings().save(h.ch, site, DEFAULT_SERVICE_SETTINGS);
  await h?.close();
  await receiver?.close();
  await wechat?.close();
});

const postApi = (senderId: string, text: string) =>
  fetch(`${h.base}/api/v1/channel/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${channel.key}` },
    body: JSON.stringify({ senderId, text }),
  });
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
let msgId = 70000000000000000n;
const postWechat = (content: string, picture = false) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const q = new URLSearchParams({ signature: sha1(TOKEN, timestamp, 'n1'), timestamp, nonce: 'n1' });
  const body = picture
    ? `<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[${content}]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>`
    : `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content>`;
  const xml =
    `<xml><ToUserName><![CDATA[gh_reply]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime>${body}<MsgId>${String(++msgId)}</MsgId></xml>`;
  return fetch(`${h.base}/wechat/${WX_SITE}?${q.toString()}`, { method: 'POST', body: xml });
};
const upload = (site: string, chatId: string, name: string, bytes: Buffer) =>
  fetch(`${h.base}/api/files?site=${site}&chat=${chatId}`, {
    method: 'POST',
    headers: { 'x-file-name': encodeURIComponent(name), cookie: `lt_session=${h.tokens.agent}`, origin: h.base },
    body: new Uint8Array(bytes),
  });
/** The link as given, fetched from this test's server (PUBLIC_URL is unset: it names localhost). */
const fetchLink = (link: string) => {
  const u = new URL(link);
  return fetch(`${h.base}${u.pathname}${u.search}`);
};
const messagesOf = (events: ServerToAgent[], chatId: string): ChatMessage[] =>
  events.flatMap((e) => (e.type === 'chat.message' && e.message.chatId === chatId ? [e.message] : []));
const hook = z.object({
  data: z.object({
    chat_id: z.string(),
    text: z.string(),
    sender: z.enum(['agent', 'robot']),
    agent_name: z.string(),
    file: z
      .object({ id: z.string(), name: z.string(), type: z.string(), size: z.number(), url: z.string() })
      .optional(),
  }),
});
const hooks = () => receiver.received.map((r) => hook.parse(JSON.parse(r.body)).data);

describe('robot answers and files through channels', () => {
  it('API: the robot answers and declines by webhook, "human" queues the chat, files go as signed links', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, API_SITE);
    sendJson(agent.ws, { type: 'agent.status', status: 'away', maxChats: 3 });
    // Stored presence: after the test before, a new socket starts online until this is handled.
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.status).toBe('away');
    const first = await postApi('app-user-1', 'How long does delivery take?');
    expect(first.status).toBe(200);
    const chatId = z.object({ chat_id: z.string() }).parse(await first.json()).chat_id;
    await expect
      .poll(() => hooks().map((d) => [d.sender, d.agent_name, d.text]))
      .toEqual([['robot', 'Robo', DELIVERY]]);
    for (const r of receiver.received)
      expect(verifySignature(channel.secret, String(r.headers['leadtrail-signature']), r.body)).toBe(true);
    await postApi('app-user-1', 'Do you sell gift cards for llamas?');
    await expect.poll(() => hooks().at(-1)?.text).toBe(EN_DECLINE);
    // The console marks them as the robot's, as on the web.
    await expect
      .poll(() => messagesOf(agent.events, chatId).map((m) => m.sender))
      .toEqual(['visitor', 'robot', 'visitor', 'robot']);

    await postApi('app-user-1', 'human');
    await expect.poll(() => hooks().at(-1)?.text).toBe(EN_QUEUED);
    await expect
      .poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId))
      .toMatchObject({ status: 'queued', robot: 'handed_over', channel: 'api' });
    // Handed over: the robot says nothing more; the agent who comes online takes the chat.
    sendJson(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
    await expect
      .poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId)?.agentId)
      .toBe(h.userIds.agent);
    const sent = await upload(API_SITE, chatId, 'label.png', PNG);
    expect(sent.status).toBe(201);
    await expect.poll(() => hooks().length).toBe(4);
    const delivered = hooks()[3];
    expect(delivered).toMatchObject({ sender: 'agent', text: 'label.png' });
    expect(delivered?.file).toMatchObject({ name: 'label.png', type: 'image/png', size: PNG.length });
    const link = new URL(delivered?.file?.url ?? '');
    expect(link.pathname).toBe(`/api/files/${API_SITE}/${delivered?.file?.id}`);
    const got = await fetchLink(link.href);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    // Forged, moved to another file, expired, or without its expiry: refused, no session needed to be refused.
    const forged = new URL(link);
    const sig = link.searchParams.get('sig') ?? '';
    forged.searchParams.set('sig', `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
    const later = new URL(link);
    later.searchParams.set('exp', String(Number(link.searchParams.get('exp')) + 3600));
    const noExp = new URL(link);
    noExp.searchParams.delete('exp');
    const otherFile = new URL(link.href.replace(delivered?.file?.id ?? '', 'f_AAAAAAAAAAAAAAAAAAAAAA'));
    const expired = new FileLinks(filesDir).url(
      h.base,
      API_SITE,
      delivered?.file?.id ?? '',
      Date.now() - FILE_LINK_TTL_MS,
    );
    const statuses = await Promise.all(
      [forged, later, noExp, otherFile, expired].map(async (u) => (await fetchLink(String(u))).status),
    );
    expect(statuses).toEqual([403, 403, 403, 403, 410]);
    sendJson(agent.ws, { type: 'chat.close', chatId });
    await expect.poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId)?.status).toBe('closed');
    agent.ws.close();
  }, 30_000);

  it('WeChat: the robot answers in Chinese, 转人工 queues the chat, images go as uploaded media and PDFs as links', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, WX_SITE);
    sendJson(agent.ws, { type: 'agent.status', status: 'away', maxChats: 3 });
    // Stored presence: after the test before, a new socket starts online until this is handled.
    await expect.poll(() => seen(agent.events, h.userIds.agent)?.status).toBe('away');
    expect((await postWechat('请问怎么退货？')).status).toBe(200);
    await expect
      .poll(() => wechat.sent.map((m) => [m.touser, m.msgtype, m.text?.content]))
      .toEqual([[OPENID, 'text', RETURN_ZH]]);
    const chatId = chatUpserts(agent.events).find((c) => c.channel === 'wechat')?.chatId ?? '';
    // A photo is not a question: shown to the agent, not answered by the robot.
    await postWechat('https://mmbiz.qpic.cn/photo.jpg', true);
    await expect.poll(() => messagesOf(agent.events, chatId).length).toBe(3);
    await postWechat('转人工');
    await expect.poll(() => wechat.sent.at(-1)?.text?.content).toBe(ZH_QUEUED);
    await expect
      .poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId))
      .toMatchObject({ status: 'queued', robot: 'handed_over' });
    expect(messagesOf(agent.events, chatId).map((m) => m.sender)).toEqual([
      'visitor',
      'robot',
      'visitor',
      'visitor',
      'robot',
    ]);
    expect(wechat.sent).toHaveLength(2);

    sendJson(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
    await expect
      .poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId)?.agentId)
      .toBe(h.userIds.agent);
    // Someone else took a token meanwhile: the upload is refused (40001), a new token fetched, the upload made again.
    wechat.rotateToken();
    expect((await upload(WX_SITE, chatId, '发票.png', PNG)).status).toBe(201);
    await expect.poll(() => wechat.sent.length).toBe(3);
    expect(wechat.refused).toEqual([40001]);
    expect(wechat.uploads).toHaveLength(1);
    const [media] = wechat.uploads;
    expect(media?.bytes.equals(PNG)).toBe(true);
    expect([media?.type, media?.fileName, media?.contentType]).toEqual(['image', '发票.png', 'image/png']);
    expect(wechat.sent[2]).toMatchObject({ touser: OPENID, msgtype: 'image', image: { media_id: media?.mediaId } });

    expect((await upload(WX_SITE, chatId, 'quote.pdf', PDF)).status).toBe(201);
    await expect.poll(() => wechat.sent.length).toBe(4);
    const [name, url] = (wechat.sent[3]?.text?.content ?? '').split('\n');
    expect(name).toBe('quote.pdf');
    const pdf = await fetchLink(url ?? '');
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    expect(wechat.uploads).toHaveLength(1);
    sendJson(agent.ws, { type: 'chat.close', chatId });
    await expect.poll(() => chatUpserts(agent.events).findLast((c) => c.chatId === chatId)?.status).toBe('closed');
    agent.ws.close();
  }, 30_000);
});
