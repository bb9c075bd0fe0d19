import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { EventRow } from '../../clickhouse/rows.ts';
import { saveUser } from '../auth/user-service.ts';
import { realtimeBus } from '../bus/bus.ts';
import { saveSmtp } from '../mail/mail-settings-store.ts';
import { FIXTURE_SITES, loadFixture, type Fixture } from '../testing/fixture.ts';
import { relaySettings, startSmtpRelay, type SmtpRelay } from '../testing/mail-servers.ts';
import { startLiveHarness, type LiveHarness } from '../testing/realtime-harness.ts';
import { readNotifyPrefs, saveNotifyPrefs } from './notify-store.ts';

// Scheduled reports end to end: the fixture in the embedded store, the app's own scheduler
// on a test clock, the real outbox, a real SMTP server receiving the mail.

const DAY = 86_400_000;
const SITE = FIXTURE_SITES.a;
/** The last Wednesday 12:00 UTC (20:00 in Shanghai) before today: a weekly report is due. */
const NOW = (() => {
  const d = new Date();
  const back = (d.getUTCDay() - 3 + 7) % 7 || 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back, 12);
})();
let clock = NOW;

let h: LiveHarness;
let relay: SmtpRelay;
let fixture: Fixture;
let manager: { id: string };

beforeAll(async () => {
  relay = await startSmtpRelay(() => Promise.resolve());
  h = await startLiveHarness(
    ['report-other'],
    { heartbeatTimeoutMs: 5_000, graceMs: 500, eventTtlMs: 5_000, tickMs: 50, pingMs: 1_000 },
    {
      mail: { pollMs: 0, maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000, retryBaseMs: 50 },
      notify: { now: () => clock },
    },
  );
  await saveSmtp(h.ch, relaySettings(relay.port));
  fixture = await loadFixture(h.ch, NOW);
  await h.app.sites.reload();
  manager = await saveUser(h.ch, {
    email: 'mgr@shop.test',
    name: 'Mia',
    role: 'manager',
    siteIds: [SITE.id],
    password: 'manager-password',
  });
  await saveNotifyPrefs(h.ch, manager.id, {
    emailAlerts: false,
    report: 'weekly',
    reportSites: [SITE.id],
    language: 'en',
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await relay?.close();
});

const parsed = () => Promise.all(relay.received.map((r) => simpleParser(r.raw)));
const reports = async (subject: string) => (await parsed()).filter((m) => (m.subject ?? '').includes(subject));

/** The week Monday–Sunday before NOW's week, in Shanghai (UTC+8, no DST): computed here, not by the code. */
function lastWeek(): { from: number; to: number; first: string; last: string } {
  const local = new Date(NOW + 8 * 3_600_000);
  const mondayThisWeek = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() - ((local.getUTCDay() + 6) % 7),
  );
  const fromLocal = mondayThisWeek - 7 * DAY;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return {
    from: fromLocal - 8 * 3_600_000,
    to: fromLocal - 8 * 3_600_000 + 7 * DAY,
    first: iso(fromLocal),
    last: iso(fromLocal + 6 * DAY),
  };
}

function figures(from: number, to: number) {
  const rows = fixture.events.filter((e: EventRow) => e.site_id === SITE.id && e.ts >= from && e.ts < to);
  const count = (type: string) => rows.filter((e) => e.type === type).length;
  return {
    visitors: new Set(rows.map((e) => e.visitor_id)).size,
    chats: count('chat_started'),
    leads: count('lead_created'),
    orders: count('order'),
    revenue: rows.filter((e) => e.type === 'order').reduce((s, e) => s + Number(e.revenue), 0),
  };
}

const pct = (now: number, before: number) => {
  if (before === 0) return now === 0 ? '–' : '+∞';
  const p = Math.round(((now - before) / before) * 100);
  return p > 0 ? `+${p}%` : p < 0 ? `−${-p}%` : '0%';
};

describe('scheduled reports', () => {
  let mail: ParsedMail;

  it('sends the weekly report of the fixture site once, with the figures of its rows against the week before', async () => {
    const week = lastWeek();
    const queued = await h.app.notify.reports.tick();
    expect(queued).toHaveLength(1);
    await expect
      .poll(async () => (await reports(`Fixture A: your report for ${week.first}`)).length, { timeout: 10_000 })
      .toBe(1);
    const [found] = await reports(`Fixture A: your report for ${week.first} – ${week.last}`);
    if (!found) throw new Error('the weekly report did not arrive');
    mail = found;
    expect(relay.received.find((r) => r.raw.toString().includes(mail.messageId ?? '-'))?.to).toEqual(['mgr@shop.test']);

    const now = figures(week.from, week.to);
    const before = figures(week.from - 7 * DAY, week.from);
    // The fixture has activity in both weeks: a report of zeros would not prove anything.
    expect(now.visitors).toBeGreaterThan(0);
    expect(before.visitors).toBeGreaterThan(0);
    const text = mail.text ?? '';
    for (const [label, key] of [
      ['Visitors', 'visitors'],
      ['Chats', 'chats'],
      ['Leads', 'leads'],
      ['Orders', 'orders'],
    ] as const)
      expect(text).toContain(`${label} | ${now[key]} | ${before[key]} | ${pct(now[key], before[key])}`);
    const cny = (v: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CNY' }).format(v);
    expect(text).toContain(
      `Revenue (CNY) | ${cny(now.revenue)} | ${cny(before.revenue)} | ${pct(now.revenue, before.revenue)}`,
    );
    expect(text).toContain('spring_sale');
    expect(text).toContain('Consult-to-order funnel');
  });

  it('is HTML with the traffic chart as an inline PNG, a plain-text part and an unsubscribe header', () => {
    const chart = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(chart?.cid).toBe('traffic-chart@leadtrail');
    // A PNG's signature, and a size a 600 × 220 chart has.
    expect(chart?.content.subarray(1, 4).toString()).toBe('PNG');
    expect(chart?.content.readUInt32BE(16)).toBe(600);
    // mailparser inlines an image the HTML names by its cid: the link between the two holds.
    expect(mail.html).toContain('src="data:image/png;base64,');
    expect(
      relay.received.some((r) =>
        r.raw
          .toString()
          .replace(/=\r?\n/g, '')
          .includes('cid:traffic-chart@leadtrail'),
      ),
    ).toBe(true);
    expect(mail.html).not.toMatch(/<style|class=/);
    expect(mail.text).toContain('/unsubscribe?t=');
    expect(mail.headerLines.find((l) => l.key === 'list-unsubscribe')?.line).toContain('/unsubscribe?t=');
  });

  it('never sends the same report twice: a replayed tick and a restarted scheduler queue nothing', async () => {
    expect(await h.app.notify.reports.tick()).toEqual([]);
    clock = NOW + 3 * DAY; // later the same week: still last week's report
    expect(await h.app.notify.reports.tick()).toEqual([]);
    const { ReportScheduler } = await import('./report-scheduler.ts');
    const restarted = new ReportScheduler({
      ch: h.ch,
      outbox: h.app.mail.outbox,
      sites: () => h.app.sites.all(),
      publicUrl: () => h.base,
      signingKey: () => Buffer.alloc(32),
      now: () => clock,
    });
    expect(await restarted.tick()).toEqual([]);
    await restarted.close();
    clock = NOW;
    await new Promise((r) => setTimeout(r, 300));
    expect(await reports('Fixture A: your report for')).toHaveLength(1);
  });

  it('"Send me a test report now" mails the last 7 days at once', async () => {
    realtimeBus().publish('reportTest', { userId: manager.id, siteId: SITE.id, requestId: 'req-1' });
    await expect
      .poll(async () => (await parsed()).filter((m) => m.text?.startsWith('Test report')).length, { timeout: 10_000 })
      .toBe(1);
  });

  it('unsubscribes with one click, without signing in; a forged link is refused', async () => {
    const link = new URL(/(http\S+\/unsubscribe\?t=\S+)/.exec(mail.text ?? '')?.[1] ?? '');
    const forged = await fetch(`${h.base}/unsubscribe?t=${link.searchParams.get('t')?.slice(0, -2)}xx`);
    expect(forged.status).toBe(400);
    expect((await readNotifyPrefs(h.ch, manager.id)).report).toBe('weekly');
    const res = await fetch(`${h.base}${link.pathname}${link.search}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    expect((await readNotifyPrefs(h.ch, manager.id)).report).toBe('off');
    // The next week's report is not sent.
    clock = NOW + 7 * DAY;
    expect(await h.app.notify.reports.tick()).toEqual([]);
    clock = NOW;
  });
});
