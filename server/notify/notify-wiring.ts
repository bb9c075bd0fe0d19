import type { ClickHouseClient } from '@clickhouse/client';
import type { MailOutbox } from '../mail/outbox.ts';
import { isOpen } from '../sites/business-hours.ts';
import { serviceSettings } from '../sites/service-settings.ts';
import { AlertBell } from './alert-bell.ts';
import { AlertEngine, type NotifySite } from './alert-engine.ts';
import { ReportScheduler } from './report-scheduler.ts';
import { loadSigningKey, unsubscribeHandler } from './unsubscribe.ts';

export interface NotifyOptions {
  ch: ClickHouseClient;
  outbox: MailOutbox;
  /** The signing key of unsubscribe links lives here (the mail folder of the data dir). */
  dir: string;
  sites: { all(): NotifySite[]; get(id: string): NotifySite | undefined };
  /** What the alert checks read from the process's memory: chat's queue and agents, webhook deliveries. */
  chat: { queuedSince(siteId: string): number | null; agentsOnline(siteId: string): boolean };
  webhooks: { failingSince(siteId: string): number | null };
  /** Links in mail: PUBLIC_URL, else the address this server listens on (localUrl). */
  publicUrl(): string;
  alertTickMs?: number | undefined;
  reportTickMs?: number | undefined;
  /** The clock of alert checks and report periods (tests set it). */
  now?: (() => number) | undefined;
}

/** Alerts (checks, the bell, alert mail) and scheduled reports, started and stopped with the one process. */
export class NotifyWiring {
  readonly bell: AlertBell;
  readonly alerts: AlertEngine;
  readonly reports: ReportScheduler;
  readonly unsubscribe: ReturnType<typeof unsubscribeHandler>;

  constructor(o: NotifyOptions) {
    let key: Buffer | null = null;
    const signingKey = () => (key ??= loadSigningKey(o.dir));
    const sites = () => o.sites.all();
    const publicUrl = () => o.publicUrl();
    this.bell = new AlertBell(o.ch, () => sites().map((s) => s.id));
    this.alerts = new AlertEngine({
      ch: o.ch,
      outbox: o.outbox,
      sites,
      publicUrl,
      tickMs: o.alertTickMs,
      now: o.now,
      queuedSince: (siteId) => o.chat.queuedSince(siteId),
      staffed: (siteId) => o.chat.agentsOnline(siteId),
      open: (siteId) => isOpen(serviceSettings().get(siteId).hours, o.sites.get(siteId)?.timeZone ?? 'UTC', Date.now()),
      failingSince: (siteId) => minOf(o.outbox.failingSince(siteId), o.webhooks.failingSince(siteId)),
    });
    this.reports = new ReportScheduler({
      ch: o.ch,
      outbox: o.outbox,
      sites,
      publicUrl,
      signingKey,
      tickMs: o.reportTickMs,
      now: o.now,
    });
    this.unsubscribe = unsubscribeHandler(o.ch, signingKey);
    this.alerts.start();
    this.reports.start();
  }

  async close(): Promise<void> {
    this.bell.close();
    await this.alerts.close();
    await this.reports.close();
  }
}

export function localUrl(server: { address(): unknown }): string {
  const a = server.address();
  const port = a && typeof a === 'object' && 'port' in a ? Number(a.port) : 3000;
  return `http://localhost:${port}`;
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
