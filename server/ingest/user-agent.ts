import { isbot, isbotMatch } from 'isbot';
import { UAParser } from 'ua-parser-js';

export interface Client {
  browser: string;
  browserVersion: string;
  os: string;
  device: 'desktop' | 'mobile' | 'tablet';
  /** Why this UA counts as a bot, or '' for a person. */
  bot: string;
}

// Real traffic repeats a few hundred UA strings; parsing is the costliest step of
// enrichment, so results are cached (bounded, oldest evicted first).
const cache = new Map<string, Client>();
const CACHE_MAX = 5_000;

export function parseUserAgent(ua: string): Client {
  const hit = cache.get(ua);
  if (hit) return hit;
  const client = parse(ua);
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(ua, client);
  return client;
}

function parse(ua: string): Client {
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  return {
    browser: r.browser.name ?? '',
    browserVersion: r.browser.major ?? '',
    os: r.os.name ?? '',
    device: type === 'mobile' || type === 'wearable' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop',
    bot: botReason(ua),
  };
}

function botReason(ua: string): string {
  if (ua.trim() === '') return 'empty user agent';
  if (!isbot(ua)) return '';
  return isbotMatch(ua) ?? 'bot';
}
