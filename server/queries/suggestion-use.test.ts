import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { getSuggestionUse } from './suggestion-use.ts';
import { testStore } from '../testing/test-store.ts';

// Suggestion use per agent from a fixture of shown and used events; the expected figures
// are counted below in plain TypeScript from the same rows.
const SITE = 'assist-report';
const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;
const ch = testStore();

type Fixture = {
  site_id: string;
  at: number;
  kind: 'shown' | 'used';
  user_id: string;
  chat_id: string;
  article_id: string;
  via: string;
};
const ev = (at: number, kind: Fixture['kind'], user: string, chat: string, article: string, site = SITE): Fixture => ({
  site_id: site,
  at,
  kind,
  user_id: user,
  chat_id: chat,
  article_id: article,
  via: kind === 'used' ? 'click' : '',
});
const rows: Fixture[] = [
  // Ann: three articles shown in chat 1 (one of them twice while the visitor typed on), two used.
  ev(NOW - 5 * HOUR, 'shown', 'ann', 'c1', 'kb_a'),
  ev(NOW - 5 * HOUR, 'shown', 'ann', 'c1', 'kb_b'),
  ev(NOW - 5 * HOUR + 1000, 'shown', 'ann', 'c1', 'kb_a'),
  ev(NOW - 5 * HOUR + 2000, 'shown', 'ann', 'c1', 'kb_c'),
  ev(NOW - 5 * HOUR + 3000, 'used', 'ann', 'c1', 'kb_a'),
  // The same article in another chat is another showing.
  ev(NOW - 4 * HOUR, 'shown', 'ann', 'c2', 'kb_a'),
  ev(NOW - 4 * HOUR, 'used', 'ann', 'c2', 'kb_a'),
  // Bob: shown two, used none.
  ev(NOW - 3 * HOUR, 'shown', 'bob', 'c3', 'kb_a'),
  ev(NOW - 3 * HOUR, 'shown', 'bob', 'c3', 'kb_d'),
  // Outside the range, and another site: not counted.
  ev(NOW - 48 * HOUR, 'used', 'bob', 'c0', 'kb_a'),
  ev(NOW - 2 * HOUR, 'used', 'bob', 'c9', 'kb_a', 'other-site'),
];
const FROM = NOW - 24 * HOUR;

beforeAll(async () => {
  await migrate(ch);
  await ch.insert({ table: TABLES.suggestionEvents, values: rows, format: 'JSONEachRow' });
});
afterAll(async () => {
  await ch.close();
});

describe('suggestion use per agent', () => {
  it('counts distinct chat-article showings and uses in the range', async () => {
    const inRange = rows.filter((r) => r.site_id === SITE && r.at >= FROM && r.at < NOW);
    const expected = ['ann', 'bob'].map((userId) => {
      const mine = inRange.filter((r) => r.user_id === userId);
      return {
        userId,
        shown: new Set(mine.filter((r) => r.kind === 'shown').map((r) => `${r.chat_id}/${r.article_id}`)).size,
        used: mine.filter((r) => r.kind === 'used').length,
      };
    });
    expect(expected).toEqual([
      { userId: 'ann', shown: 4, used: 2 },
      { userId: 'bob', shown: 2, used: 0 },
    ]);
    expect(await getSuggestionUse(ch, { siteId: SITE, from: FROM, to: NOW })).toEqual(expected);
  });
});
