// Presence: once the page is idle, one WebSocket tells the server this visitor is here now
// (and, later, carries invitations and chat). The server answers close codes >= 4000 for
// input it will never accept: those are not retried.
export function startPresence(o: { wsUrl: string; site: string; visitorId: string; sessionId: string; getUrl(): string }): void {
  let ws: WebSocket | undefined;
  let beat: ReturnType<typeof setInterval>;
  let delay = 1e3;
  let gone = false;
  const open = () => {
    if (gone || ws) return;
    const s = (ws = new WebSocket(o.wsUrl));
    s.onopen = () => {
      delay = 1e3;
      s.send(JSON.stringify({ type: 'hello', site: o.site, visitorId: o.visitorId, sessionId: o.sessionId, url: o.getUrl() }));
      beat = setInterval(() => s.send('{"type":"ping"}'), 15e3);
    };
    s.onclose = (e) => {
      clearInterval(beat);
      ws = undefined;
      // Jittered, capped backoff: a server restart must not bring every visitor back at once.
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
  if ('requestIdleCallback' in window) requestIdleCallback(open, { timeout: 1500 });
  else setTimeout(open, 1500);
}
