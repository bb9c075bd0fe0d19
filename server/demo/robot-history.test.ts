import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessageRow, EventRow } from '../../clickhouse/rows.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRobotMeta } from '../chat/chat-store.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { DEFAULT_ROBOT_CONFIDENCE, kbSearchIndex, startKbIndex } from '../kb/kb-search.ts';
import { reportScope } from '../queries/fragments/report-scope.ts';
import { listKbArticles } from '../queries/kb-articles.ts';
import { getRobotArticles } from '../queries/robot-articles.ts';
import { getRobotSummary } from '../queries/robot-summary.ts';
import { getRobotUnanswered } from '../queries/robot-unanswered.ts';
import { DEMO_ARTICLES } from './demo-articles.ts';
import { ensureDemoKnowledge, type RobotWorld } from './demo-knowledge.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { generateHistory } from './generate.ts';
import { testStore } from '../testing/test-store.ts';

// The demo's knowledge base and robot chats: the Robot report and the knowledge search must
// show what the generated rows hold, counted here from those rows themselves.
const ch = testStore();
const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 86_400_000;
const events: EventRow[] = [];
const messages: ChatMessageRow[] = [];
let world: RobotWorld;
const scope = () => reportScope(DEMO_SITE_ID, NOW - 91 * DAY, NOW + 1, {});

beforeAll(async () => {
  await migrate(ch);
  // Started on the empty store, as the server does: the articles reach it over the bus.
  await startKbIndex(ch);
  world = await ensureDemoKnowledge(ch, DEMO_SITE_ID, 'http://localhost:3000');
  const insert = clickHouseInsert(ch);
  await generateHistory({
    siteId: DEMO_SITE_ID,
    events: 20_000,
    now: NOW,
    seed: 7,
    robot: world,
    insert: async (table, rows) => {
      if (table === TABLES.events) events.push(...(rows as EventRow[]));
      if (table === TABLES.chatMessages) messages.push(...(rows as ChatMessageRow[]));
      await insert(table, rows);
    },
  });
}, 120_000);
afterAll(() => ch.close());

const robotChats = () =>
  new Set(events.filter((e) => e.type === 'chat_started' && e.props['robot'] === '1').map((e) => e.chat_id));

describe('demo knowledge base', () => {
  it('stores every demo article once, with alternates, categories and self-service links', async () => {
    const again = await ensureDemoKnowledge(ch, DEMO_SITE_ID, 'http://localhost:3000');
    expect(again.articles).toEqual(world.articles);
    const stored = await listKbArticles(ch, DEMO_SITE_ID);
    expect(stored).toHaveLength(DEMO_ARTICLES.en.length + DEMO_ARTICLES.zh.length);
    expect(DEMO_ARTICLES.en.length).toBeGreaterThanOrEqual(20);
    expect(DEMO_ARTICLES.zh.length).toBeGreaterThanOrEqual(20);
    expect(stored.every((a) => a.alternates.length > 0 && a.category !== '')).toBe(true);
    const links = stored.filter((a) => a.selfServiceUrl !== '');
    expect(links.length).toBeGreaterThan(3);
    expect(links.every((a) => a.selfServiceUrl.startsWith('http://localhost:3000/demo/'))).toBe(true);
  });

  it('is found by the search for questions put in other words, in both languages', () => {
    const idOf = (language: 'en' | 'zh', question: string) =>
      world.articles[language].find((a) => a.question === question)?.id;
    const cases: [string, 'en' | 'zh', string][] = [
      ['when will my tea order be delivered', 'en', 'How long does shipping take?'],
      ['can I send back a tea set I never opened', 'en', 'What is your return policy?'],
      ['盖碗收到时已经碎了', 'zh', '收到的茶具破损了怎么办？'],
      ['买够多少钱可以免运费', 'zh', '运费怎么算？包邮吗？'],
    ];
    for (const [query, language, question] of cases) {
      const [best] = kbSearchIndex().search(DEMO_SITE_ID, query, { language });
      expect(best?.articleId, query).toBe(idOf(language, question));
      // Confident enough that the robot answers with it.
      expect(best?.confidence, query).toBeGreaterThanOrEqual(DEFAULT_ROBOT_CONFIDENCE);
    }
  });
});

