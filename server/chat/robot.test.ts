import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ChatMessage, ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import { DEFAULT_SERVICE_SETTINGS, type RobotSettings } from '../contract/service-settings.ts';
import { importKbArticles } from '../kb/kb-articles.ts';
import { kbIndex } from '../kb/kb-search.ts';
import { kbUseCounts } from '../queries/kb-use-counts.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import { realtimeBus } from '../bus/bus.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { robotText } from './robot-text.ts';
import { createApp } from '../app.ts';
import { listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';

// The robot end to end: the real app and knowledge search, real sockets, the embedded store.
const SITES = { alone: 'robot-alone', team: 'robot-team', strict: 'robot-strict', restart: 'robot-restart' };
const DELIVERY_ANSWER = 'Delivery takes 3-5 business days.\n- Tracked parcel\n- [Track it](https://shop.example/track)';
const RETURN_ZH = '签收后7天内在订单页申请退货。';
const ARTICLES = JSON.stringify([
  {
    question: 'How long does delivery take?',
    alternates: ['When will my parcel arrive?', 'Shipping time'],
    answer: DELIVERY_ANSWER,
    category: 'Delivery',
    language: 'en',
    selfServiceUrl: 'https://shop.example/track',
  },
  { question: 'How do I return an item?', answer: 'Return it within 30 days from your order page.', language: 'en' },
  {
    question: '怎么退货？',
    alternates: ['不想要了怎么办', '如何退货'],
    answer: RETURN_ZH,
    category: '退换货',
    language: 'zh',
  },
]);

let h: LiveHarness;
beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), {
    heartbeatTimeoutMs: 5_000,
    graceMs: 500,
    tickMs: 50,
    pingMs: 1_000,
  });
  for (const site of Object.values(SITES)) await importKbArticles(h.ch, site, 'json', ARTICLES, h.userIds.admin);
  // The index builds in the background at start; the imports reach it over the bus.
  for (let i = 0; i < 100 && kbIndex().search(SITES.alone, 'parcel').length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  for (const site of Object.values(SITES)) await serviceSettings().save(h.ch, site, DEFAULT_SERVICE_SETTINGS);
  await h.close();
});

async function robotMode(site: string, robot: Partial<RobotSettings>) {
  await serviceSettings().save(h.ch, site, {
    ...DEFAULT_SERVICE_SETTINGS,
    robot: { ...DEFAULT_SERVICE_SETTINGS.robot, name: 'Robo', ...robot },
  });
  realtimeBus().publish('serviceSettings', { siteId: site });
}

async function visitor(site: string, visitorId: string, lang: 'en' | 'zh', chatToken?: string) {
  await pageview(h.base, site, visitorId, '/help', 'Help');
  const v = await visitorSocket(h.base);
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId), lang, chatToken });
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  const messages = () => got.flatMap((m) => (m.type === 'chat.message' ? [m.message] : []));
  const robotSaid = () => messages().filter((m) => m.sender === 'robot');
  const state = () => got.flatMap((m) => (m.type === 'chat.state' && m.chat ? [m.chat] : [])).at(-1);
  const token = () => got.flatMap((m) => (m.type === 'chat.state' && m.token ? [m.token] : [])).at(-1);
  return { ...v, got, messages, robotSaid, state, token };
}

async function stored(site: string, type: string): Promise<Record<string, string>[]> {
  const r = await h.ch.query({
    query: `SELECT agent_id, chat_id, props FROM ${TABLES.events} WHERE site_id = {s:String} AND type = {t:String} ORDER BY ts`,
    query_params: { s: site, t: type },
    format: 'JSONEachRow',
  });
  return (await r.json<{ agent_id: string; chat_id: string; props: Record<string, string> }>()).map((x) => ({
    agent: x.agent_id,
    chat: x.chat_id,
    ...x.props,
  }));
}

// Steps reach ClickHouse through the ingest journal after the socket's reply: on a loaded machine, seconds.
const STORED = { timeout: 10_000 };

const send = (ws: WebSocket, m: object) => ws.send(JSON.stringify(m));

