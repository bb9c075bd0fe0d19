import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { importKbArticles } from '../kb/kb-articles.ts';
import { saveSite } from '../sites/site-service.ts';
import { appRouter } from '../trpc/root.ts';
import { listKbArticles } from './kb-articles.ts';
import { testStore } from '../testing/test-store.ts';

// The robot's report from a hand-written fixture: eight chats whose outcomes are counted
// here by hand (comments), not by the code under test.
const ch = testStore();
const SITE = 'robot-report';
const at = (iso: string) => Date.parse(iso);
const rows: EventRow[] = [];
let kbA = '';
let kbB = '';

function ev(
  chatId: string,
  visitor: string,
  iso: string,
  type: string,
  props: Record<string, string> = {},
  agent = '',
) {
  rows.push(
    blankEvent({
      site_id: SITE,
      ts: at(iso),
      event_id: randomUUID(),
      type,
      visitor_id: visitor,
      session_id: `${visitor}-s`,
      chat_id: chatId,
      agent_id: agent,
      props,
    }),
  );
}

/** A chat the robot took: requested and started by the robot in the same instant. */
function robotChat(chatId: string, visitor: string, iso: string) {
  ev(chatId, visitor, iso, 'chat_requested', { origin: 'visitor' });
  ev(chatId, visitor, iso, 'chat_started', { origin: 'visitor', robot: '1', agent_name: 'Robo' }, 'robot');
}
const answered = (chat: string, v: string, iso: string, article: string, question: string) =>
  ev(chat, v, iso, 'robot_answered', { kind: 'answer', article_id: article, question }, 'robot');
const declined = (chat: string, v: string, iso: string, question: string) =>
  ev(chat, v, iso, 'robot_answered', { kind: 'decline', article_id: '', question }, 'robot');
const rated = (chat: string, v: string, iso: string, article: string, helpful: boolean) =>
  ev(chat, v, iso, 'robot_rated', { article_id: article, helpful: helpful ? '1' : '0' }, 'robot');

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Robot', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  await importKbArticles(
    ch,
    SITE,
    'json',
    JSON.stringify([
      { question: 'How long does delivery take?', answer: '3-5 days.', language: 'en' },
      { question: 'How do I return an item?', answer: 'From your order page.', language: 'en' },
    ]),
    'u-admin',
  );
  const articles = await listKbArticles(ch, SITE);
  kbA = articles.find((a) => a.question.startsWith('How long'))!.articleId;
  kbB = articles.find((a) => a.question.startsWith('How do I'))!.articleId;

  // A: answered, rated helpful, closed; v1 never comes back → resolved.
  robotChat('A', 'v1', '2026-11-10T10:00:00Z');
  answered('A', 'v1', '2026-11-10T10:00:01Z', kbA, 'when does it arrive');
  rated('A', 'v1', '2026-11-10T10:01:00Z', kbA, true);
  ev('A', 'v1', '2026-11-10T10:05:00Z', 'chat_ended', { closed_by: 'visitor' }, 'robot');
  // B: answered, rated not helpful, closed; v2 asks again three hours later → not resolved.
  robotChat('B', 'v2', '2026-11-11T10:00:00Z');
  answered('B', 'v2', '2026-11-11T10:00:01Z', kbA, 'delivery time?');
  rated('B', 'v2', '2026-11-11T10:01:00Z', kbA, false);
  ev('B', 'v2', '2026-11-11T10:05:00Z', 'chat_ended', { closed_by: 'visitor' }, 'robot');
  ev('B2', 'v2', '2026-11-11T13:05:00Z', 'chat_requested', { origin: 'visitor' });
  ev('B2', 'v2', '2026-11-11T13:05:00Z', 'chat_started', { origin: 'visitor' }, 'u-agent');
  // C: declined, handed over to a person who took it → handed over.
  robotChat('C', 'v3', '2026-11-12T10:00:00Z');
  declined('C', 'v3', '2026-11-12T10:00:01Z', 'do you ship to mars');
  ev('C', 'v3', '2026-11-12T10:01:00Z', 'chat_handover', { outcome: 'queued' }, 'robot');
  ev('C', 'v3', '2026-11-12T10:01:00Z', 'chat_started', { origin: 'visitor' }, 'u-agent');
  ev('C', 'v3', '2026-11-12T10:09:00Z', 'chat_ended', { closed_by: 'agent' }, 'u-agent');
  // D: declined, a person asked for while nobody was online (offline form), closed → handed over.
  robotChat('D', 'v4', '2026-11-13T10:00:00Z');
  declined('D', 'v4', '2026-11-13T10:00:01Z', 'Shipping to Mars?');
  ev('D', 'v4', '2026-11-13T10:01:00Z', 'chat_handover', { outcome: 'offline' }, 'robot');
  ev('D', 'v4', '2026-11-13T10:02:00Z', 'chat_ended', { closed_by: 'visitor' }, 'robot');
  // E: answered, still open → neither.
  robotChat('E', 'v5', '2026-11-14T10:00:00Z');
  answered('E', 'v5', '2026-11-14T10:00:01Z', kbB, 'return it');
  // F: answered, closed; v6 comes back 25 hours later, past the day → resolved.
  robotChat('F', 'v6', '2026-11-15T10:00:00Z');
  answered('F', 'v6', '2026-11-15T10:00:01Z', kbA, 'how long is shipping');
  ev('F', 'v6', '2026-11-15T10:00:30Z', 'chat_ended', { closed_by: 'visitor' }, 'robot');
  ev('F2', 'v6', '2026-11-16T11:00:31Z', 'chat_requested', { origin: 'visitor' });
  // G: a person's chat, no robot → not a robot chat.
  ev('G', 'v7', '2026-11-16T10:00:00Z', 'chat_requested', { origin: 'visitor' });
  ev('G', 'v7', '2026-11-16T10:00:00Z', 'chat_started', { origin: 'visitor' }, 'u-agent');
  // H: declined, closed without asking for a person, no return → resolved.
  robotChat('H', 'v8', '2026-11-17T10:00:00Z');
  declined('H', 'v8', '2026-11-17T10:00:01Z', 'gift wrapping available?');
  ev('H', 'v8', '2026-11-17T10:03:00Z', 'chat_ended', { closed_by: 'visitor' }, 'robot');
  // Before the range: not counted.
  robotChat('Z', 'v9', '2026-10-20T10:00:00Z');
  declined('Z', 'v9', '2026-10-20T10:00:01Z', 'old question about mars shipping');
  await ch.insert({ table: TABLES.events, values: rows, format: 'JSONEachRow' });
});
afterAll(() => ch.close());

