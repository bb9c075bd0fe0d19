import type { ClickHouseClient } from '@clickhouse/client';
import { listSites } from '../queries/list-sites.ts';
import type { Site } from '../contract/site.ts';
import { processSingleton } from '../process-singleton.ts';

/**
 * Ingest checks every request against its site; the sites table is tiny and changes
 * rarely, so it is held in memory and reloaded after every change made through this
 * process (the only writer) and periodically as a safety net.
 */
export class SiteCache {
  private sites = new Map<string, Site>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: ClickHouseClient) {
    liveCaches().add(this);
  }

  get(id: string): Site | undefined {
    return this.sites.get(id);
  }

  all(): Site[] {
    return [...this.sites.values()];
  }

  async reload(): Promise<void> {
    this.sites = new Map((await listSites(this.client)).map((s) => [s.id, s]));
  }

  startRefreshing(everyMs = 30_000): void {
    this.timer = setInterval(
      () => void this.reload().catch((e: unknown) => console.error('site cache reload failed', e)),
      everyMs,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    liveCaches().delete(this);
  }
}

// Sites are edited through tRPC, which Next runs with its own module copies: one set of
// live caches per process, so an edit reaches ingest at once.
const liveCaches = () => processSingleton('siteCaches', () => new Set<SiteCache>());

export async function notifySitesChanged(): Promise<void> {
  await Promise.all([...liveCaches()].map((c) => c.reload()));
}
