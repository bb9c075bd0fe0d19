import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The body a webhook event was sent with (for "redeliver"), or null when unknown or expired. */
export async function getWebhookEvent(
  client: ClickHouseClient,
  siteId: string,
  eventId: string,
): Promise<{ type: string; createdAt: number; body: string } | null> {
  const [row] = await readRows(
    client,
    {
      query: `SELECT type, toUnixTimestamp64Milli(created_at) AS created_at, body
            FROM ${TABLES.webhookEvents} FINAL
            WHERE site_id = {siteId:String} AND event_id = {eventId:String}
            LIMIT 1`,
      query_params: { siteId, eventId },
    },
    z.object({ type: col.text, created_at: col.ms, body: col.text }),
  );
  return row ? { type: row.type, createdAt: row.created_at, body: row.body } : null;
}
