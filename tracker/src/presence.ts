// Presence: once the page is idle, a WebSocket tells the server this visitor is here,
// with a heartbeat, so agents see who is on the site now (and, later, can invite them).
export function startPresence(url: string, hello: () => Record<string, string>): void {
  let socket: WebSocket | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let delay = 1000;
  let leaving = false;
  const open = () => {
    const ws = (socket = new WebSocket(url));
    ws.onopen = () => {
      delay = 1000;
      ws.send(JSON.stringify({ type: 'hello', ...hello() }));
      heartbeat = setInterval(() => ws.send('{"type":"ping"}'), 15000);
    };
    ws.onclose = () => {
      clearInterval(heartbeat);
      if (!leaving) setTimeout(open, (delay = Math.min(delay * 2, 30000)));
    };
  };
  addEventListener('pagehide', () => {
    leaving = true;
    socket?.close();
  });
  const idle = (window as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(open, { timeout: 2000 });
  else setTimeout(open, 1500);
}
