import type { Send } from './events';
import { sessionId, visitorId } from './ids';

/**
 * One request per event. sendBeacon survives the page being closed; a string body goes
 * as text/plain, a "simple" request that needs no CORS preflight. fetch with keepalive
 * covers browsers without sendBeacon and beacons refused over the in-flight quota.
 */
export function createSender(endpoint: string, site: string): Send {
  // Beacons may arrive out of order: a strictly increasing client time keeps the order
  // the events happened in.
  let last = 0;
  return (event) => {
    event.ts = last = Math.max(Date.now(), last + 1);
    const size = screen.width + 'x' + screen.height;
    const body = JSON.stringify({
      site,
      visitorId: visitorId(),
      sessionId: sessionId(true),
      // Zero-sized screens (hidden frames) would fail the contract and lose the event.
      screen: /^\d{2,5}x\d{2,5}$/.test(size) ? size : undefined,
      language: navigator.language.slice(0, 35),
      events: [event],
    });
    if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, body))) {
      fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(
        () => undefined,
      );
    }
  };
}
