import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { getPerson } from '../queries/visitor-people.ts';
import { saveSite } from '../sites/site-service.ts';
import { saveAgentLead } from './agent-lead.ts';
import { testStore } from '../testing/test-store.ts';

// One number, written three ways, on a shop in China; a Berlin shop's local number.
const SHANGHAI = 'pk-shanghai';
const BERLIN = 'pk-berlin';
const NOW = Date.UTC(2026, 11, 3, 8, 0);
const MIN = 60_000;
const ch = testStore();

beforeAll(async () => {
  await migrate(ch);
  await saveSite(ch, {
    id: SHANGHAI,
    name: 'CN',
    domains: ['cn.example'],
    timeZone: 'Asia/Shanghai',
    respectDnt: false,
  });
  await saveSite(ch, { id: BERLIN, name: 'DE', domains: ['de.example'], timeZone: 'Europe/Berlin', respectDnt: false });
});
afterAll(() => ch.close());

async function stored(table: string, siteId: string) {
  const r = await ch.query({
    query: `SELECT phone, phone_key FROM ${table} FINAL WHERE site_id = {s:String} ORDER BY phone`,
    query_params: { s: siteId },
    format: 'JSONEachRow',
  });
  return r.json<{ phone: string; phone_key: string }>();
}

describe('phones matched by their E.164 key', () => {
  it('"+86 138 0013 8000", "138 0013 8000" and "008613800138000" on a site in China are one person and one lead', async () => {
    const spellings = ['+86 138 0013 8000', '138 0013 8000', '008613800138000'];
    const leads = [];
    for (const [i, phone] of spellings.entries())
      leads.push(
        await saveAgentLead(ch, {
          siteId: SHANGHAI,
          visitorId: `v-cn-${i}`,
          source: 'agent',
          phone,
          now: NOW + i * MIN,
        }),
      );
    expect(new Set(leads.map((l) => l.lead_id)).size).toBe(1);
    // Kept as first typed for display; the key is what matched.
    expect(await stored(TABLES.leads, SHANGHAI)).toEqual([{ phone: '+86 138 0013 8000', phone_key: '+8613800138000' }]);
    expect((await getPerson(ch, SHANGHAI, 'v-cn-2')).visitorIds.toSorted()).toEqual(['v-cn-0', 'v-cn-1', 'v-cn-2']);
    expect((await stored(TABLES.identities, SHANGHAI)).map((r) => r.phone_key)).toEqual([
      '+8613800138000',
      '+8613800138000',
      '+8613800138000',
    ]);
  });

  it('reads "030 1234567" on a site in Berlin as +49301234567, the same person as "+49 30 1234567"', async () => {
    const local = await saveAgentLead(ch, {
      siteId: BERLIN,
      visitorId: 'v-de-0',
      source: 'agent',
      phone: '030 1234567',
      now: NOW,
    });
    const intl = await saveAgentLead(ch, {
      siteId: BERLIN,
      visitorId: 'v-de-1',
      source: 'agent',
      phone: '+49 30 1234567',
      now: NOW + MIN,
    });
    expect(intl.lead_id).toBe(local.lead_id);
    expect(await stored(TABLES.leads, BERLIN)).toEqual([{ phone: '030 1234567', phone_key: '+49301234567' }]);
    expect((await getPerson(ch, BERLIN, 'v-de-1')).visitorIds.toSorted()).toEqual(['v-de-0', 'v-de-1']);
  });
});
