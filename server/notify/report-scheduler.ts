import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import type { MailLanguage, NotifyPrefs } from '../contract/notify.ts';
import { can, canAccessSite } from '../contract/roles.ts';
import type { MailOutbox } from '../mail/outbox.ts';
import { listUsers, type UserRecord } from '../queries/list-users.ts';
import { resolveRange } from '../reports/resolve-range.ts';
import type { NotifySite } from './alert-engine.ts';
import { readAllNotifyPrefs, readNotifyPrefs } from './notify-store.ts';
import { trafficChartPng } from './report-chart.ts';
import { reportFigures, reportPeriod, type ReportFrequency } from './report-figures.ts';
import { chartLabels, reportMail } from './report-mail.ts';
import { unsubscribeToken } from './unsubscribe.ts';

export interface ReportSchedulerDeps {
  ch: ClickHouseClient;
  outbox: MailOutbox;
  sites(): NotifySite[];
  publicUrl(): string;
  signingKey(): Buffer;
  /** How often due reports are looked for (a minute). */
  tickMs?: number | undefined;
  now?: (() => number) | undefined;
  bus?: RealtimeBus;
}

/**
 * Scheduled reports: a timer in the one process looks, each tick, for every user's report
 * that is due in its site's time zone (daily from 08:00 for yesterday, weekly from Monday
 * 08:00 for the week before) and queues it through the outbox under the key user + site +
 * period. A report queued or sent before is skipped before anything is read, and the outbox
 * refuses a second mail with the same key, so a restart or a replayed tick sends nothing twice.
 */
export class ReportScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;
  private readonly now: () => number;
  private readonly stopTest: () => void;

  constructor(private readonly deps: ReportSchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.stopTest = (deps.bus ?? realtimeBus()).subscribe('reportTest', ({ userId, siteId, requestId }) => {
      void this.sendTest(userId, siteId, requestId).catch((error: unknown) =>
        console.error('reports: the test report failed', error),
      );
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.tick().catch(logFailure), this.deps.tickMs ?? 60_000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.stopTest();
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Queues every report due now and not sent yet; the ids queued (tests settle a tick with it). */
  tick(): Promise<string[]> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<string[]> {
    const now = this.now();
    const prefs = [...(await readAllNotifyPrefs(this.deps.ch))].filter(([, p]) => p.report !== 'off');
    if (prefs.length === 0) return [];
    const users = new Map((await listUsers(this.deps.ch)).map((u) => [u.id, u]));
    const sites = new Map(this.deps.sites().map((s) => [s.id, s]));
    const queued: string[] = [];
    for (const [userId, p] of prefs) {
      const user = users.get(userId);
      if (!user || p.report === 'off' || !can(user, 'reports:read')) continue;
      for (const siteId of p.reportSites) {
        const site = sites.get(siteId);
        if (!site || !canAccessSite(user, siteId)) continue;
        const period = reportPeriod(p.report, site.timeZone, now);
        if (now < period.due) continue;
        const id = reportId(p.report, period.firstDay, userId, siteId);
        if (this.deps.outbox.has(id)) continue;
        if (await this.send(id, user, p.language, site, p.report, period.range, false)) queued.push(id);
      }
    }
    return queued;
  }

  /** "Send me a test report now": the last 7 days up to today, whatever the user's schedule. */
  async sendTest(userId: string, siteId: string, requestId: string): Promise<string | null> {
    const user = (await listUsers(this.deps.ch)).find((u) => u.id === userId);
    const site = this.deps.sites().find((s) => s.id === siteId);
    if (!user || !site || !canAccessSite(user, siteId) || !can(user, 'reports:read')) return null;
    const prefs: NotifyPrefs = await readNotifyPrefs(this.deps.ch, userId);
    const range = resolveRange({ preset: '7d' }, site.timeZone, this.now());
    const id = `report-test-${createHash('sha256').update(`${userId}\u0000${siteId}\u0000${requestId}`).digest('hex').slice(0, 32)}`;
    return (await this.send(id, user, prefs.language, site, 'weekly', range, true)) ? id : null;
  }

  private async send(
    id: string,
    user: UserRecord,
    lang: MailLanguage,
    site: NotifySite,
    frequency: ReportFrequency,
    range: ReturnType<typeof resolveRange>,
    test: boolean,
  ): Promise<boolean> {
    const figures = await reportFigures(this.deps.ch, site, frequency, range);
    const chartPng = await trafficChartPng(
      figures.series.map((p) => p.visitors),
      chartLabels(figures, site.timeZone),
    );
    const unsubscribeUrl = `${this.deps.publicUrl()}/unsubscribe?t=${unsubscribeToken(this.deps.signingKey(), user.id)}`;
    return this.deps.outbox.queue(
      reportMail({
        id,
        to: user.email,
        siteId: site.id,
        siteName: site.name,
        timeZone: site.timeZone,
        lang,
        figures,
        chartPng,
        unsubscribeUrl,
        test,
      }),
    );
  }
}

/** The outbox key of one report: user + site + period, so the same report is never queued twice. */
export function reportId(frequency: ReportFrequency, firstDay: string, userId: string, siteId: string): string {
  const who = createHash('sha256').update(`${userId}\u0000${siteId}`).digest('hex').slice(0, 24);
  return `report-${frequency}-${firstDay}-${who}`;
}

function logFailure(error: unknown): void {
  console.error('reports: a scheduled pass failed', error);
}
