import type { Sender } from './send';

const MAX_URL = 2048;
export const pageUrl = () => location.href.slice(0, MAX_URL);

/**
 * Page views and engagement: a page view on load and on every SPA navigation that
 * changes the URL (hash-only changes are the same page); the page's visible time is
 * sent as `engagement` when the page is left, hidden, or replaced by the next route.
 */
export function trackPages(send: Sender): { pageview: () => void } {
  let current = '';
  let referrer = document.referrer;
  let visibleMs = 0;
  let visibleSince = document.visibilityState === 'visible' ? Date.now() : 0;
  let exitSent = false;

  const flushEngagement = () => {
    if (visibleSince) visibleMs += Date.now() - visibleSince;
    visibleSince = document.visibilityState === 'visible' ? Date.now() : 0;
    if (current && visibleMs > 0) send({ type: 'engagement', url: current, engagedMs: Math.min(visibleMs, 86_400_000) });
    visibleMs = 0;
  };

  const pageview = () => {
    const url = pageUrl();
    if (current) {
      flushEngagement();
      referrer = current;
    }
    current = url;
    exitSent = false;
    visibleSince = document.visibilityState === 'visible' ? Date.now() : 0;
    send({ type: 'pageview', url, referrer: referrer.slice(0, MAX_URL), title: document.title.slice(0, 512) });
  };

  const onRoute = () => {
    if (pageUrl().split('#')[0] !== current.split('#')[0]) pageview();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method].bind(history);
    history[method] = (...args: Parameters<History['pushState']>) => {
      original(...args);
      onRoute();
    };
  }
  addEventListener('popstate', onRoute);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushEngagement();
    else visibleSince = Date.now();
  });
  addEventListener('pagehide', flushEngagement);

  // Exit intent: the pointer leaves through the top edge, towards tabs and the close button.
  document.addEventListener('mouseout', (e) => {
    if (!e.relatedTarget && e.clientY <= 0 && !exitSent) {
      exitSent = true;
      send({ type: 'exit_intent', url: current });
    }
  });

  const onClick = (e: MouseEvent) => {
    const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (link && /^https?:$/.test(link.protocol) && link.host !== location.host) {
      send({ type: 'outbound', url: current, href: link.href.slice(0, MAX_URL) });
    }
  };
  document.addEventListener('click', onClick);
  document.addEventListener('auxclick', onClick);

  return { pageview };
}
