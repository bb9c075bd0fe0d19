// What zod row checking costs a report: a 5,000-row, 27-column result (the shape and cap of a
// visitor's timeline, server/queries/visitor-events.ts) read the old way (json<Row>() and a
// Number() per numeric field) and through readRows, alternating on one in-memory store.
import { createClickHouse } from '../clickhouse/client.ts';
import { readRows } from '../clickhouse/read-rows.ts';
import { timelineRow } from '../server/queries/visitor-events.ts';

const ROWS = 5000;
const QUERY = `SELECT toUnixTimestamp64Milli(now64(3)) - number * 1000 AS ts, if(number % 3 = 0, 'engagement', 'pageview') AS type,
                      concat('v-', toString(number % 7)) AS visitorId, concat('s-', toString(number % 40)) AS sessionId,
                      concat('/p/', toString(number)) AS path, concat('https://shop.example/p/', toString(number)) AS url, 'A page title' AS title,
                      'baidu.com' AS referrerDomain, 'baidu' AS utmSource, 'cpc' AS utmMedium, 'spring' AS utmCampaign,
                      'CN' AS country, 'ZJ' AS region, 'Hangzhou' AS city, 'desktop' AS device, 'Chrome' AS browser, 'Windows' AS os,
                      '' AS name, toUInt32(number % 90000) AS engagedMs, '' AS target, '' AS agentId, '' AS ruleId, '' AS chatId,
                      '' AS leadId, '' AS orderId, toFloat64(number % 500) / 4 AS revenue, 'CNY' AS currency
               FROM numbers({n:UInt32})`;

type Raw = Record<string, string | number> & {
  ts: string | number;
  engagedMs: string | number;
  revenue: string | number;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export interface ReadRowsTiming {
  rows: number;
  /** Median ms of query + read, the old way and through readRows. */
  queryOld: number;
  queryNew: number;
  /** Median ms of the row step alone over rows already parsed from JSON. */
  mapOld: number;
  parseNew: number;
}

export async function benchReadRows(rounds = 21): Promise<ReadRowsTiming> {
  const ch = createClickHouse({ dataDir: ':memory:' });
  try {
    const old = async () => {
      const result = await ch.query({ query: QUERY, query_params: { n: ROWS }, format: 'JSONEachRow' });
      return (await result.json<Raw>()).map((e) => ({
        ...e,
        ts: Number(e.ts),
        engagedMs: Number(e.engagedMs),
        revenue: Number(e.revenue),
      }));
    };
    const fresh = () => readRows(ch, { query: QUERY, query_params: { n: ROWS } }, timelineRow);
    await old();
    await fresh(); // warm-up: the first query of a process is slow
    const queryOld: number[] = [];
    const queryNew: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let start = performance.now();
      await old();
      queryOld.push(performance.now() - start);
      start = performance.now();
      await fresh();
      queryNew.push(performance.now() - start);
    }
    const raw = await (await ch.query({ query: QUERY, query_params: { n: ROWS }, format: 'JSONEachRow' })).json<Raw>();
    const mapOld: number[] = [];
    const parseNew: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let start = performance.now();
      raw.map((e) => ({ ...e, ts: Number(e.ts), engagedMs: Number(e.engagedMs), revenue: Number(e.revenue) }));
      mapOld.push(performance.now() - start);
      start = performance.now();
      for (const r of raw) timelineRow.parse(r);
      parseNew.push(performance.now() - start);
    }
    return {
      rows: ROWS,
      queryOld: median(queryOld),
      queryNew: median(queryNew),
      mapOld: median(mapOld),
      parseNew: median(parseNew),
    };
  } finally {
    await ch.close();
  }
}
