'use client';
import { useSyncExternalStore } from 'react';
import type { AgentEvent, LiveVisitor } from '@/server/realtime/channels';

export type LinkStatus = 'connecting' | 'open' | 'reconnecting';

interface LiveState {
  visitors: LiveVisitor[];
  total: number;
  status: LinkStatus;
}

/**
 * One WebSocket per site per tab, shared by the Live screen and the nav badge. Every
 * (re)connect starts with a snapshot, so a dropped link never leaves stale or doubled rows.
 */
class LiveFeed {
  private byId = new Map<string, LiveVisitor>();
  private state: LiveState = { visitors: [], total: 0, status: 'connecting' };
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delay = 500;

  constructor(private readonly siteId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.shut();
    };
  };

  get = () => this.state;

  private open() {
    const url = new URL(`/ws/agent?site=${encodeURIComponent(this.siteId)}`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = (this.socket = new WebSocket(url));
    ws.onopen = () => {
      this.delay = 500;
      this.emit({ status: 'open' });
    };
    ws.onmessage = (m) => this.apply(JSON.parse(String(m.data)) as AgentEvent);
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.emit({ status: 'reconnecting' });
      this.retry = setTimeout(() => this.open(), (this.delay = Math.min(this.delay * 2, 10_000)));
    };
  }

  private shut() {
    clearTimeout(this.retry);
    const ws = this.socket;
    this.socket = null;
    ws?.close();
  }

  private apply(e: AgentEvent) {
    if (e.type === 'snapshot') this.byId = new Map(e.visitors.map((v) => [v.visitorId, v]));
    else if (e.type === 'upsert') for (const v of e.visitors) this.byId.set(v.visitorId, v);
    else for (const id of e.visitorIds) this.byId.delete(id);
    this.emit({ visitors: [...this.byId.values()], total: e.total });
  }

  private emit(change: Partial<LiveState>) {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l();
  }
}

const feeds = new Map<string, LiveFeed>();
const SERVER_STATE: LiveState = { visitors: [], total: 0, status: 'connecting' };

export function useLiveVisitors(siteId: string): LiveState {
  let feed = feeds.get(siteId);
  if (!feed) feeds.set(siteId, (feed = new LiveFeed(siteId)));
  return useSyncExternalStore(feed.subscribe, feed.get, () => SERVER_STATE);
}
