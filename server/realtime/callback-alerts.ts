import type { ClickHouseClient } from '@clickhouse/client';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import type { ServerToAgent } from '../contract/channels.ts';
import { can, type SessionUser } from '../contract/roles.ts';
import { countOverdueCallbacks } from '../queries/overdue-callbacks.ts';
import type { AgentWatcher } from './agent-watcher.ts';

type Send = (message: ServerToAgent) => void;

/**
 * Tells the agents of a site how many callbacks are overdue: on connect (so a reconnect
 * shows the alert again), when a callback becomes overdue as time passes (checked every
 * `tickMs` for the sites someone has open) and when the queue changes (the bus), when it
 * also tells them to read the queue again.
 */
export class CallbackAlerts implements AgentWatcher {
  private readonly listeners = new Map<string, Set<Send>>();
  private readonly counts = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ch: ClickHouseClient,
    tickMs = 30_000,
    bus: RealtimeBus = realtimeBus(),
  ) {
    this.timer = setInterval(() => void this.check([...this.listeners.keys()]), tickMs);
    this.timer.unref();
    this.unsubscribe = bus.subscribe('callbacks', ({ siteId }) => {
      for (const send of this.listeners.get(siteId) ?? []) send({ type: 'callback.changed' });
      void this.check([siteId]);
    });
  }

  /** Only users who work callbacks hear of them. */
  connected(siteId: string, user: SessionUser, send: Send): (() => void) | undefined {
    if (!can(user, 'callbacks:work')) return undefined;
    let set = this.listeners.get(siteId);
    if (!set) this.listeners.set(siteId, (set = new Set()));
    set.add(send);
    const known = this.counts.get(siteId);
    if (known === undefined) void this.check([siteId], send);
    else send({ type: 'callback.overdue', count: known });
    return () => {
      set.delete(send);
      // Nobody watches the site now: its count is not kept current, so it must not be trusted later.
      if (set.size === 0 && this.listeners.get(siteId) === set) {
        this.listeners.delete(siteId);
        this.counts.delete(siteId);
      }
    };
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  /** Pushes each site's count where it changed; `first` (a new socket) gets it in any case. */
  private async check(siteIds: string[], first?: Send): Promise<void> {
    if (siteIds.length === 0) return;
    let counts: Map<string, number>;
    try {
      counts = await countOverdueCallbacks(this.ch, siteIds, Date.now());
    } catch (error) {
      console.error('callbacks: overdue check failed', error);
      return;
    }
    for (const siteId of siteIds) {
      const count = counts.get(siteId) ?? 0;
      const changed = this.counts.get(siteId) !== count;
      if (this.listeners.has(siteId)) this.counts.set(siteId, count);
      if (changed) for (const send of this.listeners.get(siteId) ?? []) send({ type: 'callback.overdue', count });
      else first?.({ type: 'callback.overdue', count });
    }
  }
}
