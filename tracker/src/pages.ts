import { trackEngagement } from './engagement';
import type { Send } from './events';
import { httpUrl, pageUrl } from './url';

/**
 * Page views on load and on single-page-app navigation (history.pushState/replaceState,
 * popstate). A change of the hash alone is the same page, as is replaceState to the same
 * URL. The referrer is document.referrer for the first page view and the previous page
 * for the ones after it. Returns the manual page view (the `pageview` command).
 */
export function trackPages(send: Send, onPageview: () => void): () => void {
  const startEngagement = trackEngagement(send);
  let current = '';
  let referrer = httpUrl(document.referrer);

  const pageview = () => {
    if (current) referrer = current;
    current = pageUrl();
    startEngagement(current);
    onPageview();
    send({ type: 'pageview', url: current, referrer, title: document.title.slice(0, 512) });
  };

  const withoutHash = (url: string) => url.split('#')[0];
  const onRoute = () => {
    if (withoutHash(pageUrl()) !== withoutHash(current)) pageview();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method].bind(history);
    history[method] = (...args: Parameters<History['pushState']>) => {
      original(...args);
      onRoute();
    };
  }
  addEventListener('popstate', onRoute);

  return pageview;
}
