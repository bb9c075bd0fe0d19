'use client';
import { recordingPath } from '@/server/contract/calls';

/** A piece every 2 s: a crashed tab loses at most the last two seconds. */
const PIECE_MS = 2000;
const MIME = 'audio/webm;codecs=opus';
const TRIES = 3;

/**
 * Records an answered call in the agent's tab: the microphone and the visitor's voice mixed
 * with WebAudio into one MediaRecorder (Opus in WebM, 32 kbit/s), its pieces uploaded one
 * at a time while the call runs, each at the byte offset it continues (a retry of a piece
 * the server already has changes nothing); at the end the last piece and the duration.
 */
export class CallRecorder {
  private ctx: AudioContext | null = null;
  private recorder: MediaRecorder | null = null;
  private sent = 0;
  private broken = false;
  private sending: Promise<void> = Promise.resolve();
  private startedAt = 0;

  constructor(
    private readonly siteId: string,
    private readonly callId: string,
  ) {}

  get recording(): boolean {
    return this.recorder !== null;
  }

  start(mic: MediaStream, remote: MediaStream): void {
    if (this.recorder || typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported(MIME)) return;
    const ctx = (this.ctx = new AudioContext());
    void ctx.resume().catch(() => undefined);
    const mix = ctx.createMediaStreamDestination();
    for (const s of [mic, remote]) if (s.getAudioTracks().length > 0) ctx.createMediaStreamSource(s).connect(mix);
    const rec = (this.recorder = new MediaRecorder(mix.stream, { mimeType: MIME, audioBitsPerSecond: 32_000 }));
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) this.sending = this.sending.then(() => this.upload(e.data));
    };
    rec.start(PIECE_MS);
    this.startedAt = performance.now();
  }

  /** Stops recording, sends what is left and the duration. */
  async stop(): Promise<void> {
    const rec = this.recorder;
    if (!rec) return;
    this.recorder = null;
    const durationMs = Math.round(performance.now() - this.startedAt);
    if (rec.state !== 'inactive')
      await new Promise<void>((resolve) => {
        rec.onstop = () => resolve();
        rec.stop();
      });
    void this.ctx?.close().catch(() => undefined);
    await this.sending;
    if (this.sent > 0 && !this.broken) await this.post(`/end?durationMs=${durationMs}`);
  }

  private async upload(piece: Blob): Promise<void> {
    if (this.broken) return;
    if (await this.post(`?offset=${this.sent}`, piece)) this.sent += piece.size;
    // A piece that never arrives would leave a hole: the recording stops at what is whole.
    else this.broken = true;
  }

  private async post(rest: string, body?: Blob): Promise<boolean> {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      try {
        const res = await fetch(`${recordingPath(this.siteId, this.callId)}${rest}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body,
          // A piece sent as the tab closes still leaves (browsers cap keepalive bodies at 64 kB).
          keepalive: (body?.size ?? 0) < 60_000,
        });
        if (res.ok) return true;
        if (res.status < 500) return false;
      } catch {
        // the network: try again
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
    return false;
  }
}
