// What phone keys cost: phoneKey() over varied numbers (CN mobiles and landlines in three
// spellings, German numbers, unparseable strings), and migration 0032's backfill of a store
// that holds `rows` identities and as many leads, each with its own phone, on one site in
// Asia/Shanghai (every distinct phone is keyed in TypeScript, then one mutation per table).
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClickHouse } from '../clickhouse/client.ts';
import { migrate } from '../clickhouse/migrate.ts';
import { TABLES } from '../clickhouse/tables.ts';
import { phoneKey } from '../server/contract/phone-key.ts';
import { saveSite } from '../server/sites/site-service.ts';

const spelling = (i: number): string => {
  const n = String(i).padStart(8, '0');
  switch (i % 5) {
    case 0:
      return `+86 138 ${n.slice(0, 4)} ${n.slice(4)}`;
    case 1:
      return `139-${n.slice(0, 4)}-${n.slice(4)}`;
    case 2:
      return `0086158${n}`;
    case 3:
      return `010 ${n}`;
    default:
      return `ext ${i % 1000}`;
  }
};

export interface PhoneKeyTiming {
  keys: number;
  keysPerSecond: number;
  rows: number;
  /** Wall time of migrate() applying 0032 alone. */
  backfillMs: number;
}

export async function benchPhoneKeys(rows = 200_000): Promise<PhoneKeyTiming> {
  const keys = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < keys; i++) phoneKey(spelling(i), i % 7 === 0 ? 'DE' : 'CN');
  const keysPerSecond = keys / ((performance.now() - t0) / 1000);

  const all = fileURLToPath(new URL('../clickhouse/migrations/', import.meta.url));
  const before = mkdtempSync(join(tmpdir(), 'bench-m31-'));
  for (const f of readdirSync(all)) if (f < '0032') cpSync(join(all, f), join(before, f));
  const ch = createClickHouse({ dataDir: ':memory:' });
  try {
    await migrate(ch, undefined, before);
    await saveSite(ch, { id: 'b', name: 'B', domains: ['b.example'], timeZone: 'Asia/Shanghai', respectDnt: false });
    for (let from = 0; from < rows; from += 10_000) {
      const ids = Array.from({ length: Math.min(10_000, rows - from) }, (_, j) => from + j);
      const phone = (i: number) => spelling(i);
      await ch.insert({
        table: TABLES.identities,
        values: ids.map((i) => ({
          site_id: 'b',
          visitor_id: `v${i}`,
          person_id: `v${i}`,
          phone: phone(i),
          updated_at: 0,
        })),
        format: 'JSONEachRow',
      });
      await ch.insert({
        table: TABLES.leads,
        values: ids.map((i) => ({
          site_id: 'b',
          lead_id: `l${i}`,
          visitor_id: `v${i}`,
          phone: phone(i + rows),
          updated_at: 0,
        })),
        format: 'JSONEachRow',
      });
    }
    const t1 = performance.now();
    await migrate(ch);
    return { keys, keysPerSecond, rows, backfillMs: performance.now() - t1 };
  } finally {
    await ch.close();
    rmSync(before, { recursive: true, force: true });
  }
}
