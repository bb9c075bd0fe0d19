import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { env } from '../env.ts';
import { processSingleton } from '../process-singleton.ts';
import { withDuration } from './webm-duration.ts';

/** How far into the file the EBML header, the Segment start and Info lie (a few hundred bytes in practice). */
const HEAD_BYTES = 64 * 1024;

export type AppendResult = 'stored' | 'repeated' | 'gap';

/**
 * Recordings on disk: `<dir>/<site>/<call>.webm`, written piece by piece as the answering
 * tab sends them, so a tab that crashes loses only what it had not sent yet. One writer per
 * call at a time (pieces of a call are chained), so offsets stay exact. One per process
 * (the server sets the directory at start; an erasure run by tRPC inside Next finds it).
 */
export class RecordingFiles {
  private dir = join(env.dataDir, 'recordings');
  private readonly chains = new Map<string, Promise<unknown>>();

  configure(dir: string): void {
    this.dir = dir;
  }

  /** Site and call ids are checked by the caller (letters, digits, `-`, `_`): safe as names. */
  path(siteId: string, callId: string): string {
    return join(this.dir, siteId, `${callId}.webm`);
  }

  async size(siteId: string, callId: string): Promise<number> {
    return stat(this.path(siteId, callId)).then(
      (s) => s.size,
      () => 0,
    );
  }

  /**
   * Writes a piece at `offset`: the file's end (stored), or a piece already stored again
   * (repeated: a retry after a lost answer), else a gap the caller refuses.
   */
  append(siteId: string, callId: string, offset: number, piece: Buffer): Promise<AppendResult> {
    return this.serial(siteId, callId, async () => {
      const size = await this.size(siteId, callId);
      if (offset + piece.length <= size) return 'repeated';
      if (offset !== size) return 'gap';
      await mkdir(join(this.dir, siteId), { recursive: true });
      const file = await open(this.path(siteId, callId), 'a');
      try {
        await file.write(piece);
        await file.sync();
      } finally {
        await file.close();
      }
      return 'stored';
    });
  }

  /** The recording is complete: its Duration goes into the header. Returns the file's bytes. */
  finish(siteId: string, callId: string, durationMs: number): Promise<number> {
    return this.serial(siteId, callId, async () => {
      const path = this.path(siteId, callId);
      const file = await open(path, 'r');
      const head = Buffer.alloc(HEAD_BYTES);
      let read: number;
      try {
        ({ bytesRead: read } = await file.read(head, 0, HEAD_BYTES, 0));
      } finally {
        await file.close();
      }
      const patch = withDuration(head.subarray(0, read), durationMs);
      if (patch) {
        const next = `${path}.tmp`;
        const out = createWriteStream(next);
        out.write(patch.bytes);
        await pipeline(createReadStream(path, { start: patch.replaces }), out);
        await rename(next, path);
      }
      return this.size(siteId, callId);
    });
  }

  async remove(siteId: string, callId: string): Promise<void> {
    await this.serial(siteId, callId, () => rm(this.path(siteId, callId), { force: true }));
  }

  private serial<T>(siteId: string, callId: string, work: () => Promise<T>): Promise<T> {
    const key = `${siteId}/${callId}`;
    const run = (this.chains.get(key) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return run;
  }
}

export const recordingFiles = () => processSingleton('recordingFiles', () => new RecordingFiles());
