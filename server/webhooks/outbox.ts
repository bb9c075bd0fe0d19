import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { GroupInsert } from '../../clickhouse/group-insert.ts';
import type { WebhookDeliveryRow, WebhookEventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus, type DomainEvent } from '../bus/bus.ts';
import { WEBHOOK_TEST_TYPE, type WebhookDeliveryStatus } from '../contract/webhooks.ts';
import { getWebhookEvent } from '../queries/webhook-event.ts';
import { listWebhookSubscriptions, type WebhookSubscription } from '../queries/webhook-subscriptions.ts';
import { postWebhook, type DeliveryOptions, type DeliveryResult } from './deliver.ts';
import { OutboxFiles, outboxEvent, type OutboxDelivery, type OutboxEvent } from './outbox-files.ts';
import { signatureHeader, SIGNATURE_HEADER } from './signature.ts';

export interface OutboxOptions {
  ch: ClickHouseClient;
  /** `<data dir>/webhook-outbox`. */
  dir: string;
  delivery: DeliveryOptions;
  /** The wait after the first failure; it doubles per failure up to an hour. */
  retryBaseMs?: number;
  /** How long an event is retried before it is given up. */
  giveUpMs?: number;
  /** More receivers than the site's subscriptions: API channels' reply webhooks, reached only by `send`. */
  targets?: (siteId: string) => Promise<WebhookSubscription[]>;
  /** Delivers to a receiver that is not an HTTP webhook (WeChat's API); null = the signed POST. */
  transport?: (target: WebhookSubscription, event: OutboxEvent) => Promise<DeliveryResult> | null;
}

const MAX_RETRY_MS = 3_600_000;
const DAY_MS = 86_400_000;
// Deliveries at once: a slow receiver holds a slot for its timeout, not the whole outbox.
const PARALLEL = 4;

/**
 * The durable webhook outbox. An event counts as emitted once `emit` returned: it is a file
 * under the data dir by then (written in the bus call, synchronously, like ingest's journal),
 * so it survives a restart and kill -9. Files, not a ClickHouse table, because the store may
 * be down or behind a batch when the event happens, and a file written in the same turn is
 * what lets the caller answer right after. Fan-out to the site's subscriptions and every
 * attempt's outcome go through ClickHouse (the body for "redeliver", the delivery log).
 * At-least-once: a crash between a 2xx and the file's removal sends that event again, with
 * the same id.
 */
