import type { Send } from './events';

const MAX_MS = 24 * 3600 * 1000;

/**
 * Engagement is the time a page view was visible: a tab left in the background is not
 * engaged. What was visible is sent when the tab is hidden, when the page goes away and
 * before the next page view, with how far down the page was seen so far (the bottom of the
 * window, % of the page's height); returns the function that starts timing the next page view.
 */
export function trackEngagement(send: Send): (url: string) => void {
  let url = '';
  let engagedMs = 0;
  let visibleSince = 0;
  let depth = 0;
  const scrolled = () => {
    // || 0: a window of no height (a hidden frame) divides 0 by 0.
    const seen = Math.round(((scrollY + innerHeight) * 100) / document.documentElement.scrollHeight) || 0;
    depth = Math.max(depth, Math.min(100, seen));
  };

  const measure = (visibleNow: boolean) => {
    if (visibleSince) engagedMs += Date.now() - visibleSince;
    visibleSince = visibleNow ? Date.now() : 0;
    if (url && engagedMs > 0)
      send({ type: 'engagement', url, engagedMs: Math.min(engagedMs, MAX_MS), scrollPct: depth });
    engagedMs = 0;
  };
  const visible = () => document.visibilityState === 'visible';

  document.addEventListener('visibilitychange', () => measure(visible()));
  // pagehide may come while still "visible"; the visibilitychange after it must not add a stray millisecond.
  addEventListener('pagehide', () => measure(false));
  addEventListener('scroll', scrolled, { passive: true });
  return (next) => {
    measure(visible());
    url = next;
    depth = 0;
    scrolled();
  };
}
