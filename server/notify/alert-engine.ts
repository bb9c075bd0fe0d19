import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import { canAccessSite } from '../contract/roles.ts';
import { ALERT_AUDIENCE, ALERT_SCREEN, type AlertItem, type AlertSettings } from '../contract/notify.ts';
import type { MailOutbox } from '../mail/outbox.ts';
import { getAlertKeys } from '../queries/alert-keys.ts';
import { listUsers } from '../queries/list-users.ts';
import { getNotifySettings } from '../queries/notify-settings.ts';
import { getPageviewWindows } from '../queries/pageview-windows.ts';
import { getStaffingHeatmap } from '../queries/staffing-heatmap.ts';
import { localDay, resolveRange } from '../reports/resolve-range.ts';
import { alertsFor, HOUR_MS, localHourStart, weeksBack, type SiteFacts } from './alert-checks.ts';
import { alertLine, alertMailText } from './notify-text.ts';
import { parseAlertSettings, readAllNotifyPrefs, storeAlert } from './notify-store.ts';

export interface NotifySite {
  id: string;
  name: string;
  timeZone: string;
}

/** What the engine reads from the one process's memory (chat, outboxes) and where links point. */
export interface AlertEngineDeps {
  ch: ClickHouseClient;
  outbox: MailOutbox;
  sites(): NotifySite[];
  queuedSince(siteId: string): number | null;
  staffed(siteId: string): boolean;
  open(siteId: string): boolean;
  failingSince(siteId: string): number | null;
  publicUrl(): string;
  /** How often sites are checked (a minute). */
  tickMs?: number | undefined;
  now?: (() => number) | undefined;
  bus?: RealtimeBus;
}

/**
 * Checks every site for the alert kinds it has on, once a tick, in the one process. A new
 * alert is stored first (its key, kind + site + hour, makes a second finding a no-op, also
 * after a restart), then pushed to the bell through the bus and mailed, through the outbox,
 * to the users of its audience who asked for alert mail.
 */
export class AlertEngine {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<AlertItem[]> | null = null;
  private readonly fired = new Set<string>();
  /** Usual chat requests per site for one local hour: the staffing history is read once an hour. */
  private readonly demand = new Map<string, { hour: number; requests: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: AlertEngineDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.timer = setInterval(() => void this.check().catch(logFailure), this.deps.tickMs ?? 60_000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over every site; the alerts it raised (tests call it to settle a tick). */
  check(): Promise<AlertItem[]> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<AlertItem[]> {
    const now = this.now();
    const stored = await getNotifySettings(this.deps.ch, 'site:');
    const raised: AlertItem[] = [];
    for (const site of this.deps.sites()) {
      const settings = parseAlertSettings(stored.get(`site:${site.id}`));
      const found = alertsFor(await this.facts(site, settings, now)).filter((a) => !this.fired.has(a.key));
      if (found.length === 0) continue;
      const known = await getAlertKeys(
        this.deps.ch,
        site.id,
        found.map((a) => a.key),
      );
      for (const alert of found) {
        this.fired.add(alert.key);
        if (known.has(alert.key)) continue;
        await storeAlert(this.deps.ch, alert);
        (this.deps.bus ?? realtimeBus()).publish('alert', { alert });
        raised.push(alert);
      }
    }
    if (raised.length > 0) await this.mail(raised);
    return raised;
  }

  private async facts(site: NotifySite, settings: AlertSettings, now: number): Promise<SiteFacts> {
    const hour = localHourStart(site.timeZone, now);
    const traffic = settings.traffic.enabled;
    const current = traffic ? await getPageviewWindows(this.deps.ch, site.id, weeksBack(hour, now)) : [];
    const lastHour = traffic ? await getPageviewWindows(this.deps.ch, site.id, weeksBack(hour - HOUR_MS, hour)) : [];
    const staffed = this.deps.staffed(site.id);
    const open = this.deps.open(site.id);
    const usualRequests = settings.noAgent.enabled && open && !staffed ? await this.usualRequests(site, now, hour) : 0;
    return {
      siteId: site.id,
      timeZone: site.timeZone,
      now,
      settings,
      current,
      lastHour,
      queuedSince: this.deps.queuedSince(site.id),
      staffed,
      open,
      usualRequests,
      failingSince: this.deps.failingSince(site.id),
    };
  }

  /** The Staffing heatmap's chat requests for this weekday and hour over the last four whole weeks. */
  private async usualRequests(site: NotifySite, now: number, hour: number): Promise<number> {
    const cached = this.demand.get(site.id);
    if (cached?.hour === hour) return cached.requests;
    const range = resolveRange(
      {
        preset: 'custom',
        from: localDay(site.timeZone, now - 28 * 86_400_000),
        to: localDay(site.timeZone, now - 86_400_000),
      },
      site.timeZone,
      now,
    );
    const heatmap = await getStaffingHeatmap(this.deps.ch, site.id, range, site.timeZone);
    // Monday = 1 … Sunday = 7, as the heatmap counts them.
    const weekday = ((new Date(Date.parse(`${localDay(site.timeZone, now)}T00:00:00Z`)).getUTCDay() + 6) % 7) + 1;
    const localHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now),
    );
    const cell = heatmap.cells.find((c) => c.weekday === weekday && c.hour === localHour);
    // The heatmap's cells are range totals; the screen shows them per week, and so is the threshold.
    const requests = (cell?.requests ?? 0) / Math.max(1, heatmap.weeks[weekday - 1] ?? 0);
    this.demand.set(site.id, { hour, requests });
    return requests;
  }

  /** Each raised alert to the users of its audience and site who turned alert mail on. */
  private async mail(alerts: AlertItem[]): Promise<void> {
    const prefs = await readAllNotifyPrefs(this.deps.ch);
    if (![...prefs.values()].some((p) => p.emailAlerts)) return;
    const users = await listUsers(this.deps.ch);
    const sites = new Map(this.deps.sites().map((s) => [s.id, s]));
    for (const alert of alerts) {
      const site = sites.get(alert.siteId);
      if (!site) continue;
      for (const user of users) {
        const p = prefs.get(user.id);
        if (!p?.emailAlerts || !ALERT_AUDIENCE[alert.kind].includes(user.role) || !canAccessSite(user, site.id))
          continue;
        const t = alertMailText(p.language);
        const line = alertLine(alert, p.language);
        const screen = ALERT_SCREEN[alert.kind];
        const link = `${this.deps.publicUrl()}${screen.startsWith('/') ? screen : `/s/${site.id}/${screen}`}`;
        const when = new Intl.DateTimeFormat(p.language === 'zh' ? 'zh-CN' : 'en-GB', {
          timeZone: site.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(alert.at);
        const id = createHash('sha256').update(`${alert.key}\u0000${user.id}`).digest('hex').slice(0, 32);
        this.deps.outbox.queue({
          id: `alert-${id}`,
          kind: 'alert',
          siteId: site.id,
          to: [user.email],
          subject: t.subject(site.name, line),
          text: [line, `${when} (${site.timeZone})`, '', `${t.open}: ${link}`, '', t.why].join('\n'),
          messageId: `<alert.${id}@leadtrail.local>`,
        });
      }
    }
  }
}

function logFailure(error: unknown): void {
  console.error('alerts: a check failed', error);
}
