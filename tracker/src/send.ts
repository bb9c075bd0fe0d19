export type Event = { type: string; url: string; ts?: number; [key: string]: unknown };

export interface Sender {
  (event: Event): void;
}

/**
 * One request per event: sendBeacon survives page unload; a text/plain body keeps the
 * request "simple" so no CORS preflight is needed. fetch keepalive is the fallback.
 */
export function createSender(endpoint: string, site: string, ids: () => { visitorId: string; sessionId: string }): Sender {
  // Beacons may arrive out of order; a strictly increasing client time keeps the order
  // the events happened in.
  let last = 0;
  return (event) => {
    last = Math.max(Date.now(), last + 1);
    const body = JSON.stringify({
      site,
      ...ids(),
      screen: `${screen.width}x${screen.height}`,
      language: navigator.language.slice(0, 35),
      events: [{ ...event, ts: last }],
    });
    if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, body))) {
      void fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(() => undefined);
    }
  };
}
