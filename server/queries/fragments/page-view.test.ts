import { afterAll, expect, it } from 'vitest';
import { PAGE_VIEW, pathOf } from './page-view.ts';
import { testStore } from '../../testing/test-store.ts';

const ch = testStore();
afterAll(() => ch.close());

// 200k sessions of three page views, two of them at the same millisecond on random paths: the
// first and last page by PAGE_VIEW must be those by the tuple (ts, cityHash64(path)) in every
// one, and pathOf must give back the path's hash.
it('orders page views as (ts, path hash) does, ties included, and keeps the path', async () => {
  const result = await ch.query({
    query: `SELECT count() AS sessions,
                   countIf(first_view != first_tuple OR last_view != last_tuple) AS differ,
                   countIf(last_k != 2) AS tie_decided
            FROM (
              SELECT s, ${pathOf(`min(${PAGE_VIEW})`)} AS first_view, ${pathOf(`max(${PAGE_VIEW})`)} AS last_view,
                        argMin(cityHash64(path), (ts, cityHash64(path))) AS first_tuple,
                        argMax(cityHash64(path), (ts, cityHash64(path))) AS last_tuple,
                        argMax(k, (ts, cityHash64(path))) AS last_k
              FROM (
                SELECT intDiv(number, 3) AS s, number % 3 AS k, concat('/p', toString(rand64(number) % 1000)) AS path,
                       toDateTime64(1790000000 + intDiv(number, 3) + if(k = 0, 0, 1), 3, 'UTC') AS ts
                FROM numbers(600000)
              )
              GROUP BY s
            )`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ sessions: string; differ: string; tie_decided: string }>();
  expect(Number(row?.sessions)).toBe(200_000);
  // About half the ties go to the other path: the tie-break is exercised.
  expect(Number(row?.tie_decided)).toBeGreaterThan(90_000);
  expect(Number(row?.differ)).toBe(0);
});