describe('robot chats in the demo history', () => {
  it('are summarised by the Robot report as the rows hold them', async () => {
    const chats = robotChats();
    const handed = new Set(
      events.filter((e) => e.type === 'chat_handover' && chats.has(e.chat_id)).map((e) => e.chat_id),
    );
    const ended = new Map(
      events.filter((e) => e.type === 'chat_ended' && chats.has(e.chat_id)).map((e) => [e.chat_id, e]),
    );
    const requests = events.filter((e) => e.type === 'chat_requested');
    let resolved = 0;
    for (const [chatId, end] of ended) {
      const returned = requests.some(
        (r) => r.visitor_id === end.visitor_id && r.chat_id !== chatId && r.ts > end.ts && r.ts <= end.ts + DAY,
      );
      if (!handed.has(chatId) && !returned) resolved++;
    }
    const summary = await getRobotSummary(ch, scope());
    expect(summary).toEqual({ chats: chats.size, handedOver: handed.size, resolved });
    expect(summary.chats).toBeGreaterThan(30);
    expect(summary.handedOver / summary.chats).toBeGreaterThan(0.15);
    expect(summary.handedOver / summary.chats).toBeLessThan(0.4);
    expect(summary.resolved / summary.chats).toBeGreaterThan(0.5);
    // Some handovers reached a demo agent, who then started the chat.
    const byPerson = events.filter(
      (e) => e.type === 'chat_started' && handed.has(e.chat_id) && e.agent_id.startsWith('agent-'),
    );
    expect(byPerson.length).toBeGreaterThan(0);
  });

  it('answers from the stored articles, and the top articles are counted as the rows hold them', async () => {
    const ids = new Set((await listKbArticles(ch, DEMO_SITE_ID)).map((a) => a.articleId));
    const uses = new Map<string, { answers: number; helpful: number; notHelpful: number }>();
    const use = (id: string) => uses.get(id) ?? uses.set(id, { answers: 0, helpful: 0, notHelpful: 0 }).get(id)!;
    for (const e of events) {
      if (e.type === 'robot_answered' && e.props['kind'] === 'answer') use(e.props['article_id'] ?? '').answers++;
      if (e.type === 'robot_rated')
        use(e.props['article_id'] ?? '')[e.props['helpful'] === '1' ? 'helpful' : 'notHelpful']++;
    }
    expect([...uses.keys()].every((id) => ids.has(id))).toBe(true);
    const expected = [...uses]
      .map(([articleId, u]) => ({ articleId, ...u }))
      .filter((u) => u.answers > 0)
      .sort((a, b) => b.answers - a.answers || b.helpful - a.helpful || (a.articleId < b.articleId ? -1 : 1));
    const top = await getRobotArticles(ch, scope(), 100);
    expect(top).toEqual(expected);
    expect(top.length).toBeGreaterThan(10);
    expect(top.some((t) => t.helpful > 0) && top.some((t) => t.notHelpful > 0)).toBe(true);
  });

  it('lists the recurring unanswered questions as the rows hold them', async () => {
    const times = new Map<string, number>();
    for (const e of events)
      if (e.type === 'robot_answered' && e.props['kind'] === 'decline') {
        const q = e.props['question'] ?? '';
        times.set(q, (times.get(q) ?? 0) + 1);
      }
    const listed = await getRobotUnanswered(ch, scope(), 100);
    expect(new Map(listed.map((u) => [u.question, u.times]))).toEqual(times);
    expect(listed[0]?.times).toBeGreaterThanOrEqual(3);
    expect(listed.length).toBeLessThanOrEqual(10);
  });

  it('stores robot messages as the live robot does: sender robot, its note, its turn after the question', () => {
    const chats = robotChats();
    const robot = messages.filter((m) => m.sender === 'robot');
    expect(robot.length).toBeGreaterThan(chats.size);
    for (const m of robot) {
      expect(chats.has(m.chat_id)).toBe(true);
      expect(m.agent_id).toBe('robot');
      expect(readRobotMeta(m.meta ?? '')?.name).toBe('Robot');
    }
    const answers = robot.filter((m) => readRobotMeta(m.meta ?? '')?.note.kind === 'answer');
    const answered = events.filter((e) => e.type === 'robot_answered' && e.props['kind'] === 'answer');
    expect(answers.map((m) => readRobotMeta(m.meta ?? '')?.note.articleId).sort()).toEqual(
      answered.map((e) => e.props['article_id']).sort(),
    );
    // Each chat's messages are numbered 1, 2, 3… in time order.
    const byChat = new Map<string, ChatMessageRow[]>();
    for (const m of messages) (byChat.get(m.chat_id) ?? byChat.set(m.chat_id, []).get(m.chat_id)!).push(m);
    for (const list of byChat.values()) expect(list.map((m) => m.seq)).toEqual(list.map((_, i) => i + 1));
  });
});
