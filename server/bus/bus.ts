import type { IdentityRow } from '../../clickhouse/rows.ts';
import type { LiveVisitor } from '../contract/channels.ts';
import type { KbArticle } from '../contract/kb.ts';
import { processSingleton } from '../process-singleton.ts';

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
  /** Knowledge-base articles (their new versions) or a site's synonyms were saved through tRPC: the search index takes them. */
  kb: { siteId: string; articles: KbArticle[]; synonyms?: string[][] };
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
