import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainEvent } from '../bus/bus.ts';

/** An event as it will be sent: the body is fixed once, so every retry and redelivery sends the same bytes. */
export interface OutboxEvent {
  siteId: string;
  id: string;
  type: string;
  createdAt: number;
  body: string;
  /** Only this receiver gets it (a channel's reply); absent: every subscription to its type. */
  target?: string;
}

/** The body every receiver gets, fixed once so retries and redeliveries send the same bytes. */
export function outboxEvent(e: Omit<DomainEvent, 'type'> & { type: string }, now: number): OutboxEvent {
  const body = { id: e.id, type: e.type, created_at: new Date(now).toISOString(), site_id: e.siteId, data: e.data };
  return { siteId: e.siteId, id: e.id, type: e.type, createdAt: now, body: JSON.stringify(body) };
}

/** One event on its way to one subscription. */
export interface OutboxDelivery {
  event: OutboxEvent;
  subscriptionId: string;
  /** Attempts made so far. */
  attempts: number;
  nextAt: number;
  /** Retries stop 24 hours after this (the first attempt's schedule). */
  firstAt: number;
}

const SAFE = /^[\w-]+$/;

/**
 * The outbox on disk: `events/` holds events not yet fanned out to their subscriptions,
 * `deliveries/` one file per event × subscription still to deliver. Every file is written
 * to a temporary name and renamed, so a crash leaves a whole file or none.
 */
export class OutboxFiles {
  readonly events: string;
  readonly deliveries: string;

  constructor(dir: string) {
    this.events = join(dir, 'events');
    this.deliveries = join(dir, 'deliveries');
    for (const d of [this.events, this.deliveries]) {
      mkdirSync(d, { recursive: true });
      for (const f of readdirSync(d)) if (f.endsWith('.tmp')) rmSync(join(d, f), { force: true });
    }
  }

  writeEvent(event: OutboxEvent): void {
    if (!SAFE.test(event.id)) throw new Error(`webhooks: unsafe event id ${event.id}`);
    put(join(this.events, `${event.id}.json`), event);
  }

  removeEvent(id: string): void {
    rmSync(join(this.events, `${id}.json`), { force: true });
  }

  pendingEvents(): OutboxEvent[] {
    return readAll<OutboxEvent>(this.events);
  }

  deliveryName(d: Pick<OutboxDelivery, 'subscriptionId'> & { event: { id: string } }): string {
    if (!SAFE.test(d.subscriptionId) || !SAFE.test(d.event.id)) throw new Error('webhooks: unsafe delivery name');
    return `${d.event.id}~${d.subscriptionId}.json`;
  }

  hasDelivery(name: string): boolean {
    try {
      readFileSync(join(this.deliveries, name));
      return true;
    } catch {
      return false;
    }
  }

  writeDelivery(d: OutboxDelivery): string {
    const name = this.deliveryName(d);
    put(join(this.deliveries, name), d);
    return name;
  }

  removeDelivery(name: string): void {
    rmSync(join(this.deliveries, name), { force: true });
  }

  pendingDeliveries(): Map<string, OutboxDelivery> {
    return new Map(
      readdirSync(this.deliveries)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => {
          const d = read<OutboxDelivery>(join(this.deliveries, f));
          return d ? [[f, d] as const] : [];
        }),
    );
  }
}

function put(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}

function read<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    console.error(`webhooks: unreadable outbox file ${path}`, error);
    return null;
  }
}

function readAll<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const v = read<T>(join(dir, f));
      return v ? [v] : [];
    });
}
