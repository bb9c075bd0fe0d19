import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent, type EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { assignTag, saveTag } from '../tags/tag-service.ts';
import { reportScope } from './fragments/report-scope.ts';
import { listChats } from './list-chats.ts';
import { listLeads } from './list-leads.ts';
import { withTagIds } from '../tags/attach-tags.ts';
import { listVisitors } from './list-visitors.ts';
import { getOverviewKpis } from './overview-kpis.ts';
import { getTagReport } from './tag-report.ts';
import { testStore } from '../testing/test-store.ts';

// The tag report and the tag filters of the shared report scope, on a fixture whose
// figures are counted by hand below.
const ch = testStore();
const SITE = 'tag-report';
const DAY = Date.UTC(2026, 9, 5);
let seq = 0;
function ev(visitorId: string, over: Partial<EventRow> = {}): EventRow {
  seq += 1;
  return blankEvent({
    site_id: SITE,
    ts: DAY + 3_600_000 + seq * 60_000,
    type: 'pageview',
    visitor_id: visitorId,
    session_id: `${visitorId}-s1`,
    event_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    ...over,
  });
}

// a and a2 are one person (p1); b another; c and d untagged / other tag.
//   a : 2 page views, chat c1, order o1 100 CNY
//   a2: 1 page view, order o2 50 USD
//   b : 1 page view, lead l1
//   c : 1 page view, order o3 70 CNY      (untagged)
//   d : 1 page view                        (B2B)
const ROWS = [
  ev('a'),
  ev('a', { path: '/p' }),
  ev('a', { type: 'chat_started', chat_id: 'c1' }),
  ev('a', { type: 'chat_requested', chat_id: 'c1' }),
  ev('a', { type: 'order', order_id: 'o1', revenue: 100, currency: 'CNY' }),
  ev('a2'),
  ev('a2', { type: 'order', order_id: 'o2', revenue: 50, currency: 'USD' }),
  ev('b'),
  ev('b', { type: 'lead_created', lead_id: 'l1' }),
  ev('c'),
  ev('c', { type: 'order', order_id: 'o3', revenue: 70, currency: 'CNY' }),
  ev('d'),
];
let vip = '';
let b2b = '';

beforeAll(async () => {
  await migrate(ch);
  await ch.insert({ table: TABLES.events, values: ROWS, format: 'JSONEachRow' });
  await ch.insert({
    table: TABLES.identities,
    values: ['a', 'a2'].map((v) => ({
      site_id: SITE,
      visitor_id: v,
      person_id: 'p1',
      name: 'Han Mei',
      email: 'han@example.cn',
      phone: '',
      updated_at: DAY,
    })),
    format: 'JSONEachRow',
  });
  vip = (await saveTag(ch, SITE, { name: 'VIP', color: 'gold' })).tagId;
  b2b = (await saveTag(ch, SITE, { name: 'B2B', color: 'blue' })).tagId;
  await assignTag(ch, SITE, { kind: 'visitor', subjectId: 'a', tagId: vip }, 'u1'); // a and a2
  await assignTag(ch, SITE, { kind: 'visitor', subjectId: 'b', tagId: vip }, 'u1');
  await assignTag(ch, SITE, { kind: 'visitor', subjectId: 'd', tagId: b2b }, 'u1');
});
afterAll(() => ch.close());

const scope = (filters: { tag?: string; notTag?: string } = {}) => reportScope(SITE, DAY, DAY + 86_400_000, filters);

describe('tag report', () => {
  it('counts people, chats, leads, orders, buyers and revenue per tag', async () => {
    const rows = await getTagReport(ch, scope());
    const byTag = new Map(rows.map((r) => [r.tagId, r]));
    expect(byTag.get(vip)).toEqual({
      tagId: vip,
      people: 2, // person p1 (a, a2) and b
      chats: 1,
      leads: 1,
      orders: 2,
      buyers: 1, // p1 ordered twice, from two browsers
      revenue: [
        { currency: 'CNY', value: 100 },
        { currency: 'USD', value: 50 },
      ],
    });
    expect(byTag.get(b2b)).toEqual({ tagId: b2b, people: 1, chats: 0, leads: 0, orders: 0, buyers: 0, revenue: [] });
  });
});

describe('tag filters in the report scope', () => {
  it('keeps only tagged visitors, or only the others, in every report and list', async () => {
    const tagged = await getOverviewKpis(ch, scope({ tag: vip }));
    expect([tagged.visitors, tagged.pageviews, tagged.chats, tagged.leads, tagged.orders]).toEqual([3, 4, 1, 1, 2]);
    const others = await getOverviewKpis(ch, scope({ notTag: vip }));
    expect([others.visitors, others.pageviews, others.orders]).toEqual([2, 2, 1]);
    expect(others.revenue).toEqual([{ currency: 'CNY', value: 70 }]);
    // Either tag: a, a2, b and d.
    expect((await getOverviewKpis(ch, scope({ tag: `${vip},${b2b}` }))).visitors).toBe(4);

    const list = await listVisitors(ch, scope({ tag: vip }), {
      search: '',
      sort: 'lastSeen',
      order: 'desc',
      limit: 50,
      offset: 0,
    });
    expect(list.rows.map((r) => r.visitorId).sort()).toEqual(['a', 'a2', 'b']);
    const chats = await listChats(ch, scope({ notTag: vip }), {
      sort: 'startedAt',
      order: 'desc',
      limit: 50,
      offset: 0,
    });
    expect(chats.total).toBe(0);
    expect(
      (await listChats(ch, scope({ tag: vip }), { sort: 'startedAt', order: 'desc', limit: 50, offset: 0 })).total,
    ).toBe(1);
  });
});

describe('tags on the leads list', () => {
  it("filters leads by their own tags or their visitor's, and lists the tag ids", async () => {
    await ch.insert({
      table: TABLES.leads,
      values: [
        { lead_id: 'L1', visitor_id: 'b' },
        { lead_id: 'L2', visitor_id: 'c' },
        { lead_id: 'L3', visitor_id: 'c' },
      ].map((l) => ({ ...l, site_id: SITE, status: 'new', source: 'agent', created_at: DAY, updated_at: DAY })),
      format: 'JSONEachRow',
    });
    await assignTag(ch, SITE, { kind: 'lead', subjectId: 'L3', tagId: b2b }, 'u1');
    const ids = async (tags: string[], notTags: string[] = []) =>
      (
        await listLeads(ch, SITE, {
          search: '',
          status: '',
          tags,
          notTags,
          sort: 'name',
          order: 'asc',
          limit: 50,
          offset: 0,
        })
      ).rows
        .map((r) => r.leadId)
        .sort();
    expect(await ids([vip])).toEqual(['L1']);
    expect(await ids([b2b])).toEqual(['L3']);
    expect(await ids([], [vip])).toEqual(['L2', 'L3']);
    expect(await ids([], [vip, b2b])).toEqual(['L2']);
    const all = (
      await listLeads(ch, SITE, { search: '', status: '', sort: 'name', order: 'asc', limit: 50, offset: 0 })
    ).rows;
    const tagged = await withTagIds(ch, SITE, all, {
      visitor: (r) => r.visitorId,
      own: { kind: 'lead', id: (r) => r.leadId },
    });
    expect(Object.fromEntries(tagged.map((r) => [r.leadId, r.tagIds]))).toEqual({ L1: [vip], L2: [], L3: [b2b] });
  });
});
