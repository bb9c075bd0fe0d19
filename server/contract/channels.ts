import { z } from 'zod';
import { agentCallMessages, visitorCallMessages, type ServerToAgentCall, type ServerToVisitorCall } from './calls.ts';
import type { LiveVisitor } from './live-visitor.ts';
import { agentTranscriptMessages, visitorTranscriptMessages } from './chat-files.ts';
import type { AgentTranscriptResult, ChatFile, TranscriptResult } from './chat-files.ts';
import type { AlertItem } from './notify.ts';
import type { RobotNote } from './robot-note.ts';
import { agentTeamMessages, TEAM_REFUSALS } from './team-messages.ts';

export type { RobotGuess, RobotNote } from './robot-note.ts';

// The one map of what travels over the realtime hub's sockets. Everything a client sends
// is parsed with the schemas here before anything looks at it; everything the server
// sends is typed here. A new feature adds variants to these unions and nothing else to
// the wire.

export const SOCKET_PATHS = { agent: '/ws/agent', visitor: '/ws/visitor' } as const;

export const SOCKET_LIMITS = {
  /** Largest frame a visitor may send: a chat message of CHAT_LIMITS.body CJK characters fits. */
  visitorMessageBytes: 16 * 1024,
  /** Agents will send chat messages over the same socket. */
  agentMessageBytes: 16 * 1024,
  url: 2048,
} as const;

/**
 * Close codes with their reasons. 4xxx means "do not come back with the same thing":
 * the snippet reconnects only after codes below 4000 (restart, network loss). Reasons are
 * codes, not sentences: a client translates them, or shows nothing.
 */
export const CLOSE = {
  invalidMessage: { code: 4400, reason: 'invalid_message' },
  signedOut: { code: 4401, reason: 'signed_out' },
  notAllowed: { code: 4403, reason: 'origin_not_allowed' },
  pageNotAllowed: { code: 4403, reason: 'page_not_allowed' },
  unknownSite: { code: 4404, reason: 'unknown_site' },
  helloTimeout: { code: 4408, reason: 'hello_expected' },
  helloTwice: { code: 4409, reason: 'hello_twice' },
  doNotTrack: { code: 4410, reason: 'do_not_track' },
  tooMany: { code: 4429, reason: 'too_many_messages' },
  tooManySockets: { code: 4429, reason: 'too_many_sockets' },
  tooManyTabs: { code: 4429, reason: 'too_many_tabs' },
  shutdown: { code: 1001, reason: 'server_restarting' },
} as const satisfies Record<string, { code: number; reason: string }>;
export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE]['reason'];

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const pageUrl = z.url({ protocol: /^https?$/ }).max(SOCKET_LIMITS.url);

export const CHAT_LIMITS = { body: 2000, field: 256, message: 4000, inviteText: 500, maxChatsPerAgent: 30 } as const;

const messageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const body = z.string().trim().min(1).max(CHAT_LIMITS.body);
const field = z.string().trim().max(CHAT_LIMITS.field).optional();
// Lenient on purpose: a token the widget stored wrongly must not cost it its socket, it just opens nothing.
const chatToken = z.string().max(128);
const phone = z
  .string()
  .trim()
  .regex(/^[+0-9 ()-]{3,32}$/, 'phone must be digits, spaces, + ( ) -');

