import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { EventRow } from '../../clickhouse/rows.ts';
import { pageSource } from '../sources/source-name.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

interface Entry {
  source: string;
  campaign: string;
  /** Newest page view seen for the session (ms): sessions idle long enough are forgotten. */
  last: number;
}

// A session ends after 30 minutes without activity (the snippet's rule); an entry is kept
// well past that so a slow batch or a late engagement still finds it.
const FORGET_AFTER_MS = 2 * 3_600_000;
const SWEEP_AT_SIZE = 50_000;
const key = (r: Pick<EventRow, 'site_id' | 'session_id'>) => `${r.site_id}\u0000${r.session_id}`;

/** A page view that came from another page of the same site: never a session's entry, unless the snippet started a new session on it. */
const internal = (r: EventRow) => r.referrer !== '' && r.referrer_domain === '' && r.utm_source === '';

/**
 * Names each page view's source (`source`, what SOURCE_EXPR reads) and copies each
 * session's entry source and campaign onto its page views (the columns the
 * session-level report filters match). The entry is the first page view of the session
 * this process sees; a session already running before a restart is looked up in the
 * store once, when its first page view after the restart is plainly not an entry.
 */
export class SessionEntries {
  private readonly known = new Map<string, Entry>();
  private newest = 0;

  constructor(private readonly client: ClickHouseClient) {}

  async assign(rows: EventRow[]): Promise<void> {
    const pageviews = rows.filter((r) => r.type === 'pageview').sort((a, b) => a.ts - b.ts);
    if (pageviews.length === 0) return;
    const unknownMidSession = pageviews.filter((r) => internal(r) && !this.known.has(key(r)));
    if (unknownMidSession.length > 0) await this.recall(unknownMidSession);
    for (const r of pageviews) {
      const k = key(r);
      r.source = pageSource(r.utm_source, r.referrer_domain);
      let entry = this.known.get(k);
      if (!entry) this.known.set(k, (entry = { source: r.source, campaign: r.utm_campaign, last: r.ts }));
      entry.last = Math.max(entry.last, r.ts);
      this.newest = Math.max(this.newest, r.ts);
      r.session_source = entry.source;
      r.session_campaign = entry.campaign;
    }
    if (this.known.size > SWEEP_AT_SIZE) this.forgetIdle();
  }

  private async recall(rows: EventRow[]): Promise<void> {
    const since = Math.min(...rows.map((r) => r.ts)) - FORGET_AFTER_MS;
    const stored = await readRows(
      this.client,
      {
        query: `SELECT site_id, session_id, argMin(session_source, ts) AS source, argMin(session_campaign, ts) AS campaign, toUnixTimestamp64Milli(max(ts)) AS last
              FROM ${TABLES.events}
              WHERE site_id IN {sites:Array(String)} AND type = 'pageview' AND ts >= fromUnixTimestamp64Milli({since:Int64})
                AND session_id IN {sessions:Array(String)} AND session_source != ''
              GROUP BY site_id, session_id`,
        query_params: {
          sites: [...new Set(rows.map((r) => r.site_id))],
          sessions: [...new Set(rows.map((r) => r.session_id))],
          since,
        },
      },
      z.object({ site_id: col.text, session_id: col.text, source: col.text, campaign: col.text, last: col.ms }),
    );
    for (const r of stored) {
      this.known.set(key(r), { source: r.source, campaign: r.campaign, last: r.last });
    }
  }

  private forgetIdle(): void {
    const cutoff = this.newest - FORGET_AFTER_MS;
    for (const [k, entry] of this.known) if (entry.last < cutoff) this.known.delete(k);
  }
}
