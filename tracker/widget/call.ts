import type { CallSignal, CallSummary, IceServer, ServerToVisitorCall } from '../../server/contract/calls';
import { el, show } from './dom';
import { callbackRequestForm } from './offline-forms';
import { text } from './text';

// A web call from the page: "Call us" (offered while an agent who takes calls is free), the
// microphone, one RTCPeerConnection to the answering agent's tab. The visitor always makes
// the offer (also an ICE restart's); candidates found before the offer leaves ride in it,
// later ones follow as `ice` signals. A page change ends the call: the next page says so.

const LEFT_KEY = 'lt_call_left';
/** How long a dropped media link may try to come back (ICE restart) before the call ends. */
const RECOVER_MS = 15e3;
const GATHER_MS = 1500;

export function callCard(send: (message: object) => boolean, zone: () => string) {
  let call: CallSummary | null = null;
  let pc: RTCPeerConnection | null = null;
  let mic: MediaStream | null = null;
  let ice: IceServer[] = [];
  let ticker: ReturnType<typeof setInterval> | undefined;
  let recover: ReturnType<typeof setTimeout> | undefined;
  let offerSent = false;
  let available = false;
  const audio = el('audio', { autoplay: '' });
  const status = el('div', { class: 'who', 'data-lt': 'call-status' });
  const note = el('div', { class: 'note', 'data-lt': 'call-note' });
  // Shown from the first ring (either direction), so the visitor knows before anything is recorded.
  const recorded = el('div', { class: 'note', 'data-lt': 'call-recorded', hidden: '' }, text.recorded);
  const answerBtn = el('button', { class: 'primary', 'data-lt': 'call-answer' }, text.answer);
  const muteBtn = el('button', { class: 'ghost', 'data-lt': 'call-mute', 'aria-pressed': 'false' }, text.mute);
  const hangBtn = el('button', { class: 'hangup', 'data-lt': 'call-hangup' }, text.hangUp);
  const closeBtn = el('button', { class: 'ghost', 'data-lt': 'call-close' }, text.close);
  const callback = callbackRequestForm(send, zone, 'call-callback');
  const view = el(
    'div',
    { class: 'card', role: 'dialog', 'data-lt': 'call', hidden: '' },
    status,
    recorded,
    note,
    callback.form,
    el('div', { class: 'row' }, closeBtn, muteBtn, answerBtn, hangBtn),
    audio,
  );
  const button = el('button', { class: 'launcher call', 'data-lt': 'call-us', hidden: '' }, text.callUs);

  const say = (main: string, sub = '') => {
    status.textContent = main;
    note.textContent = sub;
    show(view, true);
  };
  const buttons = (o: { answer?: boolean; mute?: boolean; hang?: boolean; close?: boolean; form?: boolean }) => {
    show(answerBtn, !!o.answer);
    show(muteBtn, !!o.mute);
    show(hangBtn, !!o.hang);
    show(closeBtn, !!o.close);
    show(callback.form, !!o.form);
  };
  const refresh = () => show(button, available && !call && view.hidden);

  async function withMic(then: () => void) {
    try {
      mic = mic ?? (await navigator.mediaDevices.getUserMedia({ audio: true }));
      then();
    } catch {
      say(text.micBlocked);
      buttons({ close: true });
    }
  }

  button.onclick = () =>
    void withMic(() => {
      if (send({ type: 'call.request' })) say(text.calling);
      buttons({ hang: true });
      refresh();
    });
  answerBtn.onclick = () => void withMic(() => send({ type: 'call.request' }));
  hangBtn.onclick = () => {
    if (call) send({ type: 'call.hangup', callId: call.callId });
    else finish();
  };
  muteBtn.onclick = () => {
    const muted = muteBtn.getAttribute('aria-pressed') !== 'true';
    for (const t of mic?.getAudioTracks() ?? []) t.enabled = !muted;
    muteBtn.setAttribute('aria-pressed', String(muted));
    muteBtn.textContent = muted ? text.unmute : text.mute;
  };
  closeBtn.onclick = () => {
    show(view, false);
    refresh();
  };

  function connect(callId: string) {
    const peer = (pc = new RTCPeerConnection({ iceServers: ice }));
    const stream = mic ?? new MediaStream();
    for (const track of stream.getTracks()) peer.addTrack(track, stream);
    peer.ontrack = (e) => {
      audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void audio.play().catch(() => undefined);
    };
    peer.onicecandidate = (e) => {
      if (e.candidate && offerSent)
        send({
          type: 'call.signal',
          callId,
          signal: {
            kind: 'ice',
            candidate: e.candidate.candidate,
            sdpMid: e.candidate.sdpMid,
            sdpMLineIndex: e.candidate.sdpMLineIndex,
          },
        });
    };
    // A network change: try an ICE restart; if the link is not back in time, end the call and say why.
    peer.oniceconnectionstatechange = () => {
      const s = peer.iceConnectionState;
      if (s === 'connected' || s === 'completed') return clearTimeout(recover);
      if (s === 'failed') peer.restartIce();
      if ((s === 'failed' || s === 'disconnected') && !recover)
        recover = setTimeout(() => {
          recover = undefined;
          const now = peer.iceConnectionState;
          if (call && now !== 'connected' && now !== 'completed')
            send({ type: 'call.hangup', callId, reason: 'connection_lost' });
        }, RECOVER_MS);
    };
    peer.onnegotiationneeded = () => void offer(peer, callId);
  }

  async function offer(peer: RTCPeerConnection, callId: string) {
    offerSent = false;
    await peer.setLocalDescription(await peer.createOffer());
    // Half-trickle: what is gathered within a moment travels in the offer itself.
    await new Promise<void>((resolve) => {
      const done = setTimeout(resolve, GATHER_MS);
      peer.onicegatheringstatechange = () => {
        if (peer.iceGatheringState === 'complete') resolve(clearTimeout(done));
      };
    });
    offerSent = true;
    send({ type: 'call.signal', callId, signal: { kind: 'offer', sdp: peer.localDescription?.sdp ?? '' } });
  }

  function finish() {
    clearInterval(ticker);
    clearTimeout(recover);
    recover = undefined;
    pc?.close();
    pc = null;
    for (const t of mic?.getTracks() ?? []) t.stop();
    mic = null;
    call = null;
    offerSent = false;
    try {
      sessionStorage.removeItem(LEFT_KEY);
    } catch {
      // storage blocked: the next page just will not say why the call ended
    }
  }

  function state(next: CallSummary) {
    call = next.status === 'ended' ? null : next;
    show(recorded, !!call?.recorded);
    if (next.status === 'ringing' && next.origin === 'agent') {
      say(text.incoming(next.agentName));
      buttons({ answer: true, hang: true });
    } else if (next.status === 'ringing') {
      say(text.calling);
      buttons({ hang: true });
    } else if (next.status === 'active') {
      if (!pc) {
        connect(next.callId);
        ticker = setInterval(() => tick(next), 1e3);
        try {
          sessionStorage.setItem(LEFT_KEY, '1');
        } catch {
          // storage blocked
        }
      }
      tick(next);
      buttons({ mute: true, hang: true });
    } else {
      finish();
      const missed = next.endReason === 'missed' || next.endReason === 'declined' || next.endReason === 'unavailable';
      say(text.callEnded[next.endReason || 'hangup'] ?? text.callEnded.hangup, missed ? text.offerCallback : '');
      if (missed) callback.boundPicker();
      buttons({ close: true, form: missed });
    }
    refresh();
  }

  function tick(c: CallSummary) {
    if (!call) return;
    const s = Math.max(0, Math.round((Date.now() - c.answeredAt) / 1e3));
    const clock = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    say(text.onCall(c.agentName, clock), call.held ? text.onHold : '');
  }

  async function signal(s: CallSignal) {
    if (!pc) return;
    if (s.kind === 'ice') return pc.addIceCandidate(s).catch(() => undefined);
    await pc.setRemoteDescription({ type: s.kind, sdp: s.sdp });
  }

  // The previous page of this visit was on a call: it ended when the page went away.
  try {
    if (sessionStorage.getItem(LEFT_KEY)) {
      sessionStorage.removeItem(LEFT_KEY);
      say(text.callEnded.visitor_left);
      buttons({ close: true });
    }
  } catch {
    // storage blocked
  }

  return {
    view,
    button,
    /** The welcome or an availability change: whether "Call us" is offered. */
    setAvailable(calls: boolean) {
      available = calls;
      refresh();
    },
    onMessage(m: ServerToVisitorCall) {
      if (m.type === 'call.state') {
        ice = m.iceServers;
        return state(m.call);
      }
      if (m.type === 'call.signal') return void signal(m.signal);
      note.textContent = text.callRefused[m.reason];
    },
    /** The callback after a missed call reached the server. */
    callbackSent() {
      if (callback.form.hidden) return;
      say(text.sentCallback);
      buttons({ close: true });
    },
  };
}
