import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import {
  agentSocket,
  chatBodies,
  chatUpserts,
  sendJson,
  startLiveHarness,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { startWechatServer } from '../testing/wechat-server.ts';
import { saveWechat } from './channel-store.ts';
import { decryptWechat, encryptWechat } from './wechat-crypto.ts';

// The WeChat adapter against a simulated WeChat: the test plays WeChat's servers posting to
// the site's server URL, and a real HTTP server plays WeChat's API the replies go through.
const SITE = 'wechat-shop';
const ACCOUNT = { appId: 'wx1234567890abcdef', appSecret: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6' };
const TOKEN = 'leadtrailToken';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

let h: LiveHarness;
let wechat: Awaited<ReturnType<typeof startWechatServer>>;

beforeAll(async () => {
  wechat = await startWechatServer(ACCOUNT);
  h = await startLiveHarness(
    [SITE],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    {
      channels: { wechatApiBase: wechat.base, senderRates: { perMinute: 600, burst: 50 } },
      webhooks: { allowPrivate: false, timeoutMs: 2_000, retryBaseMs: 100 },
    },
  );
  await saveWechat(h.ch, SITE, { ...ACCOUNT, token: TOKEN, aesKey: AES_KEY, mode: 'plain', enabled: true });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await wechat?.close();
});

// Written out here, independently of the adapter: WeChat's documented signature.
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const signed = (extra: Record<string, string> = {}, token = TOKEN) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  return new URLSearchParams({ signature: sha1(token, timestamp, nonce), timestamp, nonce, ...extra });
};
const url = (q: URLSearchParams) => `${h.base}/wechat/${SITE}?${q.toString()}`;
const textXml = (content: string, msgId: string, from = OPENID) =>
  `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
  `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
  `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
const deliveryLog = async () =>
  (
    await readRows(
      h.ch,
      {
        query: `SELECT status FROM ${TABLES.webhookDeliveries} WHERE site_id = {site:String} ORDER BY at`,
        query_params: { site: SITE },
      },
      z.object({ status: col.text }),
    )
  ).map((r) => r.status);
const postXml = (q: URLSearchParams, body: string) =>
  fetch(url(q), { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

describe('WeChat Official Account adapter', () => {
  it('answers the server URL check with echostr only for a good signature', async () => {
    const ok = await fetch(url(signed({ echostr: '5837397749573' })));
    expect([ok.status, await ok.text()]).toEqual([200, '5837397749573']);
    const forged = await fetch(url(signed({ echostr: '5837397749573' }, 'wrongToken')));
    expect(forged.status).toBe(401);
    const missing = await fetch(`${h.base}/wechat/${SITE}?echostr=1`);
    expect(missing.status).toBe(401);
    const unknownSite = await fetch(`${h.base}/wechat/no-such-site?${signed({ echostr: '1' }).toString()}`);
    expect(unknownSite.status).toBe(404);
  });

  it('turns a plain text message into a chat and answers it through the customer-service API, token cached and renewed', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    sendJson(agent.ws, { type: 'agent.status', status: 'online', maxChats: 3 });
    const r = await postXml(signed(), textXml('你好，请问发货了吗？', '23456789012345678'));
    expect([r.status, await r.text()]).toEqual([200, 'success']);
    // WeChat retries an unanswered message with the same MsgId: nothing twice.
    await postXml(signed(), textXml('你好，请问发货了吗？', '23456789012345678'));
    await expect.poll(() => chatUpserts(agent.events).find((c) => c.channel === 'wechat')?.chatId).toBeTruthy();
    const chatId = chatUpserts(agent.events).find((c) => c.channel === 'wechat')?.chatId ?? '';
    await expect.poll(() => chatBodies(agent.events, chatId)).toEqual(['你好，请问发货了吗？']);

    sendJson(agent.ws, { type: 'chat.send', chatId, messageId: 'wx-reply-001', body: '今天发货' });
    await expect.poll(() => wechat.sent.length).toBe(1);
    expect(wechat.sent[0]).toEqual({
      token: 'ACCESS_TOKEN_1',
      touser: OPENID,
      msgtype: 'text',
      text: { content: '今天发货' },
    });
    expect(wechat.tokenRequests).toEqual([
      `grant_type=client_credential&appid=${ACCOUNT.appId}&secret=${ACCOUNT.appSecret}`,
    ]);

    // A second reply uses the cached token.
    sendJson(agent.ws, { type: 'chat.send', chatId, messageId: 'wx-reply-002', body: '单号稍后发您' });
    await expect.poll(() => wechat.sent.length).toBe(2);
    expect(wechat.tokenRequests).toHaveLength(1);

    // Token voided (40001) and then expired (42001): each time one new token and the reply still arrives.
    wechat.rotateToken();
    sendJson(agent.ws, { type: 'chat.send', chatId, messageId: 'wx-reply-003', body: 'third' });
    await expect.poll(() => wechat.sent.length).toBe(3);
    wechat.expireToken();
    sendJson(agent.ws, { type: 'chat.send', chatId, messageId: 'wx-reply-004', body: 'fourth' });
    await expect.poll(() => wechat.sent.length).toBe(4);
    expect(wechat.refused).toEqual([40001, 42001]);
    expect(wechat.tokenRequests).toHaveLength(3);
    // WeChat is down: the reply waits in the durable outbox and goes once it is back.
    wechat.setDown(true);
    sendJson(agent.ws, { type: 'chat.send', chatId, messageId: 'wx-reply-005', body: 'fifth' });
    await expect.poll(() => deliveryLog(), { timeout: 10_000 }).toContain('retrying');
    wechat.setDown(false);
    await expect.poll(() => wechat.sent.length, { timeout: 10_000 }).toBe(5);
    // The attempt is logged after WeChat answered: wait for the log, not only the send.
    await expect.poll(async () => (await deliveryLog()).filter((s) => s === 'delivered')).toHaveLength(5);
    expect(wechat.sent.map((m) => [m.token, m.text?.content])).toEqual([
      ['ACCESS_TOKEN_1', '今天发货'],
      ['ACCESS_TOKEN_1', '单号稍后发您'],
      ['ACCESS_TOKEN_3', 'third'],
      ['ACCESS_TOKEN_4', 'fourth'],
      ['ACCESS_TOKEN_4', 'fifth'],
    ]);
    agent.ws.close();
  }, 30_000);

  it('opens nothing for subscribe events, shows images, and refuses forged or malformed posts without losing the next', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    const follower = 'oFollower000000000000000001';
    const subscribe =
      `<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>${follower}</FromUserName>` +
      `<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
    expect(await (await postXml(signed(), subscribe)).text()).toBe('success');
    const forged = await postXml(signed({}, 'wrongToken'), textXml('forged', '1', follower));
    const notXml = await postXml(signed(), '<xml><FromUserName>');
    const noFields = await postXml(signed(), '<xml><Foo>1</Foo></xml>');
    const huge = await postXml(signed(), textXml('x'.repeat(70_000), '2', follower));
    expect([forged.status, notXml.status, noFields.status, huge.status]).toEqual([401, 400, 400, 413]);
    const image =
      `<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>${follower}</FromUserName><CreateTime>2</CreateTime>` +
      `<MsgType>image</MsgType><PicUrl>https://mmbiz.qpic.cn/pic.jpg</PicUrl><MediaId>m1</MediaId><MsgId>3</MsgId></xml>`;
    expect((await postXml(signed(), image)).status).toBe(200);
    const imageChats = () =>
      new Set(chatUpserts(agent.events).flatMap((c) => (c.visitor.question.includes('pic.jpg') ? [c.chatId] : [])));
    await expect.poll(() => imageChats().size).toBe(1);
    const chatId = chatUpserts(agent.events).find((c) => c.visitor.question.includes('pic.jpg'))?.chatId ?? '';
    // Only the image: the subscribe event and the refused posts opened or posted nothing.
    expect(chatBodies(agent.events, chatId)).toEqual(['[image] https://mmbiz.qpic.cn/pic.jpg']);
    agent.ws.close();
  }, 30_000);

  it('in safe mode decrypts Encrypt checked by msg_signature and refuses plain or forged messages', async () => {
    await saveWechat(h.ch, SITE, { ...ACCOUNT, appSecret: '', token: TOKEN, aesKey: '', mode: 'safe', enabled: true });
    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    const sender = 'oSafeMode00000000000000001';
    const encrypted = encryptWechat(AES_KEY, ACCOUNT.appId, textXml('加密消息', '9900000000000000001', sender));
    expect(decryptWechat(AES_KEY, ACCOUNT.appId, encrypted)).toContain('加密消息');
    const envelope = `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const q = signed({ encrypt_type: 'aes' });
    const msgSignature = sha1(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypted);
    const forged = new URLSearchParams(q);
    forged.set('msg_signature', sha1(TOKEN, 'x', 'y', encrypted));
    expect((await postXml(forged, envelope)).status).toBe(401);
    expect((await postXml(signed(), textXml('plain in safe mode', '9900000000000000002', sender))).status).toBe(400);
    const otherApp = encryptWechat(AES_KEY, 'wx0000000000000000', textXml('not ours', '9900000000000000003', sender));
    const qOther = signed({ encrypt_type: 'aes' });
    qOther.set('msg_signature', sha1(TOKEN, qOther.get('timestamp') ?? '', qOther.get('nonce') ?? '', otherApp));
    expect((await postXml(qOther, envelope.replace(encrypted, otherApp))).status).toBe(400);
    q.set('msg_signature', msgSignature);
    const ok = await postXml(q, envelope);
    expect([ok.status, await ok.text()]).toEqual([200, 'success']);
    await expect
      .poll(() => chatUpserts(agent.events).find((c) => c.visitor.question === '加密消息')?.channel)
      .toBe('wechat');
    const chatId = chatUpserts(agent.events).find((c) => c.visitor.question === '加密消息')?.chatId ?? '';
    expect(chatBodies(agent.events, chatId)).toEqual(['加密消息']);
    agent.ws.close();
  }, 30_000);
});
