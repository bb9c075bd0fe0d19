import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface WebhookSubscription {
  subscriptionId: string;
  url: string;
  events: string[];
  /** The signing key: the outbox reads it; the dashboard never gets it back after creation. */
  secret: string;
  enabled: boolean;
  createdAt: number;
  version: number;
}

/** A site's webhook subscriptions, newest version of each, removed ones left out. */
export async function listWebhookSubscriptions(
  client: ClickHouseClient,
  siteId: string,
): Promise<WebhookSubscription[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT subscription_id, url, events, secret, enabled, toUnixTimestamp64Milli(created_at) AS created_at, version
            FROM ${TABLES.webhookSubscriptions} FINAL
            WHERE site_id = {siteId:String} AND deleted = 0
            ORDER BY created_at, subscription_id`,
      query_params: { siteId },
    },
    z.object({
      subscription_id: col.text,
      url: col.text,
      events: col.texts,
      secret: col.text,
      enabled: col.flag,
      created_at: col.ms,
      version: col.int,
    }),
  );
  return rows.map((r) => ({
    subscriptionId: r.subscription_id,
    url: r.url,
    events: r.events,
    secret: r.secret,
    enabled: r.enabled,
    createdAt: r.created_at,
    version: r.version,
  }));
}
