import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { blankEvent, type IdentityRow, type OrderRow } from '../../clickhouse/rows.ts';
import { tempDir } from '../testing/temp-dir.ts';
import type { Enriched } from './enrich.ts';
import { Journal } from './journal.ts';

const at = Date.UTC(2026, 10, 27, 12);
const request = (n: number): Enriched => ({
  events: [
    blankEvent({
      site_id: 's',
      ts: at + n,
      type: 'pageview',
      visitor_id: `v${n}`,
      session_id: 'x',
      title: '价格 "Pricing"\n😀',
      props: { plan: 'pro' },
      revenue: 12.5,
    }),
    // Rows of one table need not carry the same keys.
    {
      ...blankEvent({ site_id: 's', ts: at + n, type: 'pageview', visitor_id: `v${n}`, session_id: 'x' }),
      session_source: 'google.com',
      session_campaign: '',
    },
  ],
  bots: [
    { site_id: 's', ts: at, type: 'pageview', path: '/', user_agent: 'Googlebot', reason: 'crawler', country: '' },
  ],
  identities: [
    {
      site_id: 's',
      visitor_id: `v${n}`,
      person_id: `v${n}`,
      name: '李雷',
      email: 'li@example.com',
      phone: '',
      updated_at: at,
    } satisfies IdentityRow,
  ],
  orders: [] as OrderRow[],
});

it('gives back every request of a segment as it was appended, and skips a torn last line', async () => {
  const dir = tempDir('journal');
  const journal = new Journal(dir);
  const first = journal.open();
  await Promise.all([journal.append(first, request(1)), journal.append(first, request(2))]);
  journal.close(first);
  const second = journal.open();
  await journal.append(second, request(3));
  journal.close(second);
  // A machine crash can cut the last write short; that request was never acknowledged.
  appendFileSync(join(dir, readdirSync(dir).sort()[1] ?? ''), '{"events":[["site_id"],[["s');

  const left = new Journal(dir).leftovers();
  expect(left.map((l) => l.segment.name)).toEqual([first.name, second.name]);
  expect(left.map((l) => l.rows)).toEqual([[request(1), request(2)], [request(3)]]);
});
