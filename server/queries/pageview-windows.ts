import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Five [from, to) windows in epoch ms: the traffic alert's hour and the same hour of four weeks before. */
export type FiveWindows = [[number, number], [number, number], [number, number], [number, number], [number, number]];

/**
 * Human page views of a site in each of five windows. The windows are ORed in the WHERE as
 * well, so the sort key's date prunes everything between them (five hours, not five weeks).
 */
export async function getPageviewWindows(
  client: ClickHouseClient,
  siteId: string,
  windows: FiveWindows,
): Promise<number[]> {
  const params: Record<string, string | number> = { siteId };
  windows.forEach(([from, to], i) => {
    params[`f${i}`] = from;
    params[`t${i}`] = to;
  });
  const inWindow = (i: number) =>
    `(ts >= fromUnixTimestamp64Milli({f${i}:Int64}) AND ts < fromUnixTimestamp64Milli({t${i}:Int64}))`;
  const rows = await readRows(
    client,
    {
      query: `SELECT countIf(${inWindow(0)}) AS w0, countIf(${inWindow(1)}) AS w1, countIf(${inWindow(2)}) AS w2,
                     countIf(${inWindow(3)}) AS w3, countIf(${inWindow(4)}) AS w4
              FROM ${TABLES.events}
              WHERE site_id = {siteId:String} AND type = 'pageview'
                AND (${[0, 1, 2, 3, 4].map(inWindow).join(' OR ')})`,
      query_params: params,
    },
    z.object({ w0: col.int, w1: col.int, w2: col.int, w3: col.int, w4: col.int }),
  );
  const r = rows[0];
  return r ? [r.w0, r.w1, r.w2, r.w3, r.w4] : [0, 0, 0, 0, 0];
}
