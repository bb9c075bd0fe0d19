import type { Send } from './events';
import { MAX_URL, pageUrl } from './url';

/** Clicks (and middle-clicks, which open a tab) on links to another host. */
export function trackOutbound(send: Send): void {
  const onClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (
      link instanceof HTMLAnchorElement &&
      (e.type === 'click' || e.button === 1) &&
      /^https?:$/.test(link.protocol) &&
      link.host !== location.host
    ) {
      send({ type: 'outbound', url: pageUrl(), href: link.href.slice(0, MAX_URL) });
    }
  };
  // Capture phase: a page that stops the click's propagation still leaves through the link.
  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);
}
