import type { ClickHouseClient } from '@clickhouse/client';
import { getRecordingsBefore } from '../queries/recordings-before.ts';
import { recordingFiles } from './recording-files.ts';
import { deleteRecordingRows } from './recording-rows.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Deletes recordings older than their site's retention period: the file first, then the
 * row (a crash in between leaves a row the next sweep finishes). A site that turned
 * recording off keeps what it recorded until that expires: turning it off is no erasure.
 */
export class RecordingSweep {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ch: ClickHouseClient,
    /** Every site with its retention period in days. */
    private readonly sites: () => { id: string; retentionDays: number }[],
  ) {}

  /** Sweeps now and then every `everyMs` (hourly by default). */
  start(everyMs = HOUR_MS): void {
    const run = () =>
      void this.sweep().catch((error: unknown) => console.error('recordings: retention sweep failed', error));
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Returns how many recordings it deleted. */
  async sweep(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (const site of this.sites()) {
      const expired = await getRecordingsBefore(this.ch, site.id, now - site.retentionDays * DAY_MS);
      for (const r of expired) await recordingFiles().remove(site.id, r.call_id);
      await deleteRecordingRows(
        this.ch,
        site.id,
        expired.map((r) => r.call_id),
      );
      deleted += expired.length;
    }
    return deleted;
  }
}
