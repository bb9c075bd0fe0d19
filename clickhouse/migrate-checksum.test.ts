import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouse } from './client.ts';
import { EditedMigrationError, migrate } from './migrate.ts';
import { TABLES } from './tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-migrations-'));
cpSync(fileURLToPath(new URL('./migrations/', import.meta.url)), dir, { recursive: true });
const ch = createClickHouse({ dataDir: ':memory:' });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  return ch.close();
});

async function checksums(): Promise<string[]> {
  const result = await ch.query({
    query: `SELECT checksum FROM ${TABLES.migrations} FINAL ORDER BY version`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ checksum: string }>()).map((r) => r.checksum);
}

describe('applied migrations are immutable', () => {
  it('records a checksum per applied migration', async () => {
    await migrate(ch, undefined, dir);
    const sums = await checksums();
    expect(sums.length).toBeGreaterThan(10);
    for (const sum of sums) expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adopts the files as they are on a store from before checksums', async () => {
    await ch.command({
      query: `ALTER TABLE ${TABLES.migrations} UPDATE checksum = '' WHERE version <= 3 SETTINGS mutations_sync = 1`,
    });
    expect((await checksums()).slice(0, 3)).toEqual(['', '', '']);
    expect(await migrate(ch, undefined, dir)).toEqual([]);
    for (const sum of await checksums()) expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('upgrades a ledger written before the checksum column existed', async () => {
    await ch.command({ query: `ALTER TABLE ${TABLES.migrations} DROP COLUMN checksum SETTINGS mutations_sync = 1` });
    expect(await migrate(ch, undefined, dir)).toEqual([]);
    for (const sum of await checksums()) expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stops start-up on an edited applied migration, naming the file', async () => {
    appendFileSync(join(dir, '0004_create_chat.sql'), '\n-- a later edit\n');
    const refused = migrate(ch, undefined, dir);
    await expect(refused).rejects.toBeInstanceOf(EditedMigrationError);
    await expect(refused).rejects.toThrow(/0004_create_chat\.sql was changed after it was applied/);
  });
});
