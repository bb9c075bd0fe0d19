import type { ServerToVisitor } from '../../server/contract/channels';

export interface Link {
  /** Sends now when connected; otherwise false (the caller keeps it for the next connect). */
  send(message: object): boolean;
  /**
   * Sends now, or once after the next welcome: for what the visitor submitted (a form), which
   * must not be lost to a socket still connecting, nor re-sent on every reconnect like the chat outbox.
   */
  deliver(message: object): void;
}

/**
 * The visitor's one WebSocket: presence (hello, heartbeats) and chat. It reconnects after
 * a network loss or a server restart with jittered, capped backoff, and calls `onOpen`
 * after every welcome so the widget can resume its chat. The server closes with codes
 * >= 4000 for input it will never accept: those are not retried.
 */
export function openLink(o: {
  wsUrl: string;
  hello: () => object;
  onOpen(agentsOnline: boolean, robot: boolean, calls: boolean, timeZone: string): void;
  onMessage(m: ServerToVisitor): void;
}): Link {
  let ws: WebSocket | undefined;
  let ready = false;
  let beat: ReturnType<typeof setInterval> | undefined;
  let delay = 1e3;
  let gone = false;
  const pending: object[] = [];
  const open = () => {
    if (gone || ws) return;
    const s = (ws = new WebSocket(o.wsUrl));
    s.onopen = () => {
      delay = 1e3;
      s.send(JSON.stringify({ type: 'hello', ...o.hello() }));
      beat = setInterval(() => s.send('{"type":"ping"}'), 15e3);
    };
    s.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as ServerToVisitor;
      if (m.type === 'welcome') {
        ready = true;
        o.onOpen(m.agentsOnline, m.robot, m.calls, m.timeZone);
        for (const p of pending.splice(0)) s.send(JSON.stringify(p));
      } else o.onMessage(m);
    };
    s.onclose = (e) => {
      clearInterval(beat);
      ws = undefined;
      ready = false;
      // Too many messages, tabs or sockets from this address: say so rather than fall silent.
      if (e.code === 4429) o.onMessage({ type: 'chat.error', reason: 'rate_limited' });
      if (!gone && e.code < 4e3) setTimeout(open, (delay = Math.min(delay * 2, 6e4)) * (0.5 + Math.random()));
    };
  };
  addEventListener('pagehide', () => {
    gone = true;
    ws?.close();
  });
  // Back from the back/forward cache: the same page is on screen again.
  addEventListener('pageshow', (e) => {
    if (e.persisted) {
      gone = false;
      open();
    }
  });
  open();
  return {
    send(message) {
      if (!ws || !ready) return false;
      ws.send(JSON.stringify(message));
      return true;
    },
    deliver(message) {
      if (!this.send(message)) pending.push(message);
    },
  };
}
