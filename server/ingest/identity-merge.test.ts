import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import type { IdentityRow } from '../../clickhouse/rows.ts';
import { mergeWithStoredIdentities } from './identity-merge.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const identity = (visitor: string, at: number, over: Partial<IdentityRow>): IdentityRow => ({
  site_id: 'merge-site',
  visitor_id: visitor,
  person_id: visitor,
  name: '',
  email: '',
  phone: '',
  updated_at: at,
  ...over,
});

// Journaled requests reach the store in batches, so two devices of one person can
// identify in the same batch: the later one must still join the earlier one's person.
it('joins visitors of one batch that share an email or phone into the earliest one', async () => {
  const rows = await mergeWithStoredIdentities(ch, [
    identity('phone-2', 3_000, { phone: '+86 137 0000 0000', email: 'wu@example.com' }),
    identity('laptop-1', 1_000, { email: 'wu@example.com' }),
    identity('tablet-3', 5_000, { phone: '+86 137 0000 0000' }),
    identity('other-4', 2_000, { email: 'li@example.com' }),
  ]);
  const person = Object.fromEntries(rows.map((r) => [r.visitor_id, r.person_id]));
  expect(person).toEqual({
    'laptop-1': 'laptop-1',
    'phone-2': 'laptop-1',
    'tablet-3': 'laptop-1',
    'other-4': 'other-4',
  });
});
