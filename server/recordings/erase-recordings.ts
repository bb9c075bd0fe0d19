import type { ClickHouseClient } from '@clickhouse/client';
import { getPersonRecordings } from '../queries/person-recordings.ts';
import { recordingFiles } from './recording-files.ts';
import { deleteRecordingRows } from './recording-rows.ts';

/** An erased person's recorded calls (by their visitor ids or their chats): files, then rows. Returns how many. */
export async function eraseRecordings(
  ch: ClickHouseClient,
  siteId: string,
  visitorIds: string[],
  chatIds: string[],
): Promise<number> {
  const rows = await getPersonRecordings(ch, siteId, visitorIds, chatIds);
  for (const r of rows) await recordingFiles().remove(siteId, r.call_id);
  await deleteRecordingRows(
    ch,
    siteId,
    rows.map((r) => r.call_id),
  );
  return rows.length;
}
