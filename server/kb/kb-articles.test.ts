import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import type { SessionUser } from '../contract/roles.ts';
import { saveUser } from '../auth/user-service.ts';
import { listKbArticles } from '../queries/kb-articles.ts';
import { kbUseCounts } from '../queries/kb-use-counts.ts';
import { appRouter } from '../trpc/root.ts';
import { KbSearchIndex, kbIndex, startKbIndex } from './kb-search.ts';
import { testStore } from '../testing/test-store.ts';

// The knowledge base against a real embedded ClickHouse, through the tRPC router the screen uses.
const ch = testStore();
beforeAll(async () => {
  await migrate(ch);
  await saveUser(ch, { ...manager, password: 'a-long-password' });
  await startKbIndex(ch);
});
afterAll(() => ch.close());

const SITE = 'kb-site';
const manager: SessionUser = { id: 'u-mgr', email: 'm@example.com', name: 'Mia', role: 'manager', siteIds: [SITE] };
const agent: SessionUser = { ...manager, id: 'u-agent', role: 'agent' };
const caller = (u: SessionUser) =>
  appRouter.createCaller({ ch, user: u, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
const kb = (u: SessionUser = manager) => caller(u).kb;

const GOOD_CSV = [
  'id,question,alternates,answer,category,language,self_service_url,enabled',
  'x,How long does delivery take?,When will my parcel arrive? | Shipping time,"3-5 business days, tracked.",Delivery,en,https://shop.example/track,true',
  'x,怎么退货？,不想要了怎么办,签收后7天内在订单页申请退货。,退换货,zh,,1',
].join('\n');

describe('knowledge base storage', () => {
  it('refuses a whole import file when one row is bad, and says which row and why', async () => {
    const bad = GOOD_CSV.replace(/\nx,/g, '\n,') + '\n,No answer here,,,Misc,fr,javascript:alert(1),maybe';
    const preview = await kb().importPreview({ siteId: SITE, format: 'csv', text: bad });
    expect(preview.rows.map((r) => r.issues.map((i) => i.field).sort())).toEqual([
      [],
      [],
      ['answer', 'enabled', 'language', 'selfServiceUrl'],
    ]);
    await expect(kb().import({ siteId: SITE, format: 'csv', text: bad })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await listKbArticles(ch, SITE)).toEqual([]);
  });

  it('imports CSV, edits with history, exports a file that imports back as edits', async () => {
    const text = GOOD_CSV.replace(/\nx,/g, '\n,');
    expect(await kb().import({ siteId: SITE, format: 'csv', text })).toEqual({ created: 2, updated: 0 });
    const list = await kb().list({ siteId: SITE });
    const delivery = list.find((a) => a.language === 'en')!;
    expect(delivery).toMatchObject({
      alternates: ['When will my parcel arrive?', 'Shipping time'],
      selfServiceUrl: 'https://shop.example/track',
      version: 1,
      editedBy: manager.id,
    });
    // Saves reach the server's index over the bus.
    expect(kbIndex().search(SITE, 'parcel arrive')[0]?.articleId).toBe(delivery.articleId);

    const { articleId, version: _v, siteId: _s, editedAt: _e, editedBy: _b, ...fields } = delivery;
    await kb().save({ siteId: SITE, articleId, article: { ...fields, answer: 'Two days, tracked.' } });
    await kb().setEnabled({ siteId: SITE, articleId, enabled: false });
    const history = await kb().history({ siteId: SITE, articleId });
    expect(history.map((h) => [h.article.version, h.changed, h.editorName])).toEqual([
      [3, ['enabled'], 'Mia'],
      [2, ['answer'], 'Mia'],
      [1, ['question', 'alternates', 'answer', 'category', 'language', 'selfServiceUrl', 'enabled'], 'Mia'],
    ]);
    expect(kbIndex().search(SITE, 'parcel arrive')).toEqual([]);
    const admin = await kb().search({ siteId: SITE, query: 'parcel arrive' });
    expect(admin.hits[0]?.articleId).toBe(articleId);

    for (const format of ['csv', 'json'] as const) {
      const file = await kb().export({ siteId: SITE, format });
      expect(await kb().import({ siteId: SITE, format, text: file })).toEqual({ created: 0, updated: 2 });
    }
    const after = await listKbArticles(ch, SITE);
    expect(after.find((a) => a.articleId === articleId)).toMatchObject({
      version: 5,
      answer: 'Two days, tracked.',
      enabled: false,
    });
    expect(after.find((a) => a.language === 'zh')).toMatchObject({ version: 3, question: '怎么退货？' });
  });

  it('refuses an import that names another site’s article', async () => {
    const [article] = await listKbArticles(ch, SITE);
    const json = JSON.stringify([{ articleId: article!.articleId, question: 'Q', answer: 'A', language: 'en' }]);
    await expect(kb().import({ siteId: 'other-site', format: 'json', text: json })).rejects.toThrow();
    expect(await listKbArticles(ch, 'other-site')).toEqual([]);
  });

  it('rebuilds the index from ClickHouse with synonyms and learned use', async () => {
    await kb().saveSynonyms({ siteId: SITE, groups: [['refund', '退货', '退货'], ['lonely']] });
    expect(await kb().synonyms({ siteId: SITE })).toEqual([['refund', '退货']]);
    const zh = (await listKbArticles(ch, SITE)).find((a) => a.language === 'zh')!;
    kbIndex().noteUse(SITE, zh.articleId, 'picked');
    await new Promise((r) => setTimeout(r, 200));
    expect(await kbUseCounts(ch)).toEqual([{ siteId: SITE, articleId: zh.articleId, kind: 'picked', count: 1 }]);

    const fresh = new KbSearchIndex();
    expect(fresh.search(SITE, 'refund')).toEqual([]);
    await fresh.load(ch);
    expect(fresh.search(SITE, 'refund')[0]?.articleId).toBe(zh.articleId);
  });

  it('is for managers and admins only', async () => {
    await expect(kb(agent).list({ siteId: SITE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
