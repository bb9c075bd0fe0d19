import { sessionId, visitorId } from './ids';
import { pageUrl } from './url';

/** What the chat widget (w.js) asks the core for: it never reads the core's storage itself. */
export interface LiveContext {
  site: string;
  visitorId: string;
  sessionId: string;
  url: string;
}

/**
 * Presence, invitations and chat live in w.js, a separate file loaded once the page is
 * idle, so none of it delays the page view or counts against the core's size budget.
 */
export function startLiveFeatures(scriptSrc: string, site: string): () => LiveContext {
  const load = () => {
    const s = document.createElement('script');
    s.async = true;
    s.src = new URL('w.js', scriptSrc).href;
    document.head.appendChild(s);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 1500 });
  else setTimeout(load, 1500);
  // Saying hello is not activity: it must not keep an idle session alive.
  return () => ({ site, visitorId: visitorId(), sessionId: sessionId(false), url: pageUrl() });
}