describe('the robot', () => {
  it('answers from the best article when nobody is online, declines what no article answers, takes a rating, and offers the offline form', async () => {
    await robotMode(SITES.alone, { mode: 'no_agent' });
    const v = await visitor(SITES.alone, 'visitor-robot-1', 'en');
    expect(v.got.find((m) => m.type === 'welcome')).toMatchObject({ agentsOnline: false, robot: true });

    v.send({ type: 'chat.request', name: 'Ann', question: 'When will my parcel arrive?' });
    await expect.poll(() => v.robotSaid().length).toBe(1);
    expect(v.state()).toMatchObject({ status: 'open', robot: true, agentName: 'Robo' });
    const answer = v.robotSaid()[0]!;
    const delivery = kbIndex().search(SITES.alone, 'How long does delivery take?')[0]!;
    // The article's answer word for word, never made-up text.
    expect(answer).toMatchObject({ body: DELIVERY_ANSWER, agentName: 'Robo' });
    expect(answer.robot).toMatchObject({
      kind: 'answer',
      articleId: delivery.articleId,
      selfServiceUrl: 'https://shop.example/track',
    });
    expect(answer.robot!.confidence).toBeGreaterThanOrEqual(0.5);

    v.send({ type: 'chat.send', messageId: 'v-robot-unknown-1', body: 'Can I pay with seashells on Mars?' });
    await expect.poll(() => v.robotSaid().length).toBe(2);
    expect(v.robotSaid()[1]).toMatchObject({
      body: robotText('en', 'declineOffline'),
      robot: { kind: 'decline', articleId: '' },
    });

    v.send({ type: 'robot.rate', messageId: answer.messageId, helpful: true });
    v.send({ type: 'robot.rate', messageId: answer.messageId, helpful: false });
    await expect.poll(() => stored(SITES.alone, 'robot_rated'), STORED).toHaveLength(1);
    expect((await stored(SITES.alone, 'robot_rated'))[0]).toMatchObject({
      agent: 'robot',
      article_id: delivery.articleId,
      helpful: '1',
    });
    await expect
      .poll(
        async () =>
          (await kbUseCounts(h.ch)).find((u) => u.articleId === delivery.articleId && u.kind === 'rated_up')?.count,
        STORED,
      )
      .toBe(1);
    await expect
      .poll(
        async () =>
          (await stored(SITES.alone, 'robot_answered')).map((a) => [a['kind'], a['article_id'], a['question']]),
        STORED,
      )
      .toEqual([
        ['answer', delivery.articleId, 'When will my parcel arrive?'],
        ['decline', '', 'Can I pay with seashells on Mars?'],
      ]);

    // "human": nobody can chat, so the robot offers the offline form; the message ends the chat.
    v.send({ type: 'chat.send', messageId: 'v-robot-human-1', body: 'Human, please' });
    await expect.poll(() => v.robotSaid().at(-1)?.robot?.kind).toBe('offline');
    expect(v.robotSaid().at(-1)?.body).toBe(robotText('en', 'offline'));
    v.send({
      type: 'offline.message',
      name: 'Ann',
      email: 'ann@example.com',
      message: 'Please call me about my parcel',
    });
    await expect.poll(() => v.got.some((m) => m.type === 'offline.ok')).toBe(true);
    await expect.poll(() => v.state()?.status).toBe('closed');
    await expect
      .poll(async () => (await stored(SITES.alone, 'chat_handover')).map((e) => e['outcome']), STORED)
      .toEqual(['offline']);
    v.ws.close();
  });

  it('hands over on 转人工 to an agent, who gets the transcript with the robot marked and its guesses', async () => {
    await robotMode(SITES.team, { mode: 'always' });
    const agent = await agentSocket(h.base, h.tokens.agent, SITES.team);
    await expect.poll(() => agent.events.some((e) => e.type === 'chat.snapshot')).toBe(true);
    const v = await visitor(SITES.team, 'visitor-robot-2', 'zh');
    expect(v.got.find((m) => m.type === 'welcome')).toMatchObject({ agentsOnline: true, robot: true });

    v.send({ type: 'chat.request', question: '如何退货' });
    await expect.poll(() => v.robotSaid()[0]?.body).toBe(RETURN_ZH);
    v.send({ type: 'chat.send', messageId: 'v-robot-zh-unknown', body: '火星上可以用贝壳付款吗' });
    await expect.poll(() => v.robotSaid()[1]?.body).toBe(robotText('zh', 'declineQueue'));

    v.send({ type: 'chat.send', messageId: 'v-robot-zh-human', body: '转人工' });
    await expect.poll(() => v.robotSaid().at(-1)?.robot?.kind).toBe('handover');
    expect(v.robotSaid().at(-1)?.body).toBe(robotText('zh', 'handover'));
    // Routed at once to the online agent, with the robot's part of the chat.
    await expect.poll(() => v.state()).toMatchObject({ status: 'open', agentName: 'Agent', robot: false });
    const upserts = agent.events.filter(
      (e): e is Extract<ServerToAgent, { type: 'chat.upsert' }> => e.type === 'chat.upsert',
    );
    expect(upserts.at(-1)?.chat).toMatchObject({ status: 'open', agentId: h.userIds.agent, robot: 'handed_over' });
    const transcript = agent.events.flatMap((e) => (e.type === 'chat.message' ? [e.message] : []));
    expect(transcript.map((m: ChatMessage) => [m.sender, m.robot?.kind ?? ''])).toEqual([
      ['visitor', ''],
      ['robot', 'answer'],
      ['visitor', ''],
      ['robot', 'decline'],
      ['visitor', ''],
      ['robot', 'handover'],
    ]);
    expect(transcript[1]?.robot?.guesses[0]?.question).toBe('怎么退货？');
    // The chat counts for the robot (its start) and then for the agent.
    await expect
      .poll(async () => (await stored(SITES.team, 'chat_started')).map((s) => s['agent']), STORED)
      .toEqual(['robot', h.userIds.agent]);
    await expect
      .poll(async () => (await stored(SITES.team, 'chat_handover')).map((e) => e['outcome']), STORED)
      .toEqual(['queued']);

    // The agent answers; the robot says nothing more.
    send(agent.ws, { type: 'chat.send', chatId: v.state()!.chatId, messageId: 'a-robot-zh-1', body: '您好，我来帮您' });
    await expect.poll(() => v.messages().at(-1)?.sender).toBe('agent');
    v.send({ type: 'chat.send', messageId: 'v-robot-zh-after', body: '如何退货' });
    await expect.poll(() => v.messages().at(-1)?.messageId).toBe('v-robot-zh-after');
    await new Promise((r) => setTimeout(r, 200));
    expect(v.robotSaid()).toHaveLength(3);
    v.ws.close();
    agent.ws.close();
  });

  it('declines below the site threshold and answers at it', async () => {
    const best = kbIndex().search(SITES.strict, 'parcel arrival time', { language: 'en' })[0]!;
    // A loose question: its confidence is below 1, so a threshold just above it exists.
    expect(best.confidence).toBeLessThan(0.99);
    await robotMode(SITES.strict, { mode: 'always', threshold: Math.min(1, best.confidence + 0.01) });
    const v = await visitor(SITES.strict, 'visitor-robot-3', 'en');
    v.send({ type: 'chat.request', question: 'parcel arrival time' });
    await expect.poll(() => v.robotSaid()[0]?.robot?.kind).toBe('decline');
    // Nobody is online here: the decline points at the offline form.
    expect(v.robotSaid()[0]?.body).toBe(robotText('en', 'declineOffline'));
    expect(v.robotSaid()[0]?.robot?.guesses[0]).toMatchObject({
      articleId: best.articleId,
      confidence: best.confidence,
    });

    await robotMode(SITES.strict, { mode: 'always', threshold: best.confidence });
    v.send({ type: 'chat.send', messageId: 'v-robot-strict-2', body: 'parcel arrival time' });
    await expect.poll(() => v.robotSaid()[1]?.robot?.kind).toBe('answer');
    v.ws.close();
  });

  it('keeps serving its chat after a server restart, with its notes and name', async () => {
    await robotMode(SITES.restart, { mode: 'always' });
    const v = await visitor(SITES.restart, 'visitor-robot-4', 'en');
    v.send({ type: 'chat.request', question: 'When will my parcel arrive?' });
    await expect.poll(() => v.robotSaid()[0]?.robot?.kind).toBe('answer');
    const chatId = v.state()!.chatId;
    const token = v.token();
    v.ws.close();

    await h.app.close();
    h.app = await createApp({
      ch: h.ch,
      trustProxy: true,
      flushMs: 2,
      journalDir: tempDir('journal'),
      realtime: { tickMs: 50 },
    });
    h.base = await listen(h.app.server);

    const agent = await agentSocket(h.base, h.tokens.agent, SITES.restart);
    const snapshot = () => agent.events.flatMap((e) => (e.type === 'chat.snapshot' ? [e] : [])).at(-1);
    await expect
      .poll(() => snapshot()?.chats.map((c) => [c.chatId, c.status, c.agentId, c.robot]))
      .toEqual([[chatId, 'open', 'robot', 'serving']]);
    expect(snapshot()?.messages.map((m) => [m.sender, m.agentName, m.robot?.kind ?? ''])).toEqual([
      ['visitor', '', ''],
      ['robot', 'Robo', 'answer'],
    ]);
    agent.ws.close();
    // Nobody is online now: the robot still answers the visitor who comes back with the token.
    await new Promise((r) => setTimeout(r, 50));
    const back = await visitor(SITES.restart, 'visitor-robot-4', 'en', token);
    back.send({ type: 'chat.sync', afterSeq: 0 });
    await expect.poll(() => back.state()).toMatchObject({ chatId, status: 'open', robot: true });
    back.send({ type: 'chat.send', messageId: 'v-robot-restart-2', body: 'How do I return an item?' });
    await expect.poll(() => back.robotSaid().at(-1)?.body).toBe('Return it within 30 days from your order page.');
    back.ws.close();
  });
});
