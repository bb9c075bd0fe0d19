import type { Send } from './events';

const MAX_MS = 24 * 3600 * 1000;

/**
 * Engagement is the time a page view was visible: a tab left in the background is not
 * engaged. What was visible is sent when the tab is hidden, when the page goes away and
 * before the next page view; returns the function that starts timing the next page view.
 */
export function trackEngagement(send: Send): (url: string) => void {
  let url = '';
  let engagedMs = 0;
  let visibleSince = 0;

  const measure = (visibleNow: boolean) => {
    if (visibleSince) engagedMs += Date.now() - visibleSince;
    visibleSince = visibleNow ? Date.now() : 0;
    if (url && engagedMs > 0) send({ type: 'engagement', url, engagedMs: Math.min(engagedMs, MAX_MS) });
    engagedMs = 0;
  };
  const visible = () => document.visibilityState === 'visible';

  document.addEventListener('visibilitychange', () => measure(visible()));
  // pagehide may come while still "visible"; the visibilitychange after it must not add a stray millisecond.
  addEventListener('pagehide', () => measure(false));
  return (next) => {
    measure(visible());
    url = next;
  };
}
