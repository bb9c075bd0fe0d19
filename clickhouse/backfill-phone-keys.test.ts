import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { saveSite } from '../server/sites/site-service.ts';
import { createClickHouse } from './client.ts';
import { migrate } from './migrate.ts';
import { TABLES } from './tables.ts';

// Migration 0032 on a store written before phones had keys: the store as 0031 left it.
const ALL = fileURLToPath(new URL('./migrations/', import.meta.url));
const before = mkdtempSync(join(tmpdir(), 'lt-m31-'));
for (const f of readdirSync(ALL)) if (f < '0032') cpSync(join(ALL, f), join(before, f));
const store = createClickHouse({ dataDir: ':memory:' });
afterAll(async () => {
  await store.close();
  rmSync(before, { recursive: true, force: true });
});

const T = Date.UTC(2026, 10, 1, 9, 0);

async function keys(table: string) {
  const r = await store.query({
    query: `SELECT site_id, phone, phone_key FROM ${table} FINAL ORDER BY site_id, phone`,
    format: 'JSONEachRow',
  });
  return r.json<{ site_id: string; phone: string; phone_key: string }>();
}

describe('migration 0032', () => {
  it("gives every stored identity and lead the key of its phone in its site's region", async () => {
    await migrate(store, undefined, before);
    await saveSite(store, {
      id: 'cn',
      name: 'CN',
      domains: ['cn.example'],
      timeZone: 'Asia/Shanghai',
      respectDnt: false,
    });
    await saveSite(store, { id: 'utc', name: 'UTC', domains: ['utc.example'], timeZone: 'UTC', respectDnt: false });
    const identity = (site_id: string, visitor_id: string, phone: string) => ({
      site_id,
      visitor_id,
      person_id: visitor_id,
      name: '',
      email: '',
      phone,
      updated_at: T,
    });
    await store.insert({
      table: TABLES.identities,
      values: [
        identity('cn', 'v1', '+86 138 0013 8000'),
        identity('cn', 'v2', '138-0013-8000'),
        identity('cn', 'v3', ''),
        // No region: only a number naming its country is read; the rest keeps its digits.
        identity('utc', 'v4', '138 0013 8000'),
        identity('utc', 'v5', '0049 30 1234567'),
      ],
      format: 'JSONEachRow',
    });
    const lead = {
      lead_id: 'l1',
      visitor_id: 'v2',
      person_id: 'v2',
      source: 'offline',
      status: 'new',
      created_at: T,
      updated_at: T,
    };
    await store.insert({
      table: TABLES.leads,
      values: [{ ...lead, site_id: 'cn', phone: '008613800138000' }],
      format: 'JSONEachRow',
    });

    expect((await migrate(store))[0]).toBe('0032_add_phone_keys');
    expect(await keys(TABLES.identities)).toEqual([
      { site_id: 'cn', phone: '', phone_key: '' },
      { site_id: 'cn', phone: '+86 138 0013 8000', phone_key: '+8613800138000' },
      { site_id: 'cn', phone: '138-0013-8000', phone_key: '+8613800138000' },
      { site_id: 'utc', phone: '0049 30 1234567', phone_key: '+49301234567' },
      { site_id: 'utc', phone: '138 0013 8000', phone_key: '13800138000' },
    ]);
    expect(await keys(TABLES.leads)).toEqual([
      { site_id: 'cn', phone: '008613800138000', phone_key: '+8613800138000' },
    ]);
  });
});
