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
// Asia/Shanghai (the harness reads it from the id): numbers without +86 are Chinese ones.
const SHANGHAI = 'import-recognition-shanghai';
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness([SITE, SHANGHAI], {
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

/** An agent watching Live, and the visitor browsing and on the widget's socket, still unnamed. */
async function arrive(site: string, visitorId: string, ip: string) {
  const agent = await agentSocket(h.base, h.tokens.agent, site);
  await pageview(h.base, site, visitorId, '/pricing', 'Pricing');
  const v = await visitorSocket(h.base, { ip });
  v.send(hello(site, visitorId, 'https://shop.example/pricing'));
  await expect.poll(() => agent.visitors().get(visitorId)?.name, { timeout: 10_000 }).toBe('');
  return { agent, v };
}

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

    const { agent, v } = await arrive(SITE, 'returning-1', '81.2.69.142');

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

  it('is recognised when the visitor types the imported +86 number without it in chat', async () => {
    const { rows } = importChunkInput.parse({
      siteId: SHANGHAI,
      rows: [{ line: 1, name: 'Wang Fang', phone: '+86 138 0013 8000', externalId: 'CRM-86' }],
    });
    expect((await importCustomers(h.ch, SHANGHAI, rows)).created).toBe(1);

    const { agent, v } = await arrive(SHANGHAI, 'returning-cn', '202.96.134.133');

    // As a shopper in China writes it: no +86, spaces of their own.
    v.send({ type: 'offline.message', name: '', phone: '138 0013 8000', message: 'Is my order on its way?' });
    await expect.poll(() => agent.visitors().get('returning-cn')?.name, { timeout: 10_000 }).toBe('Wang Fang');

    const profile = await loadVisitorProfile(h.ch, SHANGHAI, 'returning-cn');
    expect(profile.person.visitorIds).toHaveLength(2);
    expect(profile.imported).toMatchObject({ externalId: 'CRM-86' });
    v.ws.close();
    agent.ws.close();
  });
});
