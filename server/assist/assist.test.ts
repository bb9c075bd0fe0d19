import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ServerToAgent } from '../contract/channels.ts';
import type { Suggestion } from '../contract/assist.ts';
import { saveUser } from '../auth/user-service.ts';
import { saveKbArticle } from '../kb/kb-articles.ts';
import { kbSearchIndex } from '../kb/kb-search.ts';
import { saveSite } from '../sites/site-service.ts';
import { freshStore, startDashboard, trpc, type Dashboard } from '../testing/dashboard-harness.ts';
import { agentSocket, hello, pageview, visitorSocket } from '../testing/realtime-harness.ts';

// Agent assist over the real app: the visitor types in the widget, the agent's socket gets
// the preview, and the console's request for suggestions (tRPC over HTTP, with the agent's
// session) answers the matching article first; what was shown and used is stored.
const SITE = 'assist-shop';
let ch: ClickHouseClient;
let d: Dashboard;
let token: string;
let agentId: string;
const articles: Record<string, string> = {};

beforeAll(async () => {
  ch = await freshStore();
  await saveSite(ch, { id: SITE, name: 'Shop', domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  agentId = (
    await saveUser(ch, {
      email: 'ann@example.com',
      name: 'Ann',
      role: 'agent',
      siteIds: [SITE],
      password: 'agent-password-1',
    })
  ).id;
  d = await startDashboard(ch, { trustProxy: true });
  while (!kbSearchIndex().isReady) await new Promise((r) => setTimeout(r, 20));
  for (const [key, question, answer] of [
    [
      'address',
      'How do I change my delivery address?',
      'Open **My orders**, pick the order and choose *Change address* before it ships.',
    ],
    ['refund', 'How long does a refund take?', 'Refunds reach your card within 5 working days.'],
    ['hours', 'When are you open?', 'We answer chats from 9:00 to 18:00, Monday to Friday.'],
    ['invoice', 'Can I get an invoice?', 'Yes: every order page has a Download invoice button.'],
  ] as const)
    articles[key] = (await saveKbArticle(ch, SITE, { question, answer, language: 'en' }, 'u-admin')).articleId;
  token = (await trpc(d.base, 'auth.signIn', { email: 'ann@example.com', password: 'agent-password-1' })).session ?? '';
}, 60_000);
afterAll(async () => {
  await d.close();
  await ch.close();
});

const origin = () => ({ origin: d.base });

describe('agent assist', () => {
  it('suggests the matching articles for what the visitor is typing, and stores what was shown and used', async () => {
    const agent = await agentSocket(d.base, token, SITE);
    await pageview(d.base, SITE, 'assist-visitor-1', '/orders', 'Orders');
    const v = await visitorSocket(d.base, { ip: '81.2.69.142' });
    v.send(hello(SITE, 'assist-visitor-1', 'https://shop.example/orders'));
    v.send({ type: 'chat.request', name: 'Mia', question: 'Hello' });
    const chatOf = () =>
      agent.events
        .flatMap((e: ServerToAgent) => (e.type === 'chat.upsert' ? [e.chat] : []))
        .find((c) => c.visitorId === 'assist-visitor-1');
    await expect.poll(() => chatOf()?.status, { timeout: 10_000 }).toBe('open');
    const chatId = chatOf()?.chatId ?? '';

    // The visitor's draft reaches the agent as a preview; the console asks with it.
    v.send({ type: 'chat.typing', text: 'how can i change the delivery adress' });
    const preview = () =>
      agent.events
        .flatMap((e: ServerToAgent) => (e.type === 'chat.typing' && e.chatId === chatId ? [e.text] : []))
        .at(-1);
    await expect.poll(preview, { timeout: 10_000 }).toBe('how can i change the delivery adress');
    const answer = await trpc(
      d.base,
      'assist.suggest',
      { siteId: SITE, chatId, text: preview() },
      { cookie: token, query: true },
    );
    expect(answer.status).toBe(200);
    const suggestions = answer.json.result?.data as Suggestion[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]).toMatchObject({
      articleId: articles['address'],
      question: 'How do I change my delivery address?',
      preview: 'Open My orders, pick the order and choose Change address before it ships.',
    });

    // Shown, then the first used with its shortcut.
    const shown = suggestions.map((s) => s.articleId);
    expect(
      (
        await trpc(
          d.base,
          'assist.note',
          { siteId: SITE, kind: 'shown', chatId, articleIds: shown },
          { cookie: token, headers: origin() },
        )
      ).status,
    ).toBe(200);
    const used = await trpc(
      d.base,
      'assist.note',
      { siteId: SITE, kind: 'used', chatId, articleId: articles['address'], via: 'shortcut' },
      { cookie: token, headers: origin() },
    );
    expect(used.status).toBe(200);
    const r = await ch.query({
      query: `SELECT kind, user_id, chat_id, article_id, via FROM ${TABLES.suggestionEvents} WHERE site_id = {s:String} ORDER BY kind, article_id`,
      query_params: { s: SITE },
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual(
      [
        ...shown.map((a) => ({ kind: 'shown', user_id: agentId, chat_id: chatId, article_id: a, via: '' })),
        { kind: 'used', user_id: agentId, chat_id: chatId, article_id: articles['address'], via: 'shortcut' },
      ].sort((a, b) => (a.kind + a.article_id).localeCompare(b.kind + b.article_id)),
    );
    // The use taught the index: a 'picked' use is stored for the next start.
    await expect
      .poll(async () => {
        const u = await ch.query({
          query: `SELECT count() AS n FROM ${TABLES.kbArticleUses} WHERE site_id = {s:String} AND article_id = {a:String} AND kind = 'picked'`,
          query_params: { s: SITE, a: articles['address'] },
          format: 'JSONEachRow',
        });
        return Number((await u.json<{ n: string }>())[0]?.n);
      })
      .toBe(1);
    v.ws.close();
    agent.ws.close();
  });

  it('refuses bad input with 400 and other roles or sites with 403', async () => {
    const bad = await trpc(
      d.base,
      'assist.note',
      { siteId: SITE, kind: 'used', chatId: 'c1', articleId: 'not-an-article', via: 'click' },
      { cookie: token, headers: origin() },
    );
    expect(bad.status).toBe(400);
    const other = await trpc(
      d.base,
      'assist.suggest',
      { siteId: 'other-site', chatId: 'c1', text: 'refund' },
      { cookie: token, query: true },
    );
    expect(other.status).toBe(403);
    const anonymous = await trpc(
      d.base,
      'assist.suggest',
      { siteId: SITE, chatId: 'c1', text: 'refund' },
      { query: true },
    );
    expect(anonymous.status).toBe(401);
  });
});
