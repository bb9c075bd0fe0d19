// LeadTrail's snippet: <script async src="https://host/t.js" data-site="SITE_KEY"></script>
import { createCommands } from './commands';
import { trackExitIntent } from './exit-intent';
import { startLiveFeatures, type LiveContext } from './live';
import { trackOutbound } from './outbound';
import { trackPages } from './pages';
import { createSender } from './send';

/** window.leadtrail: the page's queueing stub until this script replaces it with the live API. */
interface Api {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
  live?: boolean;
  /** For w.js: who and where this visitor is. */
  c?: () => LiveContext;
}

declare global {
  interface Window {
    leadtrail?: Api;
  }
}

function doNotTrack(script: HTMLScriptElement): boolean {
  const signal = navigator.doNotTrack || (window as { doNotTrack?: string }).doNotTrack;
  return script.getAttribute('data-dnt') === 'true' && signal === '1';
}

function start(): void {
  const script = (document.currentScript || document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  const site = script && script.getAttribute('data-site');
  const stub = window.leadtrail;
  // A second copy of the tag (hard-coded and via a tag manager) must not count everything twice.
  if (!script || !site || (stub && stub.live) || doNotTrack(script)) return;

  const send = createSender(new URL(script.getAttribute('data-api') || '/api/collect', script.src).href, site);
  trackOutbound(send);
  const rearmExitIntent = trackExitIntent(send);
  const pageview = trackPages(send, rearmExitIntent);
  const command = createCommands(send, pageview);

  pageview();
  for (const args of Array.from((stub && stub.q) || [])) command(...(Array.from(args) as [unknown, ...unknown[]]));
  window.leadtrail = Object.assign(command, { live: true, c: startLiveFeatures(script.src, site) });
}

start();
