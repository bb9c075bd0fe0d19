// Which pages a visit goes through and how long each is read: a walk over the shop's
// link graph from a landing page that depends on where the visitor came from.
import type { Source } from './demo-sources.ts';
import { PAGES, PRODUCTS, type Page } from './demo-world.ts';
import { weightedPicker, type Random } from './random.ts';

export const SHOP_ORIGIN = 'https://shop.example';
const MAX_READ_MS = 20 * 60_000;

export interface PlannedPage {
  path: string;
  /** Absolute URL as the tracker reports it (location.href). */
  url: string;
  title: string;
  /** How long the visitor stays before moving on (before chats stretch it). */
  stayMs: number;
}

const PAGE_BY_PATH = new Map(PAGES.map((p) => [p.path, p]));
const NEXT = new Map(PAGES.map((p) => [p.path, weightedPicker(Object.entries(p.next), ([, w]) => w)]));
const CHECKOUT_PATHS = new Set(['/cart', '/checkout']);

function page(path: string): Page {
  const found = PAGE_BY_PATH.get(path);
  if (!found) throw new Error(`demo world has no page ${path}`);
  return found;
}

function clickIdValue(rnd: Random, kind: Source['clickId']): string {
  const body = rnd.trackerId(0).slice(0, 16);
  if (kind === 'gclid') return `Cj0KCQjw${body}BhAREiwA`;
  if (kind === 'fbclid') return `IwAR${body}${rnd.int(100, 999)}`;
  return body;
}

function visit(rnd: Random, path: string, query: string): PlannedPage {
  const p = page(path);
  // Reading times are skewed: most glance, a few read for minutes.
  const stayMs = Math.min(MAX_READ_MS, Math.round(p.readSeconds * 1000 * (0.15 + rnd.exp(0.85))));
  return { path, url: SHOP_ORIGIN + path + query, title: p.title, stayMs };
}

/** The pages of one visit, 1–6 of them; an order later appends the cart and checkout. */
export function planPages(rnd: Random, source: Source, landing: string, mobile: boolean): PlannedPage[] {
  let query = source.query;
  if (source.clickId) query += `${query ? '&' : ''}${source.clickId}=${clickIdValue(rnd, source.clickId)}`;
  const pages = [visit(rnd, landing, query ? `?${query}` : '')];
  const bounce = rnd.chance(mobile ? 0.45 : 0.36);
  const count = bounce ? 1 : Math.min(6, 2 + Math.floor(rnd.exp(mobile ? 1.2 : 1.7)));
  while (pages.length < count) {
    const current = (pages[pages.length - 1] as PlannedPage).path;
    // Product pages have tabs that switch with history.pushState: a single-page-app view.
    if (current.startsWith('/products/') && rnd.chance(0.15)) {
      const tab = rnd.pick(['reviews', 'shipping', 'details']);
      pages.push({ ...visit(rnd, current, ''), url: `${SHOP_ORIGIN}${current}?tab=${tab}` });
      continue;
    }
    const picker = NEXT.get(current);
    const [next] = picker ? picker(rnd) : ['/'];
    pages.push(visit(rnd, CHECKOUT_PATHS.has(next) && next !== '/cart' ? '/' : next, ''));
  }
  return pages;
}

/** A buyer goes on to the cart (unless already there) and the checkout. */
export function appendCheckout(rnd: Random, pages: PlannedPage[]): void {
  if (pages[pages.length - 1]?.path !== '/cart') pages.push(visit(rnd, '/cart', ''));
  const checkout = visit(rnd, '/checkout', '');
  pages.push({ ...checkout, stayMs: Math.max(checkout.stayMs, 60_000) });
}

/** The product a buyer orders: the last one looked at, else any. */
export function productOf(rnd: Random, pages: readonly PlannedPage[]) {
  for (let i = pages.length - 1; i >= 0; i--) {
    const path = pages[i]?.path ?? '';
    const product = PRODUCTS.find((p) => `/products/${p.slug}` === path);
    if (product) return product;
  }
  return rnd.pick(PRODUCTS);
}
