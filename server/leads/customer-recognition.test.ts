import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChunkInput } from '../contract/customer-import.ts';
import { loadVisitorProfile } from '../reports/visitor-profile.ts';
import { collect } from '../testing/http.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { importCustomers } from './customer-import.ts';

// An imported customer who comes back: the real app, the real ingest endpoint, a real agent
// socket. The visitor gives only their email; the agent sees the imported name.
const SITE = 'import-recognition';
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness([SITE], {
    heartbeatTimeoutMs: 5_000,
    graceMs: 300,
    eventTtlMs: 1_000,
    tickMs: 50,
    pingMs: 1_000,
  });
});
afterAll(async () => {
  await h.close();
});

describe('an imported customer arriving', () => {
  it('is named on Live and on the profile as the import says, with the imported fields', async () => {
    const { rows } = importChunkInput.parse({
      siteId: SITE,
      rows: [
        {
          line: 1,
          name: 'Chen Jing',
          email: 'chen.jing@example.com',
          externalId: 'CRM-77',
          tags: 'vip',
          fields: { plan: 'gold' },
        },
      ],
    });
    expect((await importCustomers(h.ch, SITE, rows)).created).toBe(1);

    const agent = await agentSocket(h.base, h.tokens.agent, SITE);
    await pageview(h.base, SITE, 'returning-1', '/pricing', 'Pricing');
    const v = await visitorSocket(h.base, { ip: '81.2.69.142' });
    v.send(hello(SITE, 'returning-1', 'https://shop.example/pricing'));
    await expect.poll(() => agent.visitors().get('returning-1')?.name, { timeout: 10_000 }).toBe('');

    // The snippet's identify with the email only (another case than the file's).
    const identify = await collect(
      h.base,
      {
        site: SITE,
        visitorId: 'returning-1',
        sessionId: 'returning-1-s1',
        events: [{ type: 'identify', url: 'https://shop.example/pricing', email: 'Chen.Jing@Example.com' }],
      },
      { 'x-forwarded-for': '81.2.69.142' },
    );
    expect(identify.status).toBe(202);
    await expect.poll(() => agent.visitors().get('returning-1')?.name, { timeout: 10_000 }).toBe('Chen Jing');

    const profile = await loadVisitorProfile(h.ch, SITE, 'returning-1');
    expect(profile.person).toMatchObject({ name: 'Chen Jing', email: 'chen.jing@example.com' });
    expect(profile.person.visitorIds).toHaveLength(2);
    expect(profile.imported).toMatchObject({ externalId: 'CRM-77', tags: 'vip', fields: [['plan', 'gold']] });
    v.ws.close();
    agent.ws.close();
  });
});
