import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** A recorded call as stored (migration 0034): the newest version of its row. */
export const recordingRow = z.object({
  site_id: col.text,
  call_id: col.text,
  chat_id: col.text,
  visitor_id: col.text,
  agent_id: col.text,
  bytes: col.int,
  duration_ms: col.int,
  created_ms: col.ms,
  version: col.int,
});
export type RecordingRow = z.infer<typeof recordingRow>;

/**
 * The columns every recordings read selects, in recordingRow's shape. The time is named
 * created_ms: an alias `created_at` would shadow the column in the WHERE of the reads.
 */
export const RECORDING_COLUMNS = `site_id, call_id, chat_id, visitor_id, agent_id, bytes, duration_ms,
  toUnixTimestamp64Milli(created_at) AS created_ms, version`;

/** One call's recording on a site, or null. */
export async function getCallRecording(
  client: ClickHouseClient,
  siteId: string,
  callId: string,
): Promise<RecordingRow | null> {
  const [found] = await readRows(
    client,
    {
      query: `SELECT ${RECORDING_COLUMNS} FROM ${TABLES.callRecordings} FINAL
              WHERE site_id = {siteId:String} AND call_id = {callId:String}`,
      query_params: { siteId, callId },
    },
    recordingRow,
  );
  return found ?? null;
}