export class WebhookOutbox {
  private readonly files: OutboxFiles;
  private readonly pending = new Map<string, OutboxDelivery>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly fanningOut = new Set<string>();
  private readonly lookups = new Map<string, Promise<WebhookSubscription[]>>();
  private readonly bodies: GroupInsert<WebhookEventRow>;
  private readonly attempts: GroupInsert<WebhookDeliveryRow>;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: OutboxOptions) {
    this.files = new OutboxFiles(options.dir);
    this.bodies = new GroupInsert(options.ch, TABLES.webhookEvents);
    this.attempts = new GroupInsert(options.ch, TABLES.webhookDeliveries);
  }

  /** Loads what the last run left, then listens on the bus. */
  start(): void {
    for (const [name, d] of this.files.pendingDeliveries()) this.pending.set(name, d);
    for (const event of this.files.pendingEvents()) this.fanOut(event);
    const bus = realtimeBus();
    this.unsubscribe.push(
      bus.subscribe('domainEvent', (e) => this.emit(e)),
      bus.subscribe('webhookSend', ({ siteId, subscriptionId, eventId }) => {
        const sent = eventId ? this.redeliver(siteId, subscriptionId, eventId) : this.sendTest(siteId, subscriptionId);
        void sent.catch((error: unknown) => console.error('webhooks: could not queue a send', error));
      }),
    );
    this.schedule();
  }

  /** Journals the event (synchronously: it is durable when this returns), then fans it out. */
  emit(e: DomainEvent, now = Date.now()): void {
    this.journal(outboxEvent(e, now));
  }

  /** An event for one receiver only (a channel's reply): journaled and retried like any event. */
  send(target: string, e: Omit<DomainEvent, 'type'> & { type: string }, now = Date.now()): void {
    this.journal({ ...outboxEvent(e, now), target });
  }

  private journal(event: OutboxEvent): void {
    this.files.writeEvent(event);
    this.fanOut(event);
  }

  /** A test event to one subscription, whatever events it chose. */
  async sendTest(siteId: string, subscriptionId: string): Promise<string> {
    const now = Date.now();
    const id = `evt_test_${randomBytes(12).toString('hex')}`;
    const event = outboxEvent({ siteId, id, type: WEBHOOK_TEST_TYPE, data: { subscription_id: subscriptionId } }, now);
    await this.storeBody(event);
    this.queue({ event, subscriptionId, attempts: 0, nextAt: now, firstAt: now });
    return id;
  }

  /** Sends a logged event again, same id and body, with a fresh 24 hours of retries. */
  async redeliver(siteId: string, subscriptionId: string, eventId: string): Promise<boolean> {
    const stored = await getWebhookEvent(this.options.ch, siteId, eventId);
    if (!stored) return false;
    const now = Date.now();
    const event: OutboxEvent = {
      siteId,
      id: eventId,
      type: stored.type,
      createdAt: stored.createdAt,
      body: stored.body,
    };
    this.queue({ event, subscriptionId, attempts: 0, nextAt: now, firstAt: now });
    return true;
  }

  /** Stops scheduling and waits for the attempts under way; what is left stays on disk for the next start. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const stop of this.unsubscribe.splice(0)) stop();
    await Promise.all(this.inFlight.values());
  }

  /** Since when a site's oldest delivery still failing was first tried; null when none has failed (alerts). */
  failingSince(siteId: string): number | null {
    const failing = [...this.pending.values()].filter((d) => d.attempts > 0 && d.event.siteId === siteId);
    return failing.length > 0 ? Math.min(...failing.map((d) => d.firstAt)) : null;
  }

  /** Files still to deliver (tests, the log). */
  backlog(): number {
    return this.pending.size;
  }

  private fanOut(event: OutboxEvent): void {
    if (this.fanningOut.has(event.id)) return;
    this.fanningOut.add(event.id);
    const run = async () => {
      const subs = (await this.receivers(event.siteId)).filter(
        (s) => s.enabled && (event.target ? s.subscriptionId === event.target : s.events.includes(event.type)),
      );
      if (subs.length > 0) await this.storeBody(event);
      for (const s of subs) {
        const d: OutboxDelivery = {
          event,
          subscriptionId: s.subscriptionId,
          attempts: 0,
          nextAt: Date.now(),
          firstAt: Date.now(),
        };
        const name = this.files.deliveryName(d);
        // A fan-out repeated after a crash keeps the retry state the first one wrote.
        if (!this.pending.has(name) && !this.files.hasDelivery(name)) this.queue(d);
      }
      this.files.removeEvent(event.id);
    };
    run().then(
      () => this.fanningOut.delete(event.id),
      (error: unknown) => {
        // The store is down: the event stays journaled and is fanned out again shortly.
        console.error(`webhooks: could not fan out ${event.id} yet`, error);
        setTimeout(() => {
          this.fanningOut.delete(event.id);
          if (!this.stopped) this.fanOut(event);
        }, 5_000).unref();
      },
    );
  }

  /**
   * Events emitted in one turn of the loop share one lookup per site: a 10,000-row customer
   * import names 10,000 people at once, and one query each queued the store for minutes. The
   * lookup starts after that turn, so an event emitted after a subscription is saved sees it.
   */
  private receivers(siteId: string): Promise<WebhookSubscription[]> {
    let lookup = this.lookups.get(siteId);
    if (!lookup) {
      lookup = Promise.resolve().then(async () => {
        this.lookups.delete(siteId);
        const own = await listWebhookSubscriptions(this.options.ch, siteId);
        return this.options.targets ? [...own, ...(await this.options.targets(siteId))] : own;
      });
      this.lookups.set(siteId, lookup);
    }
    return lookup;
  }

  /** Bodies of events fanned out together go to the log in one insert, for the same reason. */
  private async storeBody(event: OutboxEvent): Promise<void> {
    await this.bodies.store({
      site_id: event.siteId,
      event_id: event.id,
      type: event.type,
      created_at: event.createdAt,
      body: event.body,
    });
  }

  private queue(d: OutboxDelivery): void {
    const name = this.files.writeDelivery(d);
    this.pending.set(name, d);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = Date.now();
    let next = Infinity;
    for (const [name, d] of this.pending) {
      if (this.inFlight.has(name)) continue;
      // A due delivery waiting for a slot starts when an attempt ends (its finally schedules).
      if (d.nextAt > now) next = Math.min(next, d.nextAt);
      else if (this.inFlight.size < PARALLEL) this.attempt(name, d);
    }
    if (next < Infinity) this.timer = setTimeout(() => this.schedule(), Math.min(Math.max(next - now, 10), 60_000));
  }

  private attempt(name: string, d: OutboxDelivery): void {
    const run = async () => {
      const sub = (await this.receivers(d.event.siteId)).find((s) => s.subscriptionId === d.subscriptionId);
      // Removed or switched off since: nothing more goes there.
      if (!sub || (!sub.enabled && d.event.type !== WEBHOOK_TEST_TYPE)) {
        this.files.removeDelivery(name);
        this.pending.delete(name);
        return;
      }
      const timestamp = Math.floor(Date.now() / 1000);
      const result = await (this.options.transport?.(sub, d.event) ??
        postWebhook(
          sub.url,
          d.event.body,
          {
            'user-agent': 'LeadTrail-Webhooks/1',
            'leadtrail-event-id': d.event.id,
            'leadtrail-event-type': d.event.type,
            [SIGNATURE_HEADER]: signatureHeader(sub.secret, timestamp, d.event.body),
          },
          this.options.delivery,
        ));
      const attempts = d.attempts + 1;
      const wait = Math.min((this.options.retryBaseMs ?? 30_000) * 2 ** (attempts - 1), MAX_RETRY_MS);
      const nextAt = Date.now() + wait;
      const gaveUp = !result.ok && nextAt - d.firstAt > (this.options.giveUpMs ?? DAY_MS);
      const status: WebhookDeliveryStatus = result.ok ? 'delivered' : gaveUp ? 'failed' : 'retrying';
      await this.log(d, attempts, status, result);
      if (result.ok || gaveUp) {
        this.files.removeDelivery(name);
        this.pending.delete(name);
      } else {
        const again = { ...d, attempts, nextAt };
        this.files.writeDelivery(again);
        this.pending.set(name, again);
      }
    };
    const running = run()
      .catch((error: unknown) => {
        // The store could not be read: try again later without counting an attempt.
        console.error(`webhooks: delivery ${name} postponed`, error);
        const again = { ...d, nextAt: Date.now() + 5_000 };
        this.pending.set(name, again);
      })
      .finally(() => {
        this.inFlight.delete(name);
        this.schedule();
      });
    this.inFlight.set(name, running);
  }

  private async log(
    d: OutboxDelivery,
    attempt: number,
    status: WebhookDeliveryStatus,
    r: DeliveryResult,
  ): Promise<void> {
    try {
      await this.attempts.store({
        at: Date.now(),
        site_id: d.event.siteId,
        subscription_id: d.subscriptionId,
        event_id: d.event.id,
        event_type: d.event.type,
        attempt,
        status,
        response_code: r.status,
        error: r.error,
        duration_ms: r.durationMs,
      });
    } catch (error) {
      // The log is a view of the outbox, not its state: a missing row must not resend the event.
      console.error('webhooks: could not log a delivery', error);
    }
  }
}
