// LeadTrail tracking snippet: <script async src="…/t.js" data-site="SITE_KEY"></script>
import { createCommands } from './commands';
import { sessionId, visitorId } from './ids';
import { pageUrl, trackPages } from './page';
import { startPresence } from './presence';
import { createSender } from './send';

type Queued = { q?: ArrayLike<unknown>[] } & ((...args: unknown[]) => void);
declare global {
  interface Window {
    leadtrail?: Queued;
  }
}

(() => {
  const script = (document.currentScript ?? document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  const site = script?.getAttribute('data-site');
  if (!script || !site) return;
  const dnt = navigator.doNotTrack === '1' || (window as { doNotTrack?: string }).doNotTrack === '1';
  if (script.getAttribute('data-dnt') === 'true' && dnt) return;

  const endpoint = script.getAttribute('data-api') ?? new URL('/api/collect', script.src).href;
  const send = createSender(endpoint, site, () => ({ visitorId: visitorId(), sessionId: sessionId() }));
  const { pageview } = trackPages(send);
  const command = createCommands(send, pageview);

  const queued = window.leadtrail?.q ?? [];
  pageview();
  for (const args of Array.from(queued)) command(...(Array.from(args) as [string, ...unknown[]]));
  window.leadtrail = ((name: string, ...args: unknown[]) => command(name, ...args)) as Queued;

  const ws = new URL('/ws/visitor', script.src);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  startPresence(ws.href, () => ({ site, visitorId: visitorId(), sessionId: sessionId(), url: pageUrl() }));
})();
