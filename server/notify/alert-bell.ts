import type { ClickHouseClient } from '@clickhouse/client';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import type { ServerToAgent } from '../contract/channels.ts';
import {
  ALERT_AUDIENCE,
  ALERT_KINDS,
  BELL_DAYS,
  BELL_LIMIT,
  type AlertItem,
  type AlertKind,
} from '../contract/notify.ts';
import type { SessionUser } from '../contract/roles.ts';
import { getUnreadAlerts } from '../queries/unread-alerts.ts';

type Send = (message: ServerToAgent) => void;
interface Tab {
  user: SessionUser;
  send: Send;
}

const kindsFor = (user: SessionUser): AlertKind[] => ALERT_KINDS.filter((k) => ALERT_AUDIENCE[k].includes(user.role));

/**
 * The notification bell's side of the agent socket: each tab gets the user's unread alerts
 * of its site when it connects (so a reconnect loses nothing), every new alert of a kind the
 * user's role hears of as it is stored, and the unread list again when the user marks alerts
 * read in any tab.
 */
export class AlertBell {
  private readonly tabs = new Map<string, Set<Tab>>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly ch: ClickHouseClient,
    bus: RealtimeBus = realtimeBus(),
  ) {
    this.unsubscribe = [
      bus.subscribe('alert', ({ alert }) => this.pushNew(alert)),
      bus.subscribe('alertsRead', ({ userId, siteId }) => {
        for (const tab of this.tabs.get(siteId) ?? []) if (tab.user.id === userId) void this.snapshot(siteId, tab);
      }),
    ];
  }

  connected(siteId: string, user: SessionUser, send: Send): () => void {
    let set = this.tabs.get(siteId);
    if (!set) this.tabs.set(siteId, (set = new Set()));
    const tab = { user, send };
    set.add(tab);
    void this.snapshot(siteId, tab);
    return () => {
      set.delete(tab);
      if (set.size === 0 && this.tabs.get(siteId) === set) this.tabs.delete(siteId);
    };
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
  }

  private pushNew(alert: AlertItem): void {
    for (const tab of this.tabs.get(alert.siteId) ?? [])
      if (ALERT_AUDIENCE[alert.kind].includes(tab.user.role)) tab.send({ type: 'alert.new', alert });
  }

  private async snapshot(siteId: string, tab: Tab): Promise<void> {
    try {
      const rows = await getUnreadAlerts(this.ch, {
        siteId,
        userId: tab.user.id,
        kinds: kindsFor(tab.user),
        since: Date.now() - BELL_DAYS * 86_400_000,
        limit: BELL_LIMIT,
      });
      const alerts = rows.map((r) => ({
        key: r.key,
        siteId,
        kind: r.kind as AlertKind,
        at: r.at,
        figures: JSON.parse(r.figures) as Record<string, number>,
      }));
      tab.send({ type: 'alert.snapshot', alerts });
    } catch (error) {
      console.error('alerts: the unread list could not be read', error);
    }
  }
}
