import type { VisitFacts, VisitKey } from '../queries/visit-facts.ts';

/** The store's answer for many visitors of one site; a visitor it knows nothing of may be missing. */
export type VisitLookup = (siteId: string, visits: VisitKey[]) => Promise<Map<string, VisitFacts>>;

/** A visitor presence asks about; `current` is false once presence has dropped or replaced it. */
export interface LookupTarget {
  siteId: string;
  visitorId: string;
  sessionId: string;
  current(): boolean;
  answer(sessionId: string, facts: VisitFacts): void;
}

/** One visitor of a read: the visit asked about and everyone waiting for its answer. */
interface Asked {
  key: VisitKey;
  asked: LookupTarget[];
}

const NOTHING: VisitFacts = { visits: 0, name: '', startedAt: 0, landing: null, client: null, trail: [] };

/**
 * Visitors waiting for their first read, answered a batch at a time. A read costs the engine
 * ~15 ms of CPU whatever it covers, so one read per arriving socket (50,000 after a restart,
 * or a campaign's burst) kept the process busy for minutes; asked together, the same visitors
 * cost a few reads. Group commit: the first visitor is asked at once, those that arrive while
 * reads are under way wait for the next one, so a lone visitor waits no longer than before.
 */
export class VisitLookups {
  /** Per site, by visitor: one read answers every question asked of it before the read starts. */
  private readonly waiting = new Map<string, Map<string, LookupTarget[]>>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly lookup: VisitLookup,
    private readonly atOnce: number,
    private readonly batch: number,
  ) {}

  push(target: LookupTarget): void {
    if (this.closed) return;
    let site = this.waiting.get(target.siteId);
    if (!site) this.waiting.set(target.siteId, (site = new Map<string, LookupTarget[]>()));
    const asked = site.get(target.visitorId);
    if (asked) asked.push(target);
    else site.set(target.visitorId, [target]);
    this.pump();
  }

  /** Drops what has not started; resolves once the reads under way have finished. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.clear();
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.atOnce) {
      const taken = this.take();
      if (!taken) return;
      const run: Promise<void> = this.read(taken.siteId, taken.targets).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** Up to `batch` visitors of the site that has waited longest. */
  private take(): { siteId: string; targets: Asked[] } | null {
    for (const [siteId, site] of this.waiting) {
      const targets: Asked[] = [];
      for (const [visitorId, asked] of site) {
        site.delete(visitorId);
        const current = asked.filter((t) => t.current());
        const [first] = current;
        // The session as it is when the read starts: one that changes meanwhile is asked again.
        if (first) targets.push({ key: { visitorId, sessionId: first.sessionId }, asked: current });
        if (targets.length >= this.batch) break;
      }
      if (site.size === 0) this.waiting.delete(siteId);
      if (targets.length) return { siteId, targets };
    }
    return null;
  }

  private async read(siteId: string, targets: Asked[]): Promise<void> {
    try {
      const facts = await this.lookup(
        siteId,
        targets.map((t) => t.key),
      );
      for (const { key, asked } of targets)
        for (const t of asked) if (t.current()) t.answer(key.sessionId, facts.get(key.visitorId) ?? NOTHING);
    } catch (error) {
      console.error('live visitor lookup failed', error);
    }
  }
}
