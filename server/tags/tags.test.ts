import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { listTags } from '../queries/list-tags.ts';
import { appRouter } from '../trpc/root.ts';
import { erasePerson } from '../privacy/erase-person.ts';
import { getSubjectTags } from '../queries/subject-tags.ts';
import { onTagAdded, type TagAdded } from './record-assignments.ts';
import { visitorTagCache } from './tag-cache.ts';
import { TagRuleEngine } from './tag-rule-engine.ts';
import { removeTagRule, ruleProgress, saveTagRule } from './tag-rules.ts';
import { assignTag, removeTag, saveTag, tagsOf, unassignTag } from './tag-service.ts';
import { testStore } from '../testing/test-store.ts';

// Tags against the embedded engine; each test uses a site of its own.
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const T0 = Date.UTC(2026, 9, 1, 8);
let seq = 0;
function ev(siteId: string, visitorId: string, over: Partial<EventRow> = {}): EventRow {
  seq += 1;
  return blankEvent({
    site_id: siteId,
    ts: T0 + seq * 1000,
    type: 'pageview',
    visitor_id: visitorId,
    session_id: `${visitorId}-s1`,
    event_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    ...over,
  });
}
const insert = (rows: EventRow[]) => ch.insert({ table: TABLES.events, values: rows, format: 'JSONEachRow' });
const holders = async (siteId: string, tagId: string) =>
  (await getSubjectTags(ch, siteId, 'visitor', { tagId })).map((h) => h.subjectId).sort();

