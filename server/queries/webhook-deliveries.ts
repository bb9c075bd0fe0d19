import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface WebhookDeliveryRow {
  at: number;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: string;
  responseCode: number;
  error: string;
  durationMs: number;
}

/** The delivery log of a site (one row per attempt), newest first. */
export async function listWebhookDeliveries(
  client: ClickHouseClient,
  siteId: string,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT toUnixTimestamp64Milli(at) AS at, subscription_id, event_id, event_type, attempt, status,
                   response_code, error, duration_ms
            FROM ${TABLES.webhookDeliveries}
            WHERE site_id = {siteId:String}
            ORDER BY at DESC, attempt DESC
            LIMIT {limit:UInt32}`,
      query_params: { siteId, limit },
    },
    z.object({
      at: col.ms,
      subscription_id: col.text,
      event_id: col.text,
      event_type: col.text,
      attempt: col.int,
      status: col.text,
      response_code: col.int,
      error: col.text,
      duration_ms: col.int,
    }),
  );
  return rows.map((r) => ({
    at: r.at,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.event_type,
    attempt: r.attempt,
    status: r.status,
    responseCode: r.response_code,
    error: r.error,
    durationMs: r.duration_ms,
  }));
}
