import { afterAll, expect, it } from 'vitest';
import { testStore } from '../server/testing/test-store.ts';

const ch = testStore();
afterAll(() => ch.close());

it('runs a short statement beside a long one instead of after it, on one shared store', async () => {
  const finished: string[] = [];
  const long = ch
    .query({
      query: 'SELECT sum(sleepEachRow(0.3)) AS s FROM numbers(4) SETTINGS max_block_size = 1',
      format: 'JSONEachRow',
    })
    .then((r) => r.json())
    .then(() => finished.push('long'));
  await new Promise((r) => setTimeout(r, 100));
  await ch.command({ query: 'CREATE TABLE pool_probe (x UInt8) ENGINE = MergeTree ORDER BY x' });
  await ch.insert({ table: 'pool_probe', values: [{ x: 7 }], format: 'JSONEachRow' });
  const probe = await (await ch.query({ query: 'SELECT x FROM pool_probe', format: 'JSONEachRow' })).json();
  finished.push('short');
  await long;
  expect(probe).toEqual([{ x: 7 }]);
  expect(finished).toEqual(['short', 'long']);
});
