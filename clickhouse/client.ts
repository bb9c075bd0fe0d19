import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { env } from '../server/env.ts';
import { useFileHandOver } from './bulk-insert.ts';
import { createChdbPool } from './chdb-pool.ts';
import { storeJson } from './store-json.ts';
import { processSingleton } from '../server/process-singleton.ts';

export type { ClickHouseClient };

export interface ClickHouseTarget {
  /** ClickHouse server URL; absent → the embedded engine in `dataDir`. */
  url?: string | undefined;
  user?: string;
  password?: string;
  database?: string;
  /** Directory of the embedded store (ignored with a URL). `:memory:` for tests. */
  dataDir: string;
}

/**
 * Settings every query runs with, on either transport.
 * - The report filters are `session_key IN (sub-query)` sets of up to ~10^5 sessions.
 *   ClickHouse tries each such set against the primary key of every part, a real cost per
 *   query for a key the set can never narrow. Small sets (a
 *   visitor's ids against the bloom-filter index) still get the index.
 */
const SETTINGS: ClickHouseClientConfigOptions['clickhouse_settings'] = {
  use_index_for_in_with_subqueries_max_values: '10000',
  // ClickHouse JIT-compiles aggregates, expressions and sort descriptions only once it has
  // seen them 3 times, and compiles inside the query that hits the count: the 4th run of a
  // report took up to 2× as long as the others. Every report query repeats all day, so
  // compile on first use and keep every later run fast.
  min_count_to_compile_aggregate_expression: '0',
  min_count_to_compile_expression: '0',
  min_count_to_compile_sort_description: '0',
};

/** Inserts serialise through storeJson: no lone surrogate reaches the engine to fail a whole insert. */
const JSON_HANDLING: ClickHouseClientConfigOptions['json'] = { parse: JSON.parse, stringify: storeJson };

/** Statements the embedded engine runs at once: a report, an insert and a lookup side by side (2 cores). */
const EMBEDDED_SESSIONS = 3;

/** The only createClient() in the project: the transport is chosen here and nowhere else. */
export function createClickHouse(target: ClickHouseTarget): ClickHouseClient {
  if (target.url) {
    return createClient({
      clickhouse_settings: SETTINGS,
      json: JSON_HANDLING,
      url: target.url,
      username: target.user ?? 'default',
      password: target.password ?? '',
      database: target.database ?? 'default',
    });
  }
  const path = target.dataDir === ':memory:' ? ':memory:' : embeddedPath(target.dataDir);
  // chdb types its Connection against @clickhouse/client-common 1.23.0, which
  // @clickhouse/client 1.23.1 no longer depends on: same shape, different nominal type.
  const connection = createChdbPool(path, EMBEDDED_SESSIONS) as unknown as ClickHouseClientConfigOptions['connection'];
  const client = createClient({ connection, clickhouse_settings: SETTINGS, json: JSON_HANDLING });
  useFileHandOver(client);
  return client;
}

function embeddedPath(dataDir: string): string {
  const path = join(dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  return path;
}

/** The process-wide client: route handlers and the custom server share one store. */
export function getClickHouse(): ClickHouseClient {
  return processSingleton('clickhouse', () =>
    createClickHouse({
      url: env.CLICKHOUSE_URL,
      user: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
      database: env.CLICKHOUSE_DATABASE,
      dataDir: env.dataDir,
    }),
  );
}
