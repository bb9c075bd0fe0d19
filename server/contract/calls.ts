import { z } from 'zod';

// Web calls (WebRTC) over the existing sockets: what the visitor and the agent may send
// about a call, and what they are told. The server relays session descriptions and ICE
// candidates between the two peers of one call and never looks inside them beyond size.

export const CALL_LIMITS = {
  /** A session description with its gathered candidates (a few kB in practice). */
  sdp: 12_000,
  candidate: 1_000,
} as const;

const callId = z.string().regex(/^c_[A-Za-z0-9_-]{8,64}$/);
const messageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** One WebRTC signal of a call: an offer or answer (also an ICE restart's), or one ICE candidate. */
export const callSignal = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(CALL_LIMITS.sdp) }),
  z.strictObject({
    kind: z.literal('ice'),
    candidate: z.string().max(CALL_LIMITS.candidate),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  }),
]);
export type CallSignal = z.infer<typeof callSignal>;

/** Visitor → server, added to visitorToServer. */
export const visitorCallMessages = [
  /** "Call us": the widget asked for the microphone already. */
  z.strictObject({ type: z.literal('call.request') }),
  z.strictObject({ type: z.literal('call.signal'), callId, signal: callSignal }),
  z.strictObject({ type: z.literal('call.hangup'), callId, reason: z.enum(['hangup', 'connection_lost']).optional() }),
] as const;

/** Agent → server, added to agentToServer. */
export const agentCallMessages = [
  z.strictObject({ type: z.literal('call.answer'), callId }),
  z.strictObject({ type: z.literal('call.decline'), callId }),
  z.strictObject({ type: z.literal('call.signal'), callId, signal: callSignal }),
  z.strictObject({ type: z.literal('call.hold'), callId, held: z.boolean() }),
  z.strictObject({ type: z.literal('call.hangup'), callId, reason: z.enum(['hangup', 'connection_lost']).optional() }),
  /** Escalate the open chat to a call: the visitor's widget rings. */
  z.strictObject({ type: z.literal('call.start'), chatId: messageId }),
] as const;

/**
 * How a call ended, as a code each screen translates: `hangup` (a side hung up),
 * `missed` (nobody answered in time), `declined` (every agent declined, or the visitor
 * declined an agent's call), `visitor_left` (the visitor's page closed or navigated away),
 * `agent_left` (the answering tab closed), `connection_lost` (the media link did not
 * recover), `unavailable` (nobody takes calls now, or calls are off).
 */
export const CALL_END_REASONS = [
  'hangup',
  'missed',
  'declined',
  'visitor_left',
  'agent_left',
  'connection_lost',
  'unavailable',
] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

/** Why a call message was refused: `no_call` (no such call of yours), `rate_limited`, `busy` (you are on a call). */
export type CallRefusal = 'no_call' | 'rate_limited' | 'busy';

export interface CallSummary {
  callId: string;
  visitorId: string;
  /** The visitor's open chat when the call began ('' for none): the transcript gets the call's line. */
  chatId: string;
  /** `visitor`: "Call us"; `agent`: a chat escalated by the agent. */
  origin: 'visitor' | 'agent';
  /** The agent ringing or talking ('' while none). */
  agentId: string;
  agentName: string;
  status: 'ringing' | 'active' | 'ended';
  held: boolean;
  requestedAt: number;
  answeredAt: number;
  endedAt: number;
  endReason: CallEndReason | '';
  /** The site records its calls: the visitor is told before the call connects. */
  recorded: boolean;
}

/** What the browser needs to build its peer connection (RTCConfiguration.iceServers). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export const iceServersInput = z.array(
  z.object({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

/** Server → agent: the call's state (ring, answered, ended), a peer's signal, a refusal. */
export type ServerToAgentCall =
  | { type: 'call.upsert'; call: CallSummary; iceServers: IceServer[] }
  | { type: 'call.signal'; callId: string; signal: CallSignal }
  | { type: 'call.error'; reason: CallRefusal };

/** Server → visitor. */
export type ServerToVisitorCall =
  | { type: 'call.state'; call: CallSummary; iceServers: IceServer[] }
  | { type: 'call.signal'; callId: string; signal: CallSignal }
  | { type: 'call.error'; reason: CallRefusal };

/** Prefix of the system line a call leaves in its chat's transcript: `call_ended:<seconds>`, translated by each screen. */
export const CALL_LINE = 'call_ended:';

/**
 * Per site: whether the widget offers "Call us", how long a call rings before it is missed,
 * whether answered calls are recorded and for how many days a recording is kept (absent
 * from settings saved before recording existed: off, 30 days).
 */
export const callSettingsInput = z.object({
  enabled: z.boolean(),
  ringSeconds: z.number().int().min(5).max(300),
  record: z.boolean().default(false),
  retentionDays: z.number().int().min(1).max(365).default(30),
});
export type CallSettings = z.infer<typeof callSettingsInput>;

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  enabled: false,
  ringSeconds: 30,
  record: false,
  retentionDays: 30,
};

/**
 * A recording's upload: the answering agent's tab sends audio/webm (Opus) pieces while the
 * call runs, each at the byte offset it continues, then the end with its duration. At
 * 32 kbit/s Opus, 64 MB is over four hours of talk.
 */
export const RECORDING_LIMITS = { maxBytes: 64 * 1024 * 1024, pieceBytes: 1024 * 1024 } as const;

/** Where the dashboard uploads and plays a call's recording. */
export const recordingPath = (siteId: string, callId: string) =>
  `/api/recordings/${encodeURIComponent(siteId)}/${encodeURIComponent(callId)}`;
