import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus } from '../bus/bus.ts';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import type { AlertItem } from '../contract/notify.ts';
import { clickHouseInsert } from '../ingest/clickhouse-insert.ts';
import { saveSmtp } from '../mail/mail-settings-store.ts';
import { relaySettings, startSmtpRelay, type SmtpRelay } from '../testing/mail-servers.ts';
import {
  agentSocket,
  hello,
  pageview,
  startLiveHarness,
  storedRow,
  visitorSocket,
  type LiveHarness,
} from '../testing/realtime-harness.ts';
import { AlertEngine } from './alert-engine.ts';
import { markAlertsRead, saveNotifyPrefs } from './notify-store.ts';

// Alerts end to end: events in the embedded store, the app's engine on a test clock, the
// bell over real agent WebSockets, alert mail through the outbox to a real SMTP server.

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const SPIKE = 'spike-shop';
const WAIT = 'wait-shop';
const QUIET = 'quiet-shop';
let clock = Date.now();

let h: LiveHarness;
let relay: SmtpRelay;

beforeAll(async () => {
  relay = await startSmtpRelay(() => Promise.resolve());
  h = await startLiveHarness(
    [SPIKE, WAIT, QUIET],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    {
      mail: { pollMs: 0, maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000, retryBaseMs: 50 },
      notify: { now: () => clock, alertTickMs: 3_600_000 },
    },
  );
  await saveSmtp(h.ch, relaySettings(relay.port));
  await saveNotifyPrefs(h.ch, h.userIds.admin, { emailAlerts: true, report: 'off', reportSites: [], language: 'en' });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await relay?.close();
});

const bellAlerts = (events: ServerToAgent[]) => {
  const last = events.filter((e) => e.type === 'alert.snapshot').at(-1);
  return last?.type === 'alert.snapshot' ? last.alerts : null;
};
const bell = (events: ServerToAgent[]) => bellAlerts(events)?.map((a) => a.key) ?? null;
const pushed = (events: ServerToAgent[]) =>
  events.flatMap((e): AlertItem[] => (e.type === 'alert.new' ? [e.alert] : []));
const mails = async (subject: string) =>
  (await Promise.all(relay.received.map(async (r) => ({ to: r.to, m: await simpleParser(r.raw) })))).filter((x) =>
    (x.m.subject ?? '').includes(subject),
  );

