import type { ClickHouseClient } from '@clickhouse/client';
import type { Enriched } from '../ingest/enrich.ts';
import { ensureLeadForIdentify } from './lead-service.ts';

/**
 * After ingest stores an identify with an email or a phone, the visitor becomes a lead
 * (once). Work for one visitor runs one at a time, so two identifies arriving together
 * cannot both see "no lead yet".
 */
export function leadsFromIdentify(ch: ClickHouseClient): {
  onStored: (rows: Enriched, siteId: string) => void;
  drain: () => Promise<void>;
} {
  const running = new Map<string, Promise<unknown>>();
  const onStored = (rows: Enriched, siteId: string) => {
    for (const identity of rows.identities) {
      if (!identity.email && !identity.phone) continue;
      const key = `${siteId}\n${identity.visitor_id}`;
      const next = (running.get(key) ?? Promise.resolve())
        .then(() =>
          ensureLeadForIdentify(ch, siteId, identity.visitor_id, {
            name: identity.name,
            email: identity.email,
            phone: identity.phone,
          }),
        )
        .catch((error: unknown) => console.error('leads: identify lead not created', error))
        .finally(() => {
          if (running.get(key) === next) running.delete(key);
        });
      running.set(key, next);
    }
  };
  // Shutting down waits for leads already on their way, so none is cut off half-written.
  const drain = async () => {
    while (running.size > 0) await Promise.all(running.values());
  };
  return { onStored, drain };
}
