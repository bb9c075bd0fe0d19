'use client';
import type { CallSignal, IceServer } from '@/server/contract/calls';
import { CallRecorder } from './call-recorder';
import { onCallSignal, sendToHub } from './realtime';

/** How long a dropped media link may take to come back (the visitor restarts ICE) before the call ends. */
const RECOVER_MS = 15_000;
const GATHER_MS = 1500;

/**
 * The agent's side of one web call, in the tab that answered it: the microphone, one
 * RTCPeerConnection answering the visitor's offers (the first and any ICE restart's), and
 * the remote voice played in an audio element. Mute and hold only silence tracks locally.
 * On a site that records calls, both voices are recorded here once the visitor's arrives.
 */
export class AgentCallPeer {
  private pc: RTCPeerConnection | null = null;
  private mic: MediaStream | null = null;
  private answered = false;
  private recover: ReturnType<typeof setTimeout> | undefined;
  private muted = false;
  private held = false;
  private readonly stopSignals: () => void;
  private readonly recorder: CallRecorder | null;
  readonly audio: HTMLAudioElement;

  constructor(
    private readonly siteId: string,
    private readonly callId: string,
    private readonly iceServers: IceServer[],
    recorded = false,
  ) {
    this.recorder = recorded ? new CallRecorder(siteId, callId) : null;
    this.audio = new Audio();
    this.audio.autoplay = true;
    this.stopSignals = onCallSignal(siteId, (id, signal) => {
      if (id === callId) void this.signal(signal);
    });
  }

  /** Asks for the microphone (on the agent's click, before answering); false when refused. */
  async prepare(): Promise<boolean> {
    try {
      this.mic ??= await navigator.mediaDevices.getUserMedia({ audio: true });
      return true;
    } catch {
      return false;
    }
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.applyTracks();
  }

  /** On hold neither side hears the other; the visitor is told (call.hold). */
  setHeld(held: boolean): void {
    this.held = held;
    this.applyTracks();
    this.audio.muted = held;
  }

  close(): void {
    // Stopped first: its last piece is taken before the microphone goes.
    void this.recorder?.stop();
    this.stopSignals();
    clearTimeout(this.recover);
    this.pc?.close();
    this.pc = null;
    for (const t of this.mic?.getTracks() ?? []) t.stop();
    this.mic = null;
    this.audio.srcObject = null;
  }

  private applyTracks(): void {
    for (const t of this.mic?.getAudioTracks() ?? []) t.enabled = !this.muted && !this.held;
  }

  private send(signal: CallSignal): void {
    sendToHub(this.siteId, { type: 'call.signal', callId: this.callId, signal });
  }

  private async signal(s: CallSignal): Promise<void> {
    if (s.kind === 'ice') {
      await this.pc?.addIceCandidate(s).catch(() => undefined);
      return;
    }
    if (s.kind !== 'offer') return;
    const pc = this.pc ?? (await this.create());
    this.answered = false;
    await pc.setRemoteDescription({ type: 'offer', sdp: s.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    this.answered = true;
    this.send({ kind: 'answer', sdp: pc.localDescription?.sdp ?? '' });
  }

  private async create(): Promise<RTCPeerConnection> {
    await this.prepare();
    const pc = (this.pc = new RTCPeerConnection({ iceServers: this.iceServers }));
    const stream = this.mic ?? new MediaStream();
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    this.applyTracks();
    pc.ontrack = (e) => {
      const remote = e.streams[0] ?? new MediaStream([e.track]);
      this.audio.srcObject = remote;
      void this.audio.play().catch(() => undefined);
      if (this.mic) this.recorder?.start(this.mic, remote);
    };
    pc.onicecandidate = (e) => {
      if (e.candidate && this.answered)
        this.send({
          kind: 'ice',
          candidate: e.candidate.candidate,
          sdpMid: e.candidate.sdpMid,
          sdpMLineIndex: e.candidate.sdpMLineIndex,
        });
    };
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (state === 'connected' || state === 'completed') {
        clearTimeout(this.recover);
        this.recover = undefined;
      } else if ((state === 'failed' || state === 'disconnected') && !this.recover) {
        this.recover = setTimeout(() => {
          const now = pc.iceConnectionState;
          if (now !== 'connected' && now !== 'completed')
            sendToHub(this.siteId, { type: 'call.hangup', callId: this.callId, reason: 'connection_lost' });
        }, RECOVER_MS);
      }
    };
    return pc;
  }
}

/** Half-trickle: what is gathered within a moment travels in the description itself. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const done = setTimeout(resolve, GATHER_MS);
    pc.onicegatheringstatechange = () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(done);
        resolve();
      }
    };
  });
}