describe('alerts', () => {
  it('a traffic spike fires exactly one alert, pushed to the bell of the right roles and mailed once', async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    clock = hour + 30 * 60_000;
    // The same half hour of the four weeks before: 5 page views each (usual 5); this hour: 60.
    const rows = [];
    for (let k = 1; k <= 4; k++)
      for (let i = 0; i < 5; i++)
        rows.push(storedRow(SPIKE, `past-${k}-${i}`, `past-${k}-${i}-s`, hour - k * WEEK + i * 60_000, 'pageview'));
    for (let i = 0; i < 60; i++) rows.push(storedRow(SPIKE, `now-${i}`, `now-${i}-s`, hour + i * 20_000, 'pageview'));
    await clickHouseInsert(h.ch)(TABLES.events, rows);

    const admin = await agentSocket(h.base, h.tokens.admin, SPIKE);
    const agent = await agentSocket(h.base, h.tokens.agent, SPIKE);
    // The bell shows every site the user can see, whichever site the tab is on.
    const elsewhere = await agentSocket(h.base, h.tokens.admin, QUIET);
    const outsider = await agentSocket(h.base, h.tokens.outsider, 'other-site');
    await expect.poll(() => bell(admin.events)).toEqual([]);
    await expect.poll(() => bell(agent.events)).toEqual([]);
    await expect.poll(() => bell(elsewhere.events)).toEqual([]);

    const raised = (await h.app.notify.alerts.check()).filter((a) => a.siteId === SPIKE);
    expect(raised.map((a) => [a.kind, a.figures['pageviews'], a.figures['usual']])).toEqual([['traffic_spike', 60, 5]]);
    const [spike] = raised;
    await expect.poll(() => pushed(admin.events).map((a) => a.key)).toEqual([spike?.key]);
    await expect.poll(() => pushed(elsewhere.events).map((a) => [a.siteId, a.key])).toEqual([[SPIKE, spike?.key]]);
    // Agents do not hear of traffic; a marketer of another site does not hear of this site's.
    await new Promise((r) => setTimeout(r, 200));
    expect(pushed(agent.events)).toEqual([]);
    expect(pushed(outsider.events)).toEqual([]);

    // Found again, by the same engine or after a restart: nothing new.
    expect((await h.app.notify.alerts.check()).filter((a) => a.siteId === SPIKE)).toEqual([]);
    const restarted = new AlertEngine({
      ch: h.ch,
      outbox: h.app.mail.outbox,
      sites: () => h.app.sites.all(),
      publicUrl: () => h.base,
      queuedSince: () => null,
      staffed: () => true,
      open: () => true,
      failingSince: () => null,
      now: () => clock,
    });
    expect(await restarted.check()).toEqual([]);

    await expect.poll(async () => (await mails('Traffic spike')).length, { timeout: 10_000 }).toBe(1);
    const [mail] = await mails('Traffic spike');
    expect(mail?.to).toEqual(['boss@example.com']);
    expect(mail?.m.subject).toBe('[spike-shop] Traffic spike: 60 page views this hour, usually 5');
    expect(mail?.m.text).toContain(`/s/${SPIKE}/overview`);

    // A reconnect shows it again (unread); marking it read empties the bell of every open tab.
    const again = await agentSocket(h.base, h.tokens.admin, SPIKE);
    await expect.poll(() => bell(again.events)).toEqual([spike?.key]);
    const onQuiet = await agentSocket(h.base, h.tokens.admin, QUIET);
    await expect.poll(() => bell(onQuiet.events)).toEqual([spike?.key]);
    const otherSite = await agentSocket(h.base, h.tokens.outsider, 'other-site');
    await expect.poll(() => bell(otherSite.events)).toEqual([]);
    await markAlertsRead(h.ch, h.userIds.admin, SPIKE, [spike?.key ?? '']);
    realtimeBus().publish('alertsRead', { userId: h.userIds.admin, siteId: SPIKE });
    await expect.poll(() => bell(again.events)).toEqual([]);
    await expect.poll(() => bell(admin.events)).toEqual([]);
    await expect.poll(() => bell(onQuiet.events)).toEqual([]);
    for (const s of [admin, agent, again, elsewhere, outsider, onQuiet, otherSite]) s.ws.close();
  });

  it('a visitor waiting longer than the threshold raises one alert for the agents', async () => {
    const agent = await agentSocket(h.base, h.tokens.agent, WAIT);
    agent.ws.send(JSON.stringify({ type: 'agent.status', status: 'online', maxChats: 1 }));
    const visitor = async (id: string) => {
      await pageview(h.base, WAIT, id, '/pricing', 'Pricing');
      const v = await visitorSocket(h.base);
      const got: ServerToVisitor[] = [];
      v.ws.on('message', (d: Buffer) => got.push(JSON.parse(d.toString()) as ServerToVisitor));
      v.send(hello(WAIT, id, 'https://shop.example/pricing'));
      await expect.poll(() => got.some((m) => m.type === 'welcome' && m.agentsOnline)).toBe(true);
      v.send({ type: 'chat.request', question: 'Hello?' });
      const state = () => got.filter((m) => m.type === 'chat.state').at(-1);
      return { ...v, state };
    };
    const first = await visitor('visitor-wait-1');
    await expect.poll(() => first.state()).toMatchObject({ chat: { status: 'open' } });
    const second = await visitor('visitor-wait-2');
    await expect.poll(() => second.state()).toMatchObject({ chat: { status: 'queued' } });

    // Not yet: 60 s of waiting is under the default 120 s.
    clock = Date.now() + 60_000;
    expect((await h.app.notify.alerts.check()).filter((a) => a.siteId === WAIT)).toEqual([]);
    clock = Date.now() + 130_000;
    const raised = (await h.app.notify.alerts.check()).filter((a) => a.siteId === WAIT);
    expect(raised.map((a) => a.kind)).toEqual(['visitor_waiting']);
    expect(raised[0]?.figures['seconds']).toBeGreaterThanOrEqual(130);
    await expect.poll(() => pushed(agent.events).map((a) => a.kind)).toEqual(['visitor_waiting']);
    expect((await h.app.notify.alerts.check()).filter((a) => a.siteId === WAIT)).toEqual([]);
    for (const s of [agent, first, second]) s.ws.close();
  });

  it('no agent online in an hour that usually brings chat requests raises one alert for admins and managers', async () => {
    // Two hours on: the engine read this site's (empty) history for the hours the tests before used.
    const hour = Math.floor(Date.now() / HOUR) * HOUR + 2 * HOUR;
    clock = hour + 30 * 60_000;
    // One chat request in this weekday's hour in each of the four weeks before: 1 a week (Staffing).
    const rows = [1, 2, 3, 4].map((k) =>
      storedRow(QUIET, `asker-${k}`, `asker-${k}-s`, hour - k * WEEK + 10 * 60_000, 'chat_requested', {
        chat_id: `chat-quiet-${k}`,
      }),
    );
    await clickHouseInsert(h.ch)(TABLES.events, rows);
    const admin = await agentSocket(h.base, h.tokens.admin, QUIET);
    // The bell lists every site's unread alerts (the visitor waiting above is WAIT's): none of this site yet.
    await expect.poll(() => bellAlerts(admin.events)?.filter((a) => a.siteId === QUIET)).toEqual([]);
    // Two hours on, other kinds may be due as well (the queued visitor above still waits): only no_agent counts here.
    const raised = (await h.app.notify.alerts.check()).filter((a) => a.siteId === QUIET && a.kind === 'no_agent');
    expect(raised.map((a) => a.figures['requests'])).toEqual([1]);
    await expect
      .poll(() =>
        pushed(admin.events)
          .filter((a) => a.kind === 'no_agent')
          .map((a) => a.key),
      )
      .toEqual([raised[0]?.key]);
    admin.ws.close();
  });
});
