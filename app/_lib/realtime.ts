'use client';
import { useSyncExternalStore } from 'react';
import type { AgentTranscriptResult } from '@/server/contract/chat-files';
import type { AgentPresence, AgentRefusal, Channels, ChatMessage, ChatSummary } from '@/server/contract/channels';
import type { LiveVisitor } from '@/server/contract/live-visitor';
import type { CallRefusal, CallSignal, CallSummary, IceServer } from '@/server/contract/calls';
import type { AlertItem } from '@/server/contract/notify';

type FromServer = Channels['agent']['send'];
type ToServer = Channels['agent']['receive'];

export type LinkStatus = 'connecting' | 'open' | 'reconnecting';

/** What the site's agent socket carries: live visitors, chats and the team's presence. */
export interface VisitorsChatsAgents {
  visitors: LiveVisitor[];
  /** Everyone on the site now; more than `visitors` when the server capped the list. */
  total: number;
  status: LinkStatus;
  /** A snapshot has arrived since the page opened (before that the list is not known yet). */
  ready: boolean;
  /** The site's open and queued chats, and those closed while this page was open. */
  chats: ChatSummary[];
  /** Per chat, by seq; each message once. */
  messages: Record<string, ChatMessage[]>;
  /** What each chat's visitor is typing now ('' = nothing). */
  previews: Record<string, string>;
  agents: AgentPresence[];
  me: AgentPresence | null;
  /**
   * The latest answer to an invitation this tab sent. reason: a code the screen translates
   * (chat.refused.*), '' when shown; `n` counts answers, so a screen toasts each once.
   */
  lastInvite: { visitorId: string; ok: boolean; reason: AgentRefusal | ''; n: number } | null;
  /** The latest refused chat action; `n` counts refusals, so the same reason twice shows twice. */
  chatError: { reason: AgentRefusal; n: number } | null;
  /** Open callbacks overdue that nobody has claimed (sent on every connect and when it changes). */
  overdueCallbacks: number;
  /** Counts the hub's "the callback queue changed": the Callbacks screen reads it again when this moves. */
  callbacksChanged: number;
  /** The site's web calls now (ringing, on, and those ended while this page was open). */
  calls: CallSummary[];
  /** STUN/TURN servers for calls (server env), as the last call update carried them. */
  iceServers: IceServer[];
  callError: { reason: CallRefusal; n: number } | null;
  /** The latest answer to "Email transcript" from this site's consoles; `n` counts them. */
  transcript: (AgentTranscriptResult & { n: number }) | null;
  /** This user's unread alerts of the site, newest first (the bell). */
  alerts: AlertItem[];
}

const INITIAL: VisitorsChatsAgents = {
  visitors: [],
  total: 0,
  status: 'connecting',
  ready: false,
  chats: [],
  messages: {},
  previews: {},
  agents: [],
  me: null,
  lastInvite: null,
  chatError: null,
  overdueCallbacks: 0,
  callbacksChanged: 0,
  calls: [],
  iceServers: [],
  callError: null,
  transcript: null,
  alerts: [],
};
// A browser cannot see protocol pings: the dashboard pings the hub itself, so a link that
// died silently (sleep, Wi-Fi change) is noticed in seconds, not when TCP gives up.
const PING_MS = 25_000;
const PONG_WAIT_MS = 10_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;
// Mouse and keyboard keep an agent from idle-away; the hub hears of it at most once a minute.
const ACTIVITY_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * One agent socket per site per tab, shared by every component that shows live data
 * (the Live screen, the nav badge). Every (re)connect starts with a snapshot that
 * replaces what was shown, so a dropped link never leaves stale or doubled rows.
 */
class LiveFeed {
  private byId = new Map<string, LiveVisitor>();
  private state: VisitorsChatsAgents = INITIAL;
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private pongDeadline: ReturnType<typeof setTimeout> | undefined;
  private delay = RETRY_MIN_MS;
  private lastActivitySent = 0;
  /** The call's peer (agent-call.ts) hears its signals here: they are not screen state. */
  readonly signalListeners = new Set<(callId: string, signal: CallSignal) => void>();

