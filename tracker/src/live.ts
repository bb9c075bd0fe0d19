import { sessionId, visitorId } from './ids';
import { startPresence } from './presence';
import { pageUrl } from './url';

/**
 * Everything that talks to the realtime server starts here, and none of it may delay the
 * page view: presence waits for the page to be idle itself, and the chat widget (a separate
 * file, loaded once the page is idle) belongs next to it.
 */
export function startLiveFeatures(scriptSrc: string, site: string): void {
  startPresence({
    wsUrl: new URL('/ws/visitor', scriptSrc).href.replace(/^http/, 'ws'),
    site,
    visitorId: visitorId(),
    // Saying hello is not activity: it must not keep an idle session alive.
    sessionId: sessionId(false),
    getUrl: pageUrl,
  });
}