/** Visitor → server. */
export const visitorToServer = z.discriminatedUnion('type', [
  /** chatToken: the token of the visitor's chat, kept by the widget since the chat started; a wrong one reads nothing. */
  z.strictObject({
    type: z.literal('hello'),
    site: id,
    visitorId: id,
    sessionId: id,
    url: pageUrl,
    chatToken: chatToken.optional(),
    /** The widget's language: the robot's own sentences and its search follow it. */
    lang: z.enum(['en', 'zh']).optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
  /** After (re)connecting: the messages of the visitor's open chat after the last seq it has shown. */
  z.strictObject({ type: z.literal('chat.sync'), afterSeq: z.number().int().min(0), chatToken: chatToken.optional() }),
  z.strictObject({
    type: z.literal('chat.request'),
    name: field,
    email: z.union([z.email().max(CHAT_LIMITS.field), z.literal('')]).optional(),
    phone: z.union([phone, z.literal('')]).optional(),
    question: z.string().trim().max(CHAT_LIMITS.body).optional(),
  }),
  z.strictObject({ type: z.literal('invite.accept'), invitationId: messageId }),
  z.strictObject({ type: z.literal('invite.dismiss'), invitationId: messageId }),
  z.strictObject({ type: z.literal('chat.send'), messageId, body }),
  /** What the visitor is typing, before it is sent ('' = stopped): agents see the preview. */
  z.strictObject({ type: z.literal('chat.typing'), text: z.string().max(CHAT_LIMITS.body) }),
  z.strictObject({ type: z.literal('chat.rate'), rating: z.number().int().min(1).max(5) }),
  z.strictObject({ type: z.literal('chat.end') }),
  /** "Talk to a person" while the robot serves the chat. */
  z.strictObject({ type: z.literal('robot.handover') }),
  /** Helpful / not helpful on one robot answer, once per answer. */
  z.strictObject({ type: z.literal('robot.rate'), messageId, helpful: z.boolean() }),
  z.strictObject({
    type: z.literal('offline.message'),
    name: field,
    email: z.union([z.email().max(CHAT_LIMITS.field), z.literal('')]).optional(),
    phone: z.union([phone, z.literal('')]).optional(),
    message: z.string().trim().min(1).max(CHAT_LIMITS.message),
  }),
  /** `at`: the chosen time as an instant (the widget picks it in the site's time zone). */
  z.strictObject({ type: z.literal('callback.request'), name: field, phone, at: z.iso.datetime() }),
  ...visitorCallMessages,
  ...visitorTranscriptMessages,
]);
export type VisitorToServer = z.infer<typeof visitorToServer>;
export type VisitorHello = Extract<VisitorToServer, { type: 'hello' }>;

export const AGENT_STATUSES = ['online', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number] | 'offline';

/** Agent → server. A browser cannot send protocol pings, so the dashboard pings here to notice a dead link. */
export const agentToServer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping') }),
  z.strictObject({
    type: z.literal('agent.status'),
    status: z.enum(AGENT_STATUSES),
    maxChats: z.number().int().min(1).max(CHAT_LIMITS.maxChatsPerAgent).optional(),
    takesChats: z.boolean().optional(),
    takesCalls: z.boolean().optional(),
  }),
  /** Mouse or keyboard use in a dashboard tab, at most once a minute: keeps the agent from going idle-away. */
  z.strictObject({ type: z.literal('agent.active') }),
  z.strictObject({ type: z.literal('invite'), visitorId: id, message: z.string().trim().max(CHAT_LIMITS.inviteText) }),
  z.strictObject({ type: z.literal('chat.send'), chatId: messageId, messageId, body }),
  z.strictObject({ type: z.literal('chat.typing'), chatId: messageId, typing: z.boolean() }),
  z.strictObject({ type: z.literal('chat.close'), chatId: messageId }),
  ...agentTeamMessages,
  ...agentCallMessages,
  ...agentTranscriptMessages,
]);
export type AgentToServer = z.infer<typeof agentToServer>;

export interface ChatMessage {
  chatId: string;
  /** Position in the conversation, from 1: what a reconnecting client resumes after. */
  seq: number;
  /** Chosen by the sender, so a message re-sent after a reconnect is stored and shown once. */
  messageId: string;
  sender: 'visitor' | 'agent' | 'system' | 'robot' | 'staff';
  agentName: string;
  body: string;
  at: number;
  /** Sender `staff`, for the site's staff only (never the visitor's socket or a channel): a whisper or a transfer note. */
  staff?: 'whisper' | 'note';
  /** On robot messages: what the robot based it on. */
  robot?: RobotNote;
  /** A file sent in the chat (uploaded over HTTP); `body` is its name. */
  file?: ChatFile;
}

/**
 * Where a conversation came from. Every channel lands in the same queue, routing and reports;
 * 'api' and 'wechat' are reserved for the channel API and the WeChat adapter.
 */
