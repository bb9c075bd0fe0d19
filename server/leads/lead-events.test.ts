import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { realtimeBus, type DomainEvent } from '../bus/bus.ts';
import { createLead, updateLead } from './lead-service.ts';
import { testStore } from '../testing/test-store.ts';

// A lead tells the site's webhooks when it is made and each time it changes, with ids that
// stay the same for the same fact (a replayed step) and differ for a new version.
const ch = testStore();
const SITE = 'lead-events-site';
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

it('publishes lead.created and lead.updated with the lead and stable ids', async () => {
  const heard: DomainEvent[] = [];
  const stop = realtimeBus().subscribe('domainEvent', (e) => heard.push(e));
  try {
    const lead = await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-lead-events',
      source: 'agent',
      name: 'Li Lei',
      email: 'Li@Example.com',
      phone: '',
      message: 'wants a quote',
      callbackAt: '',
      chatId: '',
      ownerId: '',
    });
    const updated = await updateLead(ch, SITE, lead.lead_id, { status: 'contacted' });
    // The same email again joins the open lead: an update, not a second lead.
    await createLead(ch, {
      siteId: SITE,
      visitorId: 'v-other-browser',
      source: 'identify',
      name: '',
      email: 'li@example.com',
      phone: '+86 138 0013 8000',
      message: '',
      callbackAt: '',
      chatId: '',
      ownerId: '',
    });
    expect(heard.map((e) => [e.siteId, e.type, e.data['lead_id']])).toEqual([
      [SITE, 'lead.created', lead.lead_id],
      [SITE, 'lead.updated', lead.lead_id],
      [SITE, 'lead.updated', lead.lead_id],
    ]);
    expect(heard[0]?.data).toMatchObject({ email: 'li@example.com', name: 'Li Lei', status: 'new', source: 'agent' });
    expect(heard[1]?.data).toMatchObject({ status: 'contacted' });
    expect(heard[2]?.data).toMatchObject({ phone: '+86 138 0013 8000' });
    expect(new Set(heard.map((e) => e.id)).size).toBe(3);
    expect(heard.every((e) => /^evt_[0-9a-f]{32}$/.test(e.id))).toBe(true);
    expect(updated.status).toBe('contacted');
  } finally {
    stop();
  }
});
