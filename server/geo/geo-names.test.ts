import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { saveSite } from '../sites/site-service.ts';
import { blankEvent } from '../testing/fixture.ts';
import { adminCaller } from '../testing/admin-caller.ts';
import { testStore } from '../testing/test-store.ts';

// The Geography breakdown through the router against the embedded engine: places stored as
// geoip-lite stores them (ISO 3166-2 subdivision codes, pinyin city names) come back with
// their code in `place` (what the CSV's code column and the drill-down use) and a name.
const SITE = 'geo-names';
const NOW = Date.now();
const ch = testStore();
const caller = adminCaller(ch);

// Visitors per place, so the row order (most visitors first) is known without the SQL.
const PLACES = [
  { country: 'CN', region: 'GD', city: 'Shenzhen', visitors: 5 },
  { country: 'CN', region: 'GD', city: 'Guangzhou', visitors: 4 },
  { country: 'CN', region: 'ZJ', city: 'Hangzhou', visitors: 3 },
  { country: 'CN', region: 'ZZ', city: 'Atlantis', visitors: 2 },
  { country: 'CN', region: '', city: '', visitors: 1 },
  { country: 'US', region: 'CA', city: 'San Jose', visitors: 2 },
];

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, { id: SITE, name: 'Geo', domains: ['geo.example'], timeZone: 'UTC', respectDnt: false });
  const rows = PLACES.flatMap((p, i) =>
    Array.from({ length: p.visitors }, (_, v) => {
      const visitor = `gv-${i}-${v}`;
      return blankEvent({
        site_id: SITE,
        visitor_id: visitor,
        session_id: `gs-${i}-${v}`,
        ts: NOW - 3_600_000 + i * 1000 + v,
        type: 'pageview',
        path: '/',
        url: '/',
        country: p.country,
        region: p.region,
        city: p.city,
      });
    }),
  );
  await clickHouseInsert(ch)(TABLES.events, rows);
});
afterAll(() => ch.close());

const base = { siteId: SITE, range: { preset: '7d' as const }, filters: {} };
const named = (rows: { place: string; name: string; visitors: number }[]) =>
  rows.map((r) => [r.place, r.name, r.visitors]);

describe('geo breakdown names', () => {
  it('names regions in English, keeping the code and falling back to it', async () => {
    const got = await caller.geo.breakdown({ ...base, level: 'region', country: 'CN', locale: 'en' });
    expect(named(got.rows)).toEqual([
      ['GD', 'Guangdong', 9],
      ['ZJ', 'Zhejiang', 3],
      ['ZZ', 'ZZ', 2],
      ['', '', 1],
    ]);
  });

  it('names regions in Chinese', async () => {
    const got = await caller.geo.breakdown({ ...base, level: 'region', country: 'CN', locale: 'zh' });
    expect(named(got.rows)).toEqual([
      ['GD', '广东省', 9],
      ['ZJ', '浙江省', 3],
      ['ZZ', 'ZZ', 2],
      ['', '', 1],
    ]);
    const us = await caller.geo.breakdown({ ...base, level: 'region', country: 'US', locale: 'zh' });
    expect(named(us.rows)).toEqual([['CA', 'California', 2]]);
  });

  it('names the cities of a region and the region for the breadcrumb', async () => {
    const zh = await caller.geo.breakdown({ ...base, level: 'city', country: 'CN', region: 'GD', locale: 'zh' });
    expect(named(zh.rows)).toEqual([
      ['Shenzhen', '深圳', 5],
      ['Guangzhou', '广州', 4],
    ]);
    expect(zh.regionName).toBe('广东省');
    const en = await caller.geo.breakdown({ ...base, level: 'city', country: 'CN', region: 'GD', locale: 'en' });
    expect(named(en.rows)).toEqual([
      ['Shenzhen', 'Shenzhen', 5],
      ['Guangzhou', 'Guangzhou', 4],
    ]);
    expect(en.regionName).toBe('Guangdong');
    const unknown = await caller.geo.breakdown({ ...base, level: 'city', country: 'CN', region: 'ZZ', locale: 'zh' });
    expect(named(unknown.rows)).toEqual([['Atlantis', 'Atlantis', 2]]);
    expect(unknown.regionName).toBe('ZZ');
  });

  it('leaves countries to the browser and defaults to English', async () => {
    const got = await caller.geo.breakdown({ ...base, level: 'country' });
    expect(named(got.rows)).toEqual([
      ['CN', '', 15],
      ['US', '', 2],
    ]);
    const region = await caller.geo.breakdown({ ...base, level: 'region', country: 'CN' });
    expect(region.rows[0]?.name).toBe('Guangdong');
  });

  it('serves one country’s names to the Place component', async () => {
    const zh = await caller.geo.names({ country: 'CN', locale: 'zh' });
    expect(zh.regions['GD']).toBe('广东省');
    expect(zh.cities['ZJ|hangzhou']).toBe('杭州');
    const en = await caller.geo.names({ country: 'CN', locale: 'en' });
    expect(en.regions['GD']).toBe('Guangdong');
    expect(en.cities).toEqual({});
    await expect(caller.geo.names({ country: 'china', locale: 'zh' })).rejects.toThrow();
  });
});