describe('tags and assignments', () => {
  it('tags a whole person, removes, and deleting a tag takes it off everyone', async () => {
    const site = 'tg-crud';
    const vip = await saveTag(ch, site, { name: 'VIP', color: 'gold', description: 'Spends a lot' });
    const b2b = await saveTag(ch, site, { name: 'B2B', color: 'blue' });
    await expect(saveTag(ch, site, { name: 'vip', color: 'red' })).rejects.toThrow(/exists already/);
    await saveTag(ch, site, { tagId: b2b.tagId, name: 'Business', color: 'cyan' });
    expect((await listTags(ch, site)).map((t) => [t.name, t.color])).toEqual([
      ['Business', 'cyan'],
      ['VIP', 'gold'],
    ]);

    // Two browsers of one person (joined by person id) and a stranger.
    await insert([ev(site, 'phone'), ev(site, 'laptop'), ev(site, 'stranger')]);
    await ch.insert({
      table: TABLES.identities,
      values: ['phone', 'laptop'].map((v) => ({
        site_id: site,
        visitor_id: v,
        person_id: 'p-1',
        name: 'Li Lei',
        email: 'li@example.cn',
        phone: '',
        updated_at: T0,
      })),
      format: 'JSONEachRow',
    });
    const added: TagAdded[] = [];
    const stop = onTagAdded((e) => added.push(e));
    await assignTag(ch, site, { kind: 'visitor', subjectId: 'phone', tagId: vip.tagId }, 'u1');
    await assignTag(ch, site, { kind: 'lead', subjectId: 'ld_1', tagId: b2b.tagId }, 'u1');
    await assignTag(ch, site, { kind: 'chat', subjectId: 'ch_1', tagId: vip.tagId }, 'u1');
    stop();
    expect(added.map((e) => `${e.kind}:${e.subjectId}`).sort()).toEqual([
      'chat:ch_1',
      'lead:ld_1',
      'visitor:laptop',
      'visitor:phone',
    ]);
    expect(await holders(site, vip.tagId)).toEqual(['laptop', 'phone']);
    expect(await tagsOf(ch, site, 'visitor', 'laptop')).toEqual([vip.tagId]);
    expect(await tagsOf(ch, site, 'visitor', 'stranger')).toEqual([]);
    expect(await tagsOf(ch, site, 'lead', 'ld_1')).toEqual([b2b.tagId]);

    await unassignTag(ch, site, { kind: 'visitor', subjectId: 'laptop', tagId: vip.tagId }, 'u1');
    expect(await holders(site, vip.tagId)).toEqual([]);
    expect(visitorTagCache().tagsOf(site, 'phone').size).toBe(0);

    await assignTag(ch, site, { kind: 'visitor', subjectId: 'stranger', tagId: vip.tagId }, 'u1');
    expect(await removeTag(ch, site, vip.tagId)).toBe(2); // the stranger and chat ch_1
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.tagAssignments} FINAL` });
    expect((await listTags(ch, site)).map((t) => t.name)).toEqual(['Business']);
    expect(await tagsOf(ch, site, 'chat', 'ch_1')).toEqual([]);
    expect(await holders(site, vip.tagId)).toEqual([]);
    await expect(
      assignTag(ch, site, { kind: 'visitor', subjectId: 'stranger', tagId: vip.tagId }, 'u1'),
    ).rejects.toThrow(/No such tag/);
  });
});

describe('automatic tag rules', () => {
  it('tags past visitors once saved, new ones as events arrive, and untags when deleted', async () => {
    const site = 'tg-rules';
    const fan = await saveTag(ch, site, { name: 'Product fan', color: 'purple' });
    // Past: a and b viewed product pages twice or more; c once; d only other pages.
    await insert([
      ev(site, 'a', { path: '/product/1' }),
      ev(site, 'a', { path: '/product/2' }),
      ev(site, 'b', { path: '/product/9' }),
      ev(site, 'b', { path: '/product/9' }),
      ev(site, 'b', { path: '/product/9' }),
      ev(site, 'c', { path: '/product/1' }),
      ev(site, 'c', { path: '/cart' }),
      ev(site, 'd', { path: '/products' }),
      ev(site, 'd', { path: '/about/product/' }),
    ]);
    const { rule, history } = await saveTagRule(ch, site, {
      name: 'Two product pages',
      tagId: fan.tagId,
      condition: { kind: 'pageVisits', pattern: '/product/*', count: 2 },
    });
    await history;
    expect(ruleProgress(rule.ruleId)).toEqual({ state: 'done', done: 2, total: 2 });
    expect(await holders(site, fan.tagId)).toEqual(['a', 'b']);

    // Live: c views a second product page; e arrives new with two. The engine sees the stored batch.
    const engine = new TagRuleEngine({ ch, delayMs: 10 });
    await engine.start();
    const batch = [
      ev(site, 'c', { path: '/product/3' }),
      ev(site, 'e', { path: '/product/4' }),
      ev(site, 'e', { path: '/product/5' }),
    ];
    await insert(batch);
    engine.onStored({ events: batch }, site);
    await engine.settle();
    expect(await holders(site, fan.tagId)).toEqual(['a', 'b', 'c', 'e']);

    // A hand-made tag on e outlives the rule; the rule's own go with it.
    await assignTag(ch, site, { kind: 'visitor', subjectId: 'e', tagId: fan.tagId }, 'u1');
    expect(await removeTagRule(ch, site, rule.ruleId)).toBe(3);
    expect(await holders(site, fan.tagId)).toEqual(['e']);
    await engine.close();
  });

  it('matches each kind of condition', async () => {
    const site = 'tg-kinds';
    const tag = await saveTag(ch, site, { name: 'T', color: 'green' });
    await insert([
      ev(site, 'v1', { session_source: 'Baidu', session_campaign: 'spring', country: 'CN', device: 'mobile' }),
      ev(site, 'v1', { session_id: 'v1-s2', country: 'CN', device: 'mobile' }),
      ev(site, 'v2', { session_source: 'Google', country: 'US', device: 'desktop' }),
      ev(site, 'v1', { type: 'order', order_id: 'o1', revenue: 120, currency: 'CNY' }),
      ev(site, 'v1', { type: 'order', order_id: 'o2', revenue: 90, currency: 'CNY' }),
      ev(site, 'v2', { type: 'order', order_id: 'o3', revenue: 50, currency: 'USD' }),
      ev(site, 'v2', { type: 'chat_started', chat_id: 'c1' }),
      ev(site, 'v1', { type: 'lead_created', lead_id: 'l1' }),
      ev(site, 'v2', { type: 'custom', name: 'signup' }),
    ]);
    const cases = [
      [{ kind: 'source', value: 'baidu.com' }, ['v1']],
      [{ kind: 'campaign', value: 'spring' }, ['v1']],
      [{ kind: 'country', value: 'US' }, ['v2']],
      [{ kind: 'device', value: 'mobile' }, ['v1']],
      [{ kind: 'visits', count: 2 }, ['v1']],
      [{ kind: 'ordered', currency: '', minTotal: 0 }, ['v1', 'v2']],
      // 120 + 90 = 210 CNY ≥ 200; v2's 50 is USD.
      [{ kind: 'ordered', currency: 'CNY', minTotal: 200 }, ['v1']],
      [{ kind: 'ordered', currency: 'CNY', minTotal: 211 }, []],
      [{ kind: 'chatted' }, ['v2']],
      [{ kind: 'lead' }, ['v1']],
      [{ kind: 'customEvent', name: 'signup' }, ['v2']],
    ] as const;
    for (const [condition, expected] of cases) {
      const { rule, history } = await saveTagRule(ch, site, { name: condition.kind, tagId: tag.tagId, condition });
      await history;
      expect([await holders(site, tag.tagId), condition]).toEqual([[...expected], condition]);
      await removeTagRule(ch, site, rule.ruleId);
    }
  });
});

describe('erasure', () => {
  it("takes an erased person's tags away with them", async () => {
    const site = 'tg-erase';
    const tag = await saveTag(ch, site, { name: 'Gone', color: 'red' });
    await insert([ev(site, 'x', { chat_id: 'cx', type: 'chat_started' }), ev(site, 'x'), ev(site, 'y')]);
    await assignTag(ch, site, { kind: 'visitor', subjectId: 'x', tagId: tag.tagId }, 'u1');
    await assignTag(ch, site, { kind: 'chat', subjectId: 'cx', tagId: tag.tagId }, 'u1');
    await assignTag(ch, site, { kind: 'visitor', subjectId: 'y', tagId: tag.tagId }, 'u1');
    await erasePerson(ch, site, 'x', { id: 'u1', email: 'admin@example.com' });
    const rows = await ch.query({
      query: `SELECT subject_kind, subject_id FROM ${TABLES.tagAssignments} WHERE site_id = {site:String} ORDER BY subject_id`,
      query_params: { site },
      format: 'JSONEachRow',
    });
    expect(await rows.json()).toEqual([{ subject_kind: 'visitor', subject_id: 'y' }]);
  });
});

describe('the tag router', () => {
  const caller = (role: SessionUser['role']) =>
    appRouter.createCaller({
      ch,
      user: { id: `u-${role}`, email: `${role}@example.com`, name: role, role, siteIds: ['tg-router'] },
      token: null,
      ip: '10.0.0.1',
      resHeaders: new Headers(),
    });

  it('lets an agent tag a visitor and a chat, but not manage tags', async () => {
    const site = 'tg-router';
    const { tagId } = await caller('manager').tag.save({ siteId: site, tag: { name: 'Hot', color: 'red' } });
    await insert([ev(site, 'r1')]);
    const agent = caller('agent');
    await agent.tag.assign({ siteId: site, kind: 'visitor', subjectId: 'r1', tagId });
    await agent.tag.assign({ siteId: site, kind: 'chat', subjectId: 'ch-9', tagId });
    expect(await agent.tag.of({ siteId: site, kind: 'visitor', subjectId: 'r1' })).toEqual([tagId]);
    await agent.tag.unassign({ siteId: site, kind: 'chat', subjectId: 'ch-9', tagId });
    expect(await agent.tag.of({ siteId: site, kind: 'chat', subjectId: 'ch-9' })).toEqual([]);
    await expect(agent.tag.save({ siteId: site, tag: { name: 'Mine', color: 'blue' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
