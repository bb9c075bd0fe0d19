import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { sourceName } from '../server/sources/source-name.ts';
import { z } from 'zod';
import { forgetColumns } from './bulk-insert.ts';
import { PHONE_KEYS, fillPhoneKeys } from './fill-phone-keys.ts';
import { col, readRows } from './read-rows.ts';
import { TABLES } from './tables.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  /** sha256 of the file as written: an applied migration must never change. */
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        statements: splitStatements(text),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** Statements end with `;` at the end of a line; comments are dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * On a cluster every table is created ON CLUSTER with the Replicated variant of its
 * engine (replica paths from the server's default_replica_path/name macros), so the
 * migration files stay written once for both transports.
 */
export function forCluster(statement: string, cluster: string | undefined): string {
  if (!cluster) return statement;
  return statement
    .replace(/^CREATE TABLE IF NOT EXISTS (\w+)/, `CREATE TABLE IF NOT EXISTS $1 ON CLUSTER ${cluster}`)
    .replace(
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+)/,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS $1 ON CLUSTER ${cluster}`,
    )
    .replace(/^ALTER TABLE (\w+)/, `ALTER TABLE $1 ON CLUSTER ${cluster}`)
    .replace(/^DROP (TABLE|VIEW) IF EXISTS (\w+)/, `DROP $1 IF EXISTS $2 ON CLUSTER ${cluster}`)
    .replace(/ENGINE = (\w*)MergeTree\b/, 'ENGINE = Replicated$1MergeTree');
}

/** Written in a migration where the database's name is needed; replaced before the statement runs. */
export const DATABASE_TOKEN = '$DATABASE';

async function currentDatabase(client: ClickHouseClient): Promise<string> {
  const [row] = await readRows(client, { query: 'SELECT currentDatabase() AS db' }, z.object({ db: col.text }));
  return row?.db ?? 'default';
}

/**
 * `BACKFILL target FROM view` in a migration inserts into `target` what the materialized
 * view's own query selects from the rows already stored, so a rollup's query is written once.
 */
const BACKFILL = /^BACKFILL (\w+) FROM (\w+)$/;

async function backfill(client: ClickHouseClient, target: string, view: string): Promise<void> {
  const [row] = await readRows(
    client,
    {
      query: `SELECT as_select FROM system.tables WHERE database = currentDatabase() AND name = {view:String}`,
      query_params: { view },
    },
    z.object({ as_select: col.text }),
  );
  if (!row?.as_select) throw new Error(`BACKFILL: no view ${view}`);
  await client.command({ query: `INSERT INTO ${target} ${row.as_select}` });
}

/**
 * `SOURCE NAMES INTO table` fills `table` (raw String, name String) with every source value
 * stored so far — the page views' old rule, their session_source, the conversion rollup's
 * first touch — and its display name: the referrer list is TypeScript, not SQL.
 */
const SOURCE_NAMES = /^SOURCE NAMES INTO (\w+)$/;

async function fillSourceNames(client: ClickHouseClient, target: string): Promise<void> {
  const raws = await readRows(
    client,
    {
      query: `SELECT DISTINCT raw FROM (
              SELECT if(utm_source != '', toString(utm_source), if(referrer_domain != '', toString(referrer_domain), '(direct)')) AS raw FROM ${TABLES.events} WHERE type = 'pageview'
              UNION ALL SELECT toString(session_source) AS raw FROM ${TABLES.events} WHERE type = 'pageview' AND session_source != ''
              UNION ALL SELECT first_touch.source AS raw FROM ${TABLES.conversionQuarters} WHERE first_touch.source != '')`,
    },
    z.object({ raw: col.text }),
  );
  const values = raws.map(({ raw }) => ({ raw, name: sourceName(raw) }));
  if (values.length > 0) await client.insert({ table: target, values, format: 'JSONEachRow' });
}

export class EditedMigrationError extends Error {
  constructor(readonly file: string) {
    super(
      `Migration ${file}.sql was changed after it was applied to this store. Applied migrations are immutable: ` +
        `restore the file as it was and put the change in a new migration.`,
    );
  }
}

async function createLedger(client: ClickHouseClient, cluster: string | undefined): Promise<void> {
  await client.command({
    query: forCluster(
      `CREATE TABLE IF NOT EXISTS ${TABLES.migrations} (version UInt32, name String, applied_at DateTime64(3, 'UTC'), checksum String)
       ENGINE = ReplacingMergeTree ORDER BY version`,
      cluster,
    ),
  });
  // Stores from before checksums were recorded.
  await client.command({
    query: forCluster(`ALTER TABLE ${TABLES.migrations} ADD COLUMN IF NOT EXISTS checksum String`, cluster),
  });
}

interface Applied {
  version: number;
  name: string;
  applied_at: number;
  checksum: string;
}

/**
 * Refuses to start on an applied migration whose file changed: the store would silently
 * differ from a fresh one built from the same files. Rows recorded before checksums
 * existed adopt the file as it is now.
 */
async function checkApplied(client: ClickHouseClient, migrations: Migration[]): Promise<Set<number>> {
  const rows = await readRows(
    client,
    {
      query: `SELECT version, name, toUnixTimestamp64Milli(applied_at) AS applied_at, checksum FROM ${TABLES.migrations} FINAL`,
    },
    z.object({ version: col.int, name: col.text, applied_at: col.ms, checksum: col.text }) satisfies z.ZodType<Applied>,
  );
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const adopt: Applied[] = [];
  for (const row of rows) {
    const file = byVersion.get(row.version);
    if (!file) continue;
    if (row.checksum === '') adopt.push({ ...row, checksum: file.checksum });
    else if (row.checksum !== file.checksum) throw new EditedMigrationError(file.name);
  }
  if (adopt.length > 0) await client.insert({ table: TABLES.migrations, values: adopt, format: 'JSONEachRow' });
  return new Set(rows.map((r) => Number(r.version)));
}

/** Applies the migrations not yet recorded, in order. Safe to run at every start. */
export async function migrate(client: ClickHouseClient, cluster?: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  await createLedger(client, cluster);
  const migrations = loadMigrations(dir);
  const done = await checkApplied(client, migrations);
  const applied: string[] = [];
  let database: string | undefined;
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements) {
      const names = SOURCE_NAMES.exec(statement);
      if (names) {
        await fillSourceNames(client, String(names[1]));
        continue;
      }
      const phones = PHONE_KEYS.exec(statement);
      if (phones) {
        await fillPhoneKeys(client, String(phones[1]));
        continue;
      }
      const fill = BACKFILL.exec(statement);
      if (fill) {
        await backfill(client, String(fill[1]), String(fill[2]));
        continue;
      }
      // Mutations run without a current database, so a table they name must be qualified.
      if (statement.includes(DATABASE_TOKEN)) database ??= await currentDatabase(client);
      await client.command({
        query: forCluster(database ? statement.replaceAll(DATABASE_TOKEN, database) : statement, cluster),
      });
    }
    await client.insert({
      table: TABLES.migrations,
      values: [
        { version: migration.version, name: migration.name, applied_at: Date.now(), checksum: migration.checksum },
      ],
      format: 'JSONEachRow',
    });
    applied.push(migration.name);
  }
  if (applied.length > 0) forgetColumns(client);
  return applied;
}