export const CHAT_CHANNELS = ['web', 'email', 'api', 'wechat'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** A stored channel as a channel: chats stored before channels existed are web chats. */
export function chatChannel(stored: string): ChatChannel {
  return (CHAT_CHANNELS as readonly string[]).includes(stored) ? (stored as ChatChannel) : 'web';
}

export interface ChatSummary {
  chatId: string;
  channel: ChatChannel;
  visitorId: string;
  sessionId: string;
  /** The group the chat is routed to (and queues for); '' = the whole pool. */
  groupId: string;
  /** '' while queued. */
  agentId: string;
  agentName: string;
  status: 'queued' | 'open' | 'closed';
  origin: 'invitation' | 'visitor';
  invitationId: string;
  ruleId: string;
  startedAt: number;
  endedAt: number;
  /** 1–5 once the visitor rated the chat, else 0. */
  rating: number;
  /** From the pre-chat form. */
  visitor: { name: string; email: string; phone: string; question: string };
  /** 1-based place in the site's queue; 0 when not queued. */
  queuePosition: number;
  /** `serving`: the robot answers; `handed_over`: the robot served it first, then a person was asked for. */
  robot: 'none' | 'serving' | 'handed_over';
}

export interface AgentPresence {
  userId: string;
  name: string;
  status: AgentStatus;
  chats: number;
  maxChats: number;
  /** "I take chats": routing offers chats only to those who do and are online. */
  takesChats: boolean;
  /** "I take calls": web calls ring only those who do, are online and are not on a call. */
  takesCalls: boolean;
  /** On a call (ringing or talking): busy for new calls. */
  onCall: boolean;
}

/**
 * Why an agent's action was refused, as a code the dashboard translates: `visitor_gone`
 * (the visitor left before the invitation), `already_chatting` (the visitor has a chat),
 * `not_allowed` (the user may not chat), `chat_closed` (nothing open to write to),
 * `not_stored` (the store failed; try again); and TEAM_REFUSALS (team-messages.ts).
 */
export const AGENT_REFUSALS = [
  ...(['visitor_gone', 'already_chatting', 'not_allowed', 'chat_closed', 'not_stored'] as const),
  ...TEAM_REFUSALS,
] as const;
export type AgentRefusal = (typeof AGENT_REFUSALS)[number];

/** Server → agent. Snapshots first, on every (re)connect; then changes, coalesced per site. */
export type ServerToAgent =
  | { type: 'live.snapshot'; visitors: LiveVisitor[]; total: number }
  /** On every (re)connect: the site's open and queued chats with their whole transcripts, replacing what was shown. */
  | { type: 'chat.snapshot'; me: AgentPresence; agents: AgentPresence[]; chats: ChatSummary[]; messages: ChatMessage[] }
  | { type: 'chat.upsert'; chat: ChatSummary }
  | { type: 'chat.message'; message: ChatMessage }
  /** The visitor's draft as they type ('' = stopped typing). */
  | { type: 'chat.typing'; chatId: string; text: string }
  | { type: 'agent.list'; agents: AgentPresence[] }
  | { type: 'invite.result'; visitorId: string; invitationId: string; ok: true }
  | { type: 'invite.result'; visitorId: string; invitationId: ''; ok: false; reason: AgentRefusal }
  | { type: 'chat.error'; reason: AgentRefusal }
  | { type: 'live.upsert'; visitors: LiveVisitor[]; total: number }
  | { type: 'live.remove'; visitorIds: string[]; total: number }
  /** The total changed, but only among visitors beyond this agent's capped list. */
  | { type: 'live.count'; total: number }
  /** On every (re)connect and whenever it changes: open callbacks overdue that nobody has claimed. */
  | { type: 'callback.overdue'; count: number }
  /** The site's callback queue changed: the Callbacks screen reads it again. */
  | { type: 'callback.changed' }
  /** On every (re)connect and after a mark read: this user's unread alerts of the site, newest first. */
  | { type: 'alert.snapshot'; alerts: AlertItem[] }
  | { type: 'alert.new'; alert: AlertItem }
  | ServerToAgentCall
  | AgentTranscriptResult
  | { type: 'pong' };

/**
 * Why a visitor's request was refused, as a code the widget translates: `offline` (no agent
 * can chat), `rate_limited` (too many messages or offline forms for now), `no_chat` (nothing
 * open to write to, or the chat's token was not shown), `chat_locked` (the visitor's chat is
 * open elsewhere and this page has not its token), `not_stored` (the store failed; try again).
 */
export type VisitorRefusal = 'offline' | 'rate_limited' | 'no_chat' | 'chat_locked' | 'not_stored';

/** The visitor's own view of its chat. */
export interface VisitorChat {
  chatId: string;
  status: ChatSummary['status'];
  agentName: string;
  queuePosition: number;
  rated: boolean;
  /** The robot answers this chat now: the widget offers "Talk to a person". */
  robot: boolean;
}

/** Server → visitor. */
export type ServerToVisitor =
  /**
   * timeZone: the site's (IANA), in which the widget offers callback times. agentsOnline: a
   * person can chat now (online and within business hours); robot: the robot takes a chat now;
   * calls: the site takes web calls and an agent who takes calls is free now.
   */
  | { type: 'welcome'; agentsOnline: boolean; robot: boolean; calls: boolean; timeZone: string }
  | { type: 'pong' }
  | { type: 'availability'; agentsOnline: boolean; robot: boolean; calls: boolean }
  | { type: 'invite'; invitationId: string; agentName: string; message: string }
  | { type: 'invite.withdrawn'; invitationId: string }
  /** token: once, to the page that started the chat; the widget keeps it to resume the chat. */
  | { type: 'chat.state'; chat: VisitorChat | null; token?: string }
  | { type: 'chat.message'; message: ChatMessage }
  | { type: 'chat.typing'; typing: boolean }
  | { type: 'chat.error'; reason: VisitorRefusal }
  | { type: 'offline.ok'; kind: 'message' | 'callback' }
  | TranscriptResult
  | ServerToVisitorCall;

/** The channel map: per socket kind, what the server sends and what it accepts. */
export interface Channels {
  agent: { send: ServerToAgent; receive: AgentToServer };
  visitor: { send: ServerToVisitor; receive: VisitorToServer };
}
