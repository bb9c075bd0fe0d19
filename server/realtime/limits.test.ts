import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../clickhouse/tables.ts';
import type { ServerToVisitor } from '../contract/channels.ts';
import { CLOSE } from '../contract/channels.ts';
import { KeyedBuckets } from './limits.ts';
import { agentSocket, hello, startLiveHarness, visitorSocket, type LiveHarness } from '../testing/realtime-harness.ts';

// The realtime limits hold per site + visitor and per address, whatever the number of sockets.
const SITES = { flood: 'limits-flood', offline: 'limits-offline', sockets: 'limits-sockets' };
// Sustained refill slow enough (1 a minute, 1 an hour) that a test of a few seconds sees exactly the burst.
const LIMITS = {
  messagesPerMin: 1,
  messageBurst: 8,
  leadsPerHour: 5,
  leadsPerHourPerIp: 1_000,
  socketsPerIp: 30,
  socketsPerVisitor: 25,
};
let h: LiveHarness;

beforeAll(async () => {
  h = await startLiveHarness(Object.values(SITES), { tickMs: 50, pingMs: 1_000, ...LIMITS });
});
afterAll(async () => {
  await h.close();
});

/** A visitor socket said hello from `ip`, with everything it was sent. */
async function page(site: string, visitorId: string, ip: string, extra: object = {}) {
  const v = await visitorSocket(h.base, { ip });
  const got: ServerToVisitor[] = [];
  v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
  v.send({ ...hello(site, visitorId), ...extra });
  return { ...v, got };
}

type Page = Awaited<ReturnType<typeof page>>;
const welcomed = (p: { got: ServerToVisitor[] }) => p.got.some((m) => m.type === 'welcome');
const refusals = (pages: { got: ServerToVisitor[] }[]) =>
  pages.flatMap((p) => p.got).filter((m) => m.type === 'chat.error' && m.reason === 'rate_limited').length;

async function count(query: string, site: string): Promise<number> {
  const r = await h.ch.query({ query, query_params: { s: site }, format: 'JSONEachRow' });
  return Number((await r.json<{ n: string }>())[0]?.n ?? 0);
}

describe('realtime limits', () => {
  it('twenty sockets of one visitor share one chat budget: the burst is stored, the rest refused', async () => {
    const site = SITES.flood;
    const agent = await agentSocket(h.base, h.tokens.agent, site);
    const first = await page(site, 'visitor-flood-1', '81.2.69.1');
    await expect.poll(() => welcomed(first)).toBe(true);
    first.send({ type: 'chat.request', name: 'Flood' });
    await expect.poll(() => first.got.some((m) => m.type === 'chat.state' && m.chat?.status === 'open')).toBe(true);
    // Every page holds the chat's token (the widget shares it between tabs): all may write.
    const token = first.got.flatMap((m) => (m.type === 'chat.state' && m.token ? [m.token] : [])).at(-1);
    const pages = [first];
    for (let i = 1; i < 20; i++) pages.push(await page(site, 'visitor-flood-1', '81.2.69.1', { chatToken: token }));
    await expect.poll(() => pages.every(welcomed)).toBe(true);
    // 5 messages from each socket, well within one socket's own budget (20 at once).
    pages.forEach((p, i) => {
      for (let n = 0; n < 5; n++)
        p.send({ type: 'chat.send', messageId: `flood-${i}-${n}-xxxx`, body: `message ${i}.${n}` });
    });
    // The burst of 8 minus the chat request: 7 messages stored; 93 refused with a code.
    await expect.poll(() => refusals(pages)).toBe(93);
    await expect
      .poll(() => count(`SELECT count() AS n FROM ${TABLES.chatMessages} FINAL WHERE site_id = {s:String}`, site))
      .toBe(7);
    for (const p of pages) p.ws.close();
    agent.ws.close();
  });

  it('a hundred offline messages from one visitor make as many leads as the hourly limit', async () => {
    const site = SITES.offline;
    const v = await page(site, 'visitor-offline-flood', '81.2.69.2');
    await expect.poll(() => welcomed(v)).toBe(true);
    // Ten messages per socket stay within each socket's own budget: only the visitor's limits bite.
    const others: Page[] = [];
    for (let i = 0; i < 10; i++) others.push(await page(site, 'visitor-offline-flood', '81.2.69.2'));
    await expect.poll(() => others.every(welcomed)).toBe(true);
    const all = [v, ...others];
    all.forEach((p, i) => {
      // Each with its own email: one email would make one lead however often it came (leads are de-duplicated by contact).
      for (let n = 0; n < 10; n++)
        p.send({ type: 'offline.message', email: `flood-${i}-${n}@example.com`, message: `offline ${i}.${n}` });
    });
    const oks = () => all.flatMap((p) => p.got).filter((m) => m.type === 'offline.ok').length;
    // Every message is answered, accepted or refused: of 110, 8 pass the message burst and 5 of those the hourly lead limit.
    await expect.poll(() => oks() + refusals(all)).toBe(110);
    expect(oks()).toBe(5);
    // Leads are stored after the answer (journaled first): give a loaded machine time.
    await expect
      .poll(() => count(`SELECT count() AS n FROM ${TABLES.leads} FINAL WHERE site_id = {s:String}`, site), {
        timeout: 15_000,
      })
      .toBe(5);
    for (const p of all) p.ws.close();
  });

  it('caps open sockets per address and per visitor, and frees a place when one closes', async () => {
    const site = SITES.sockets;
    const ip = '81.2.69.3';
    const open: Page[] = [];
    for (let i = 0; i < LIMITS.socketsPerIp; i++) open.push(await page(site, `visitor-sockets-${i}`, ip));
    await expect.poll(() => open.every(welcomed)).toBe(true);
    const extra = await visitorSocket(h.base, { ip });
    expect(await extra.closing).toEqual(CLOSE.tooManySockets);
    // Another address (another office) is not affected.
    const elsewhere = await page(site, 'visitor-sockets-x', '81.2.69.4');
    await expect.poll(() => welcomed(elsewhere)).toBe(true);
    open.pop()!.ws.close();
    await expect
      .poll(async () => {
        const again = await page(site, 'visitor-sockets-again', ip);
        const ok = await new Promise<boolean>((resolve) => {
          again.ws.once('close', () => resolve(false));
          setTimeout(() => resolve(welcomed(again)), 200);
        });
        if (ok) open.push(again);
        return ok;
      })
      .toBe(true);
    for (const p of open) p.ws.close();

    // Tabs of one visitor, from many addresses: the one past the limit is refused at hello.
    const tabs: Page[] = [];
    for (let i = 0; i < LIMITS.socketsPerVisitor; i++) tabs.push(await page(site, 'visitor-many-tabs', `81.2.70.${i}`));
    await expect.poll(() => tabs.every(welcomed)).toBe(true);
    const tab = await page(site, 'visitor-many-tabs', '81.2.71.1');
    expect(await tab.closing).toEqual(CLOSE.tooManyTabs);
    for (const p of [...tabs, elsewhere]) p.ws.close();
  });
});

describe('keyed buckets', () => {
  it('refill at their rate and forget keys that have refilled', () => {
    let now = 0;
    const b = new KeyedBuckets(2, 60, () => now); // one a second
    expect([b.take('a'), b.take('a'), b.take('a'), b.take('b')]).toEqual([true, true, false, true]);
    now = 1_000;
    expect([b.take('a'), b.take('a')]).toEqual([true, false]);
    // 'b' has refilled (the same as never seen); 'a' is still short.
    b.sweep();
    expect(b.size).toBe(1);
    now = 10_000;
    b.sweep();
    expect(b.size).toBe(0);
  });
});
