import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { ruleMatches } from '../chat/rule-match.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import { ruleDefinition } from '../contract/rule-schema.ts';
import { visitorTagCache } from './tag-cache.ts';
import { assignTag, saveTag, unassignTag } from './tag-service.ts';
import { testStore } from '../testing/test-store.ts';

// Tags as a condition of invitation rules: the tag a user adds reaches the in-memory tags
// the auto-inviter reads (server/app.ts wires visitorTagCache into it).
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const SITE = 'tag-invite';
const NOW = Date.UTC(2026, 10, 27, 10);
const visit = (visitorId: string): LiveVisitor => ({
  visitorId,
  sessionId: `${visitorId}-s`,
  name: '',
  country: 'CN',
  region: '',
  city: '',
  device: 'desktop',
  browser: '',
  os: '',
  source: '',
  referrerDomain: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  visitNumber: 1,
  startedAt: NOW - 1000,
  lastSeenAt: NOW,
  pageviews: 1,
  connected: true,
  trail: [{ at: NOW - 1000, path: '/', title: '', engagedMs: 0 }],
});
const signals = (visitorId: string) => ({
  visit: visit(visitorId),
  now: NOW,
  exitIntent: false,
  tags: new Set(visitorTagCache().tagsOf(SITE, visitorId).keys()),
});

describe('tag conditions in invitation rules', () => {
  it('invites visitors who carry a tag, or who do not', async () => {
    const vip = await saveTag(ch, SITE, { name: 'VIP', color: 'gold' });
    const other = await saveTag(ch, SITE, { name: 'Other', color: 'blue' });
    await ch.insert({
      table: TABLES.events,
      values: ['v1', 'v2'].map((v) =>
        blankEvent({ site_id: SITE, ts: NOW, type: 'pageview', visitor_id: v, session_id: `${v}-s` }),
      ),
      format: 'JSONEachRow',
    });
    const has = ruleDefinition.parse({
      match: 'all',
      conditions: [{ kind: 'hasTag', tagIds: [vip.tagId, other.tagId] }],
      message: 'Welcome back',
      agentId: '',
      cap: { per: 'visit' },
    });
    const lacks = ruleDefinition.parse({ ...has, conditions: [{ kind: 'lacksTag', tagIds: [vip.tagId] }] });
    expect([ruleMatches(has, signals('v1')), ruleMatches(lacks, signals('v1'))]).toEqual([false, true]);

    await assignTag(ch, SITE, { kind: 'visitor', subjectId: 'v1', tagId: vip.tagId }, 'u1');
    expect([ruleMatches(has, signals('v1')), ruleMatches(lacks, signals('v1'))]).toEqual([true, false]);
    expect([ruleMatches(has, signals('v2')), ruleMatches(lacks, signals('v2'))]).toEqual([false, true]);

    await unassignTag(ch, SITE, { kind: 'visitor', subjectId: 'v1', tagId: vip.tagId }, 'u1');
    expect(ruleMatches(has, signals('v1'))).toBe(false);
    expect(() => ruleDefinition.parse({ ...has, conditions: [{ kind: 'hasTag', tagIds: [] }] })).toThrow();
  });
});
