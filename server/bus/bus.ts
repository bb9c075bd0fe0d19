import { createHash } from 'node:crypto';
import type { IdentityRow } from '../../clickhouse/rows.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import type { WebhookEventType } from '../contract/webhooks.ts';
import type { KbArticle } from '../contract/kb.ts';
import type { AlertItem } from '../contract/notify.ts';
import { processSingleton } from '../process-singleton.ts';

export type DomainEventType = WebhookEventType;

/** Something a site's integrations may hear of (webhooks). `id` is stable: the same fact published again keeps it. */
export interface DomainEvent {
  siteId: string;
  type: DomainEventType;
  id: string;
  data: Record<string, unknown>;
}

/** A stable event id from what makes the fact unique (a lead id, an order id…), so a replay after a crash repeats it. */
export function domainEventId(type: DomainEventType, ...keys: (string | number)[]): string {
  return `evt_${createHash('sha256')
    .update([type, ...keys].join('\u0000'))
    .digest('hex')
    .slice(0, 32)}`;
}

/**
 * What moves between the realtime producers and the hub inside the one process.
 * tRPC mutations (run inside Next) reach the server's own services through it.
 */
export interface BusChannels {
  /** One site's presence changes since the last tick: at most one message per site per tick. */
  presence: { siteId: string; upserts: LiveVisitor[]; removes: string[]; total: number };
  /** A site's invitation rules changed (saved through tRPC, which Next runs): reload them. */
  rules: { siteId: string };
  /** A user's sessions were ended (password changed, signed out everywhere): close their agent sockets, but the kept one. */
  sessions: { userId: string; keepHash: string | null };
  /** An admin erased these visitor ids (tRPC, which Next runs): forget them in memory too. */
  erased: { siteId: string; visitorIds: string[] };
  /** A visitor was identified outside ingest (an agent's "Save as lead" through tRPC): name them on Live. */
  identified: { siteId: string; identities: IdentityRow[] };
  /** An admin set whether a user takes chats (Settings → Users, through tRPC): stored already, show it on their tabs. */
  agentSettings: { userId: string; takesChats: boolean };
  /** A site's business hours or robot settings were saved (tRPC): visitors' widgets follow. */
  serviceSettings: { siteId: string };
  /** A fact for the site's webhooks: the outbox journals it in the same call (server/webhooks/). */
  domainEvent: DomainEvent;
  /** An admin asked (tRPC, inside Next) to send a test event, or one event again, to one subscription. */
  webhookSend: { siteId: string; subscriptionId: string; eventId: string | null };
  /** Knowledge-base articles (their new versions) or a site's synonyms were saved through tRPC: the search index takes them. */
  kb: { siteId: string; articles: KbArticle[]; synonyms?: string[][] };
  /** A site's agent groups or channel routes were saved (tRPC): routing reloads them. */
  groups: { siteId: string };
  /** A site's callback queue changed (a request stored, a claim or outcome through tRPC): agents' screens and the overdue alert follow. */
  callbacks: { siteId: string };
  /** An alert was stored (server/notify/): the bells of the site's staff in its audience show it. */
  alert: { alert: AlertItem };
  /** A user marked alerts of a site read (tRPC): their open tabs of the site get the unread list again. */
  alertsRead: { userId: string; siteId: string };
  /** "Send me a test report now" (tRPC, inside Next): the server's report scheduler builds and queues it. */
  reportTest: { userId: string; siteId: string; requestId: string };
}

type Handler<T> = (message: T) => void;

/** Typed in-process publish/subscribe. Delivery is synchronous, in subscription order. */
export class RealtimeBus<M extends object = BusChannels> {
  private readonly handlers = new Map<keyof M, Set<Handler<never>>>();

  subscribe<K extends keyof M>(channel: K, handler: Handler<M[K]>): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  publish<K extends keyof M>(channel: K, message: M[K]): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      // One failing subscriber must not cost the others their message.
      try {
        (handler as Handler<M[K]>)(message);
      } catch (error) {
        console.error(`realtime bus: a ${String(channel)} subscriber failed`, error);
      }
    }
  }
}

/** The process's one realtime bus. */
export function realtimeBus(): RealtimeBus {
  return processSingleton('realtimeBus', () => new RealtimeBus());
}
