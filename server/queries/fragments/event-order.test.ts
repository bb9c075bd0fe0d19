import { afterAll, expect, it } from 'vitest';
import { createClickHouse } from '../../../clickhouse/client.ts';
import { EVENT_ORDER } from './event-order.ts';

const ch = createClickHouse({ dataDir: ':memory:' });
afterAll(() => ch.close());

// 200k sessions of three events, two of them at the same millisecond with random ids: the
// first and last event by EVENT_ORDER must be those by the tuple (ts, event_id) in every one.
it('orders events as (ts, event_id) does, ties included', async () => {
  const result = await ch.query({
    query: `SELECT count() AS sessions,
                   countIf(first_key != first_tuple OR last_key != last_tuple) AS differ,
                   countIf(last_tuple != 2) AS tie_decided
            FROM (
              SELECT s, argMin(k, ${EVENT_ORDER}) AS first_key, argMin(k, (ts, event_id)) AS first_tuple,
                        argMax(k, ${EVENT_ORDER}) AS last_key, argMax(k, (ts, event_id)) AS last_tuple
              FROM (
                SELECT intDiv(number, 3) AS s, number % 3 AS k, generateUUIDv4(number) AS event_id,
                       toDateTime64(1790000000 + intDiv(number, 3) + if(k = 0, 0, 1), 3, 'UTC') AS ts
                FROM numbers(600000)
              )
              GROUP BY s
            )`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ sessions: string; differ: string; tie_decided: string }>();
  expect(Number(row?.sessions)).toBe(200_000);
  // About half the ties go to the other id: the tie-break is exercised.
  expect(Number(row?.tie_decided)).toBeGreaterThan(90_000);
  expect(Number(row?.differ)).toBe(0);
});
