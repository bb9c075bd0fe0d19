'use client';
import { useSyncExternalStore } from 'react';
import type { Channels, LiveVisitor } from '@/server/realtime/channels';

type FromServer = Channels['agent']['send'];
type ToServer = Channels['agent']['receive'];

export type LinkStatus = 'connecting' | 'open' | 'reconnecting';

export interface LiveState {
  visitors: LiveVisitor[];
  /** Everyone on the site now; more than `visitors` when the server capped the list. */
  total: number;
  status: LinkStatus;
  /** A snapshot has arrived since the page opened (before that the list is not known yet). */
  ready: boolean;
}

const INITIAL: LiveState = { visitors: [], total: 0, status: 'connecting', ready: false };
// A browser cannot see protocol pings: the dashboard pings the hub itself, so a link that
// died silently (sleep, Wi-Fi change) is noticed in seconds, not when TCP gives up.
const PING_MS = 25_000;
const PONG_WAIT_MS = 10_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * One agent socket per site per tab, shared by every component that shows live data
 * (the Live screen, the nav badge). Every (re)connect starts with a snapshot that
 * replaces what was shown, so a dropped link never leaves stale or doubled rows.
 */
class LiveFeed {
  private byId = new Map<string, LiveVisitor>();
  private state = INITIAL;
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private pongDeadline: ReturnType<typeof setTimeout> | undefined;
  private delay = RETRY_MIN_MS;

  constructor(private readonly siteId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      addEventListener('online', this.retryNow);
      this.open();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.shut();
    };
  };

  get = () => this.state;

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

  private shut() {
    removeEventListener('online', this.retryNow);
    clearTimeout(this.retry);
    this.stopLink();
    this.byId = new Map();
    this.state = INITIAL;
  }

  private apply(e: FromServer) {
    switch (e.type) {
      case 'snapshot':
        this.delay = RETRY_MIN_MS;
        this.byId = new Map(e.visitors.map((v) => [v.visitorId, v]));
        return this.emit({ visitors: [...this.byId.values()], total: e.total, status: 'open', ready: true });
      case 'upsert':
        for (const v of e.visitors) this.byId.set(v.visitorId, v);
        return this.emit({ visitors: [...this.byId.values()], total: e.total });
      case 'remove':
        for (const id of e.visitorIds) this.byId.delete(id);
        return this.emit({ visitors: [...this.byId.values()], total: e.total });
      case 'count':
        return this.emit({ total: e.total });
      case 'pong':
        return;
    }
  }

  private emit(change: Partial<LiveState>) {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

const feeds = new Map<string, LiveFeed>();

/** Visitors on `siteId` right now, pushed by the hub: a snapshot, then changes. */
export function useLiveVisitors(siteId: string): LiveState {
  let feed = feeds.get(siteId);
  if (!feed) feeds.set(siteId, (feed = new LiveFeed(siteId)));
  return useSyncExternalStore(feed.subscribe, feed.get, () => INITIAL);
}
