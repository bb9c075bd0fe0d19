// Every report query of this checkout against the same query of another checkout, on one
// store, in one process, alternating call by call: on a shared VM whose speed swings by 2–4×
// within minutes, runs of the two versions minutes apart compare the VM, not the code.
// The other checkout needs bench/report-queries.ts with `reportQueryCases` (copy this one's
// file there when it predates it: its imports name the same query modules).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse } from '../clickhouse/client.ts';
import { fmt, mdRow } from './markdown.ts';
import { percentile } from './query-timer.ts';
import { reportQueryCases, type QueryCase } from './report-queries.ts';

export interface QueryAbRow {
  screen: string;
  query: string;
  filters: string;
  thisP50: number;
  otherP50: number;
  thisP95: number;
  otherP95: number;
  /** Whether both versions sent the store the same SQL and parameters (whitespace aside). */
  sameSql: boolean;
  /** Whether both versions answered the warm-up call with the same rows: the figures did not change. */
  sameRows: boolean;
}

/** The client, recording what each call sends: equal SQL means any gap is in the JavaScript around it. */
function recording(ch: ClickHouseClient): { client: ClickHouseClient; sent: string[] } {
  const sent: string[] = [];
  const client = new Proxy(ch, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return (params: { query: string; query_params?: unknown }) => {
        sent.push(
          `${params.query.replace(/\s+/g, ' ').trim()} ${JSON.stringify(params.query_params ?? {}, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
        return target.query(params as Parameters<ClickHouseClient['query']>[0]);
      };
    },
  });
  return { client, sent };
}

type CaseList = (ch: unknown, siteId?: string, tz?: string) => Promise<{ events: number; cases: QueryCase[] }>;

export async function benchQueriesAb(
  otherCheckout: string,
  dataDir: string,
  runs = 20,
  screens: readonly string[] = [],
): Promise<{ events: number; rows: QueryAbRow[] }> {
  const other = (await import(pathToFileURL(join(otherCheckout, 'bench/report-queries.ts')).href)) as {
    reportQueryCases?: CaseList;
  };
  if (!other.reportQueryCases) throw new Error(`${otherCheckout}/bench/report-queries.ts exports no reportQueryCases`);
  const ch = createClickHouse({ dataDir });
  try {
    const mineRec = recording(ch);
    const theirsRec = recording(ch);
    const mine = await reportQueryCases(mineRec.client);
    const theirs = await other.reportQueryCases(theirsRec.client);
    const rows: QueryAbRow[] = [];
    for (const [i, c] of mine.cases.entries()) {
      const o = theirs.cases[i];
      if (!o || o.query !== c.query || o.filters !== c.filters) throw new Error(`case ${i} differs: ${c.query}`);
      if (screens.length > 0 && !screens.includes(c.screen)) continue;
      mineRec.sent.length = 0;
      theirsRec.sent.length = 0;
      const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
      const sameRows = json(await c.run()) === json(await o.run());
      const sameSql = mineRec.sent.join('\n') === theirsRec.sent.join('\n');
      const a: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < runs; r++) {
        // Who goes first alternates, so neither side always meets a warmer cache.
        for (const [side, fn] of r % 2
          ? ([
              [b, o.run],
              [a, c.run],
            ] as const)
          : ([
              [a, c.run],
              [b, o.run],
            ] as const)) {
          const t0 = performance.now();
          await fn();
          side.push(performance.now() - t0);
        }
      }
      rows.push({
        screen: c.screen,
        query: c.query,
        filters: c.filters,
        thisP50: percentile(a, 50),
        otherP50: percentile(b, 50),
        thisP95: percentile(a, 95),
        otherP95: percentile(b, 95),
        sameSql,
        sameRows,
      });
    }
    return { events: mine.events, rows };
  } finally {
    await ch.close();
  }
}

/** The Markdown table of a run, with the ratios' median, geometric mean and range. */
export function queriesAbLines(r: { events: number; rows: QueryAbRow[] }, compare: string): string[] {
  const lines = [
    `Report queries over ${fmt(r.events)} events: this checkout against ${compare}, alternating call by call (20 each)`,
    '',
    mdRow([
      'screen',
      'query',
      'filters',
      'p50 this / other ms',
      'p95 this / other ms',
      'p50 ratio',
      'same SQL',
      'same rows',
    ]),
    mdRow(['---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  const ratios = r.rows.map((q) => q.thisP50 / q.otherP50);
  for (const [i, q] of r.rows.entries())
    lines.push(
      mdRow([
        q.screen,
        q.query,
        q.filters,
        `${q.thisP50.toFixed(0)} / ${q.otherP50.toFixed(0)}`,
        `${q.thisP95.toFixed(0)} / ${q.otherP95.toFixed(0)}`,
        (ratios[i] ?? 1).toFixed(2),
        q.sameSql ? 'yes' : '**no**',
        q.sameRows ? 'yes' : '**no**',
      ]),
    );
  const sorted = [...ratios].sort((a, b) => a - b);
  const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / Math.max(1, ratios.length));
  lines.push(
    '',
    `p50 ratio this / other: median **${(sorted[Math.floor(sorted.length / 2)] ?? 1).toFixed(3)}**, geometric mean **${geo.toFixed(3)}**, range ${(sorted[0] ?? 1).toFixed(2)}–${(sorted.at(-1) ?? 1).toFixed(2)}; the same SQL in ${r.rows.filter((q) => q.sameSql).length} of ${r.rows.length} cases`,
    '',
  );
  return lines;
}
