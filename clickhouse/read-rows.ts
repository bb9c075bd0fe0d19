// The one way to read rows: every SELECT's rows are checked against a zod schema, so a
// column renamed in SQL or a type the engine returns differently fails loudly at the query
// instead of turning into NaN or undefined on a screen.
//
// 64-bit integers: the embedded engine (chdb) writes them as JSON numbers, a ClickHouse server
// quotes them (output_format_json_quote_64bit_integers). The global setting is left alone and
// per-call settings leak on chdb (PLATFORM.md), so the column helpers accept both and refuse
// what a JavaScript number can't hold exactly. 64-bit hash keys (visitor_key, person_key) are
// never numbers: select them with toString() and read them with `col.key`.
import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';

export interface RowQuery {
  query: string;
  query_params?: Record<string, unknown>;
  /** JSONCompactEachRow for rows read as tuples (schema: z.tuple). */
  format?: 'JSONEachRow' | 'JSONCompactEachRow';
}

/** A row the query returned doesn't match its schema: a bug in the query or its schema, never user input. */
export class RowShapeError extends Error {
  override name = 'RowShapeError';
}

// Plain functions behind one transform each: zod unions of number and string made the row
// step 2.7× as slow (bench/RESULTS.md, "Reading rows").
function numeric(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function safeInteger(value: unknown, ctx: z.RefinementCtx): number {
  const n = numeric(value);
  // A JSON number past 2^53 was already rounded by JSON.parse; isSafeInteger refuses it too.
  if (Number.isSafeInteger(n)) return n;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not an integer a number holds exactly` });
  return z.NEVER;
}

function finiteNumber(value: unknown, ctx: z.RefinementCtx): number {
  const n = numeric(value);
  if (Number.isFinite(n)) return n;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a finite number` });
  return z.NEVER;
}

/** Column readers for what ClickHouse returns in JSON. */
export const col = {
  /** Any integer column, UInt64/Int64 included (counts, sums, versions): a number, refused beyond ±2^53. */
  int: z.unknown().transform(safeInteger),
  /** Epoch milliseconds (toUnixTimestamp64Milli, toUnixTimestamp(…) * 1000): a number. */
  ms: z.unknown().transform(safeInteger),
  /** Decimal and Float columns (money, averages): a finite number. */
  decimal: z.unknown().transform(finiteNumber),
  /** Averages, ratios and quantiles: ClickHouse writes nan (an average of nothing) as null, read as 0 as the reports show it. */
  float: z.unknown().transform((v, ctx) => (v === null ? 0 : finiteNumber(v, ctx))),
  /** UInt8/Bool flags: true for 1. */
  flag: z.unknown().transform((v, ctx) => {
    if (v === true || v === 1) return true;
    if (v === false || v === 0) return false;
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not a flag (0 or 1)` });
    return z.NEVER;
  }),
  /** A 64-bit hash key, selected as toString(key): stays a string, never rounded through a number. */
  key: z.string().regex(/^\d+$/),
  text: z.string(),
  texts: z.array(z.string()),
} as const;

/** The file that called readRows, from a stack captured before any await (so it is the direct caller). */
function callerOf(site: Error): string {
  const frames = (site.stack ?? '').split('\n').slice(1);
  const caller = frames.find((f) => !f.includes('read-rows.ts')) ?? '';
  const file = /([\w.-]+\/[\w.-]+\.ts):(\d+)/.exec(caller);
  return file ? `${file[1]}:${file[2]}` : 'a query';
}

/** Runs a query and returns its rows parsed by `row`; throws RowShapeError naming the caller, row and field. */
export async function readRows<S extends z.ZodType>(
  client: ClickHouseClient,
  q: RowQuery,
  row: S,
): Promise<z.output<S>[]> {
  const site = new Error();
  const result = await client.query({
    query: q.query,
    query_params: q.query_params ?? {},
    format: q.format ?? 'JSONEachRow',
  });
  const raw = await result.json<unknown>();
  const rows: z.output<S>[] = [];
  for (let i = 0; i < raw.length; i++) {
    const parsed = row.safeParse(raw[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? issue.path.join('.') : '(row)';
      throw new RowShapeError(
        `${callerOf(site)}: row ${i}, field "${field}": ${issue?.message ?? 'does not match'} (got ${JSON.stringify(raw[i])?.slice(0, 200)})`,
      );
    }
    rows.push(parsed.data);
  }
  return rows;
}