  constructor(private readonly siteId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      addEventListener('online', this.retryNow);
      for (const type of ACTIVITY_EVENTS) addEventListener(type, this.active, { passive: true });
      this.open();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.shut();
    };
  };

  get = () => this.state;

  /** Sends to the hub now; false while the link is down (the caller keeps what it had). */
  send = (message: ToServer): boolean => {
    if (this.socket?.readyState !== WebSocket.OPEN || this.state.status !== 'open') return false;
    this.socket.send(JSON.stringify(message));
    return true;
  };

  private open() {
    const url = new URL(`/ws/agent?site=${encodeURIComponent(this.siteId)}`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    this.socket = ws;
    ws.onopen = () => {
      this.pinger = setInterval(() => this.ping(ws), PING_MS);
    };
    ws.onmessage = (m) => {
      if (this.socket !== ws) return;
      clearTimeout(this.pongDeadline);
      this.apply(JSON.parse(String(m.data)) as FromServer);
    };
    ws.onclose = () => this.lost(ws);
  }

  private ping(ws: WebSocket) {
    const ping: ToServer = { type: 'ping' };
    ws.send(JSON.stringify(ping));
    clearTimeout(this.pongDeadline);
    this.pongDeadline = setTimeout(() => this.lost(ws), PONG_WAIT_MS);
  }

  /** The link is gone (closed, or silent past a ping): show it, and come back with backoff. */
  private lost(ws: WebSocket) {
    if (this.socket !== ws) return;
    this.stopLink();
    this.emit({ status: 'reconnecting' });
    const jittered = this.delay * (0.5 + Math.random());
    this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
    this.retry = setTimeout(() => this.open(), jittered);
  }

  private retryNow = () => {
    if (this.state.status !== 'reconnecting' || this.socket) return;
    clearTimeout(this.retry);
    this.open();
  };

  private stopLink() {
    clearInterval(this.pinger);
    clearTimeout(this.pongDeadline);
    const ws = this.socket;
    this.socket = null;
    ws?.close();
  }

  /** Leading edge: the first move after a quiet minute is reported at once, so an idle-away agent is back in a moment. */
  private active = () => {
    if (Date.now() - this.lastActivitySent < ACTIVITY_MS) return;
    if (this.send({ type: 'agent.active' })) this.lastActivitySent = Date.now();
  };

  private shut() {
    removeEventListener('online', this.retryNow);
    for (const type of ACTIVITY_EVENTS) removeEventListener(type, this.active);
    clearTimeout(this.retry);
    this.stopLink();
    this.byId = new Map();
    this.state = INITIAL;
  }

  private apply(e: FromServer) {
    switch (e.type) {
      case 'live.snapshot':
        this.delay = RETRY_MIN_MS;
        this.byId = new Map(e.visitors.map((v) => [v.visitorId, v]));
        return this.emit({ visitors: [...this.byId.values()], total: e.total, status: 'open', ready: true });
      case 'live.upsert':
        for (const v of e.visitors) this.byId.set(v.visitorId, v);
        return this.emit({ visitors: [...this.byId.values()], total: e.total });
      case 'live.remove':
        for (const id of e.visitorIds) this.byId.delete(id);
        return this.emit({ visitors: [...this.byId.values()], total: e.total });
      case 'live.count':
        return this.emit({ total: e.total });
      case 'chat.snapshot': {
        const closed = this.state.chats.filter(
          (c) => c.status === 'closed' && !e.chats.some((o) => o.chatId === c.chatId),
        );
        const messages: Record<string, ChatMessage[]> = {};
        for (const m of e.messages) messages[m.chatId] = withMessage(messages[m.chatId] ?? [], m);
        for (const c of closed) messages[c.chatId] = this.state.messages[c.chatId] ?? [];
        return this.emit({ chats: [...e.chats, ...closed], messages, agents: e.agents, me: e.me });
      }
      case 'chat.upsert': {
        const others = this.state.chats.filter((c) => c.chatId !== e.chat.chatId);
        return this.emit({ chats: [...others, e.chat] });
      }
      case 'chat.message': {
        const list = this.state.messages[e.message.chatId] ?? [];
        const previews =
          e.message.sender === 'visitor' ? { ...this.state.previews, [e.message.chatId]: '' } : this.state.previews;
        return this.emit({
          messages: { ...this.state.messages, [e.message.chatId]: withMessage(list, e.message) },
          previews,
        });
      }
      case 'chat.typing':
        return this.emit({ previews: { ...this.state.previews, [e.chatId]: e.text } });
      case 'agent.list': {
        const me = this.state.me && (e.agents.find((a) => a.userId === this.state.me?.userId) ?? this.state.me);
        return this.emit({ agents: e.agents, me });
      }
      case 'invite.result': {
        const n = (this.state.lastInvite?.n ?? 0) + 1;
        return this.emit({ lastInvite: { visitorId: e.visitorId, ok: e.ok, reason: e.ok ? '' : e.reason, n } });
      }
      case 'chat.error':
        return this.emit({ chatError: { reason: e.reason, n: (this.state.chatError?.n ?? 0) + 1 } });
      case 'callback.overdue':
        return this.emit({ overdueCallbacks: e.count });
      case 'callback.changed':
        return this.emit({ callbacksChanged: this.state.callbacksChanged + 1 });
      case 'call.upsert': {
        const others = this.state.calls.filter((c) => c.callId !== e.call.callId);
        return this.emit({ calls: [...others, e.call], iceServers: e.iceServers });
      }
      case 'call.signal':
        for (const listener of this.signalListeners) listener(e.callId, e.signal);
        return;
      case 'call.error':
        return this.emit({ callError: { reason: e.reason, n: (this.state.callError?.n ?? 0) + 1 } });
      case 'transcript.result':
        return this.emit({ transcript: { ...e, n: (this.state.transcript?.n ?? 0) + 1 } });
      case 'alert.snapshot':
        return this.emit({ alerts: e.alerts });
      case 'alert.new':
        return this.emit({ alerts: [e.alert, ...this.state.alerts.filter((a) => a.key !== e.alert.key)] });
      case 'pong':
        return;
    }
  }

  private emit(change: Partial<VisitorsChatsAgents>) {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** The list with `m` in seq order, unless a message with its id is already there. */
function withMessage(list: ChatMessage[], m: ChatMessage): ChatMessage[] {
  if (list.some((x) => x.messageId === m.messageId)) return list;
  return [...list, m].sort((a, b) => a.seq - b.seq);
}

const feeds = new Map<string, LiveFeed>();

function feedOf(siteId: string): LiveFeed {
  let feed = feeds.get(siteId);
  if (!feed) feeds.set(siteId, (feed = new LiveFeed(siteId)));
  return feed;
}

/** Live visitors, chats and agents of `siteId` right now, pushed by the hub: snapshots, then changes. */
export function useVisitorsChatsAgents(siteId: string): VisitorsChatsAgents {
  const feed = feedOf(siteId);
  return useSyncExternalStore(feed.subscribe, feed.get, () => INITIAL);
}

/** Hears the WebRTC signals of the site's calls sent to this tab; returns the unsubscribe. */
export function onCallSignal(siteId: string, listener: (callId: string, signal: CallSignal) => void): () => void {
  const feed = feedOf(siteId);
  feed.signalListeners.add(listener);
  return () => feed.signalListeners.delete(listener);
}

/** Sends an agent action over the site's socket; false while it is reconnecting. */
export function sendToHub(siteId: string, message: ToServer): boolean {
  return feedOf(siteId).send(message);
}
