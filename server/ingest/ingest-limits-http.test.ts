import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { createApp, type App } from '../app.ts';
import { saveSite } from '../sites/site-service.ts';
import { collect, listen } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { testStore } from '../testing/test-store.ts';

// The /api/collect limits over real HTTP, the real handler and the embedded ClickHouse.
// 100 events a minute per address = two full requests of 50; refilling one takes 30 s, far
// longer than this file runs, so every count below is exact. 300 a minute per site.
const ch = testStore();
let app: App;
let base: string;
let request = 0;

const SITE = 'site-limit-1';
const OTHER_SITE = 'site-limit-2';

/** 50 page views in one request, from `ip` (the app trusts X-Forwarded-For here). */
function send50(ip: string, site = SITE): Promise<Response> {
  const n = request++;
  const events = Array.from({ length: 50 }, (_, i) => ({ type: 'pageview', url: `https://shop.example/p/${n}/${i}` }));
  return collect(
    base,
    { site, visitorId: `visitor-${n}-xxxx`, sessionId: `session-${n}-xxxx`, events },
    { 'x-forwarded-for': ip },
  );
}

async function stored(site: string): Promise<number> {
  await app.writer.drain();
  const r = await ch.query({
    query: `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {site:String}`,
    query_params: { site },
    format: 'JSONEachRow',
  });
  return Number((await r.json<{ n: string }>())[0]?.n);
}

beforeAll(async () => {
  await migrate(ch);
  for (const id of [SITE, OTHER_SITE])
    await saveSite(ch, { id, name: id, domains: ['shop.example'], timeZone: 'UTC', respectDnt: false });
  app = await createApp({
    ch,
    trustProxy: true,
    flushMs: 5,
    journalDir: tempDir('journal'),
    ingestRates: { ipPerMin: 100, sitePerMin: 300 },
  });
  base = await listen(app.server);
});
afterAll(async () => {
  await app.close();
  await ch.close();
});

describe('POST /api/collect limits', () => {
  const acked = new Map<string, number>([
    [SITE, 0],
    [OTHER_SITE, 0],
  ]);
  const count = async (site: string, res: Promise<Response>) => {
    const r = await res;
    if (r.status === 202) acked.set(site, (acked.get(site) ?? 0) + 50);
    return r;
  };

  it('answers a flood from one address 429 with Retry-After once its minute is spent', async () => {
    expect((await count(SITE, send50('198.51.100.1'))).status).toBe(202);
    expect((await count(SITE, send50('198.51.100.1'))).status).toBe(202);
    const refused = await count(SITE, send50('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('too many events from this address');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    // The flood of the report: many requests of 50 events at once. None gets through.
    const flood = await Promise.all(
      Array.from({ length: 200 }, () => count(SITE, send50('198.51.100.1')).then((r) => r.status)),
    );
    expect(flood.filter((s) => s === 429)).toHaveLength(200);
    // Another address is not held back by it.
    expect((await count(SITE, send50('198.51.100.2'))).status).toBe(202);
  });

  it('answers 429 for a site whose minute is spent, whatever the address; other sites go on', async () => {
    // 150 of the site's 300 are spent above; two more addresses spend the rest.
    for (const ip of ['198.51.100.2', '198.51.100.3', '198.51.100.3'])
      expect((await count(SITE, send50(ip))).status).toBe(202);
    const refused = await count(SITE, send50('198.51.100.4'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('too many events from this site');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The refused request took nothing from its address: it still has its whole minute.
    expect((await count(OTHER_SITE, send50('198.51.100.4', OTHER_SITE))).status).toBe(202);
    expect((await count(OTHER_SITE, send50('198.51.100.4', OTHER_SITE))).status).toBe(202);
  });

  it('counts refused junk too: an address sending bad bodies runs out', async () => {
    // Twenty at a time, so a slow runner's refill during the run cannot keep up with the spending.
    const statuses: number[] = [];
    for (let round = 0; round < 20 && !statuses.includes(429); round++) {
      const batch = Array.from({ length: 20 }, () => collect(base, '{"site":', { 'x-forwarded-for': '198.51.100.5' }));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(100);
  });

  it('stores exactly what it acknowledged', async () => {
    expect(acked.get(SITE)).toBe(300);
    expect(acked.get(OTHER_SITE)).toBe(100);
    expect(await stored(SITE)).toBe(300);
    expect(await stored(OTHER_SITE)).toBe(100);
  });
});
