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
import { canAccessSite, type SessionUser } from '../contract/roles.ts';
import { getUnreadAlerts } from '../queries/unread-alerts.ts';

type Send = (message: ServerToAgent) => void;
interface Tab {
  user: SessionUser;
  send: Send;
  /**
   * The unread list being read for this tab, and the alerts pushed meanwhile: the list replaces
   * what the tab shows, so it carries them too, or one stored during the read would vanish.
   */
  reading?: { pushed: AlertItem[] };
}

const kindsFor = (user: SessionUser): AlertKind[] => ALERT_KINDS.filter((k) => ALERT_AUDIENCE[k].includes(user.role));

/**
 * The notification bell's side of the agent socket: each tab, whatever site it shows, gets
 * the user's unread alerts of every site they can see when it connects (so a reconnect
 * loses nothing), every new alert of such a site and of a kind the user's role hears of as
 * it is stored, and the unread list again when the user marks alerts read in any tab.
 */
export class AlertBell {
  private readonly tabs = new Set<Tab>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly ch: ClickHouseClient,
    /** Every site's id: an admin sees them all. */
    private readonly siteIds: () => string[],
    bus: RealtimeBus = realtimeBus(),
  ) {
    this.unsubscribe = [
      bus.subscribe('alert', ({ alert }) => this.pushNew(alert)),
      bus.subscribe('alertsRead', ({ userId }) => {
        for (const tab of this.tabs) if (tab.user.id === userId) void this.snapshot(tab);
      }),
    ];
  }

  connected(_siteId: string, user: SessionUser, send: Send): () => void {
    const tab = { user, send };
    this.tabs.add(tab);
    void this.snapshot(tab);
    return () => void this.tabs.delete(tab);
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
  }

  private pushNew(alert: AlertItem): void {
    for (const tab of this.tabs)
      if (ALERT_AUDIENCE[alert.kind].includes(tab.user.role) && canAccessSite(tab.user, alert.siteId)) {
        tab.send({ type: 'alert.new', alert });
        tab.reading?.pushed.push(alert);
      }
  }

  private async snapshot(tab: Tab): Promise<void> {
    const reading = { pushed: [] as AlertItem[] };
    tab.reading = reading;
    try {
      const rows = await getUnreadAlerts(this.ch, {
        siteIds: this.siteIds().filter((id) => canAccessSite(tab.user, id)),
        userId: tab.user.id,
        kinds: kindsFor(tab.user),
        since: Date.now() - BELL_DAYS * 86_400_000,
        limit: BELL_LIMIT,
      });
      const alerts = rows.map((r) => ({
        key: r.key,
        siteId: r.siteId,
        kind: r.kind as AlertKind,
        at: r.at,
        figures: JSON.parse(r.figures) as Record<string, number>,
      }));
      // A later read began meanwhile: its list is the fresher one.
      if (tab.reading !== reading) return;
      const listed = new Set(alerts.map((a) => a.key));
      const pushed = reading.pushed.filter((a) => !listed.has(a.key)).reverse();
      tab.send({ type: 'alert.snapshot', alerts: [...pushed, ...alerts].slice(0, BELL_LIMIT) });
    } catch (error) {
      console.error('alerts: the unread list could not be read', error);
    } finally {
      if (tab.reading === reading) tab.reading = undefined;
    }
  }
}
