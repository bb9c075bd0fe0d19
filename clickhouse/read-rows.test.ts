import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { col, readRows, RowShapeError } from './read-rows.ts';
import { testStore } from '../server/testing/test-store.ts';

const store = testStore();
afterAll(() => store.close());

describe('readRows against the embedded engine', () => {
  it('returns a UInt64 count as a number, whether the engine quotes it or not', async () => {
    const rows = await readRows(
      store,
      { query: 'SELECT count() AS n, toString(count()) AS quoted FROM numbers(5)' },
      z.object({ n: col.int, quoted: col.int }),
    );
    expect(rows).toEqual([{ n: 5, quoted: 5 }]);
  });

  it('binds query params and reads ms, decimals, flags and hash keys as strings', async () => {
    const rows = await readRows(
      store,
      {
        query: `SELECT toUnixTimestamp64Milli(toDateTime64({at:String}, 3, 'UTC')) AS at, toDecimal64(12.5, 2) AS money,
                       toUInt8(1) AS on, toString(cityHash64({v:String})) AS key`,
        query_params: { at: '2026-01-01 00:00:01.250', v: 'visitor' },
      },
      z.object({ at: col.ms, money: col.decimal, on: col.flag, key: col.key }),
    );
    expect(rows[0]).toMatchObject({ at: Date.UTC(2026, 0, 1, 0, 0, 1, 250), money: 12.5, on: true });
    // A cityHash64 is past 2^53 in general: it must survive as its exact decimal string.
    expect(rows[0]?.key).toMatch(/^\d+$/);
    const [{ exact } = { exact: '' }] = await readRows(
      store,
      { query: "SELECT toString(cityHash64('visitor')) AS exact" },
      z.object({ exact: z.string() }),
    );
    expect(rows[0]?.key).toBe(exact);
  });

  it('refuses a 64-bit integer a number cannot hold exactly', async () => {
    const read = readRows(store, { query: 'SELECT toUInt64(9007199254740993) AS n' }, z.object({ n: col.int }));
    await expect(read).rejects.toThrow(RowShapeError);
    await expect(read).rejects.toThrow(/field "n": .*not an integer a number holds exactly/);
  });

  it('names the calling file, the row and the field when a row does not match', async () => {
    const read = readRows(
      store,
      { query: 'SELECT number AS n, toString(number) AS label FROM numbers(3)' },
      z.object({ n: col.int, name: z.string() }),
    );
    await expect(read).rejects.toThrow(/^clickhouse\/read-rows\.test\.ts:\d+: row 0, field "name": /);
  });

  it('reads an average of nothing (nan, written as null) as 0 and refuses a flag that is not 0 or 1', async () => {
    const [row] = await readRows(
      store,
      { query: 'SELECT avg(number) AS a FROM numbers(0)' },
      z.object({ a: col.float }),
    );
    expect(row).toEqual({ a: 0 });
    await expect(readRows(store, { query: 'SELECT toUInt8(2) AS on' }, z.object({ on: col.flag }))).rejects.toThrow(
      /field "on": 2 is not a flag/,
    );
  });

  it('reads tuples with JSONCompactEachRow', async () => {
    const rows = await readRows(
      store,
      { query: "SELECT 'a', toUInt64(2)", format: 'JSONCompactEachRow' },
      z.tuple([z.string(), col.int]),
    );
    expect(rows).toEqual([['a', 2]]);
  });
});