const caller = (role: SessionUser['role']) =>
  appRouter.createCaller({
    ch,
    user: { id: `u-${role}`, email: `${role}@example.com`, name: role, role, siteIds: [SITE] },
    token: null,
    ip: '10.0.0.1',
    resHeaders: new Headers(),
  });
const range = { preset: 'custom' as const, from: '2026-11-01', to: '2026-11-30' };

describe('robot report', () => {
  it('counts robot chats, resolutions and handovers as the fixture says', async () => {
    const report = await caller('manager').robot.report({ siteId: SITE, range });
    // Robot chats A B C D E F H; handed over C D; resolved A F H (B came back within a day, E is open).
    expect(report.summary).toEqual({ chats: 7, handedOver: 2, resolved: 3 });
    expect(report.articles).toEqual([
      { articleId: kbA, question: 'How long does delivery take?', answers: 3, helpful: 1, notHelpful: 1 },
      { articleId: kbB, question: 'How do I return an item?', answers: 1, helpful: 0, notHelpful: 0 },
    ]);
    // C's and D's questions share "ship" and "mars" (stemmed, folded); H's shares nothing.
    expect(report.unanswered.map((g) => [g.question, g.times, g.examples.length])).toEqual([
      ['Shipping to Mars?', 2, 2],
      ['gift wrapping available?', 1, 1],
    ]);
    expect(report.unanswered[0]?.terms).toEqual(expect.arrayContaining(['ship']));
  });

  it('shows robot chats in the history and as the agents report row "robot"', async () => {
    const manager = caller('manager');
    const all = await manager.chatHistory.list({ siteId: SITE, range, pageSize: 50 });
    expect(all.total).toBe(10);
    const robot = await manager.chatHistory.list({ siteId: SITE, range, robot: 'robot', pageSize: 50 });
    expect(robot.rows.map((r) => r.chatId).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'H']);
    const handed = await manager.chatHistory.list({ siteId: SITE, range, robot: 'handed_over', pageSize: 50 });
    expect(handed.rows.map((r) => [r.chatId, r.served, r.agentId]).sort()).toEqual([
      ['C', 'handed_over', 'u-agent'],
      ['D', 'handed_over', 'robot'],
    ]);
    // The robot's row: chats it kept to the end (A B D E F H); C went to the agent with B2 and G.
    const agents = await manager.conversion.agents({ siteId: SITE, range });
    expect(agents.map((a) => [a.agentId, a.chats])).toEqual([
      ['robot', 6],
      ['u-agent', 3],
    ]);
    await expect(caller('agent').robot.report({ siteId: SITE, range })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
