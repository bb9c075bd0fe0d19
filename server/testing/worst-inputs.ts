import { matchesPattern } from '../chat/rule-match.ts';
import { renderDemoShop } from '../demo/shop.ts';
import { readCookie } from '../auth/cookies.ts';
import { collectPayload } from '../ingest/payload.ts';
import { parseUserAgent } from '../ingest/user-agent.ts';
import { orderApiInput } from '../orders/order-schema.ts';
import { visitorToServer } from '../contract/channels.ts';
import { siteInput } from '../trpc/routers/site.ts';

// Every pattern matcher that sees text from outside, fed the input that costs it most.
// The test (worst-inputs.test.ts) checks each answer; the benchmark (bench/regex.ts) times
// them, and times the code replaced where there was one. Inputs are as long as the way in
// allows: 64 KB for an ingest or orders body, 16 KB for a socket frame or a header (Node's
// default header limit), 2 KB for a URL path.

/** The code the fixes replaced, kept as the benchmark's "before" and the reference semantics. */
export const legacy = {
  matchesPattern(text: string, pattern: string): boolean {
    const p = pattern.toLowerCase();
    const t = text.toLowerCase();
    if (!p.includes('*')) return t.includes(p);
    const re = new RegExp(
      `^${p
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(t);
  },
  trimTrailingSlashes: (path: string) => path.replace(/\/+$/, ''),
};

export interface WorstCase {
  name: string;
  /** Where the text comes from and who can send it. */
  source: string;
  run(): unknown;
  expected: unknown;
  /** The same input through the code that was replaced. */
  before?: () => unknown;
}

const REVIEWS_RULE = '*/en/*/p/*/reviews*';
/** Many near-misses for every star: each `/en/` and `/p/` is a place the old regex could try. */
const craftedPath = `/${'en/p/'.repeat(340)}`;
const craftedPath2 = `/en${'/p'.repeat(1000)}/review`;
const slashes = `/demo${'/'.repeat(15_000)}`;
const slashesThenText = `${slashes}x`;

const issuePath = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
) => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : (r.error?.issues[0]?.path.join('.') ?? '?');
};
const payload = (over: Record<string, unknown>, event: Record<string, unknown> = {}) => ({
  site: 'site-test-1',
  visitorId: 'visitor-aaaa',
  sessionId: 'session-aaaa',
  events: [{ type: 'pageview', url: 'https://shop.example/', ...event }],
  ...over,
});
/** parseUserAgent caches by the whole string; a fresh tail makes every call parse. */
let uaCalls = 0;
const freshUa = (ua: string) => `${ua}${uaCalls++}`;
const order = (over: Record<string, unknown>) => ({
  site: 'site-test-1',
  orderId: 'A-1',
  status: 'paid',
  value: 1,
  currency: 'CNY',
  ...over,
});

export const WORST_CASES: WorstCase[] = [
  {
    name: 'invitation rule glob, 2 KB path of near-misses',
    source: "page paths of any visitor (ingest, /ws/visitor) against a manager's rule",
    run: () => matchesPattern(craftedPath, REVIEWS_RULE),
    expected: false,
    before: () => legacy.matchesPattern(craftedPath, REVIEWS_RULE),
  },
  {
    name: 'invitation rule glob, 2 KB path, last part missing',
    source: 'as above',
    run: () => matchesPattern(craftedPath2, REVIEWS_RULE),
    expected: false,
    before: () => legacy.matchesPattern(craftedPath2, REVIEWS_RULE),
  },
  {
    name: 'invitation rule glob, 2 KB path that matches',
    source: 'as above',
    run: () => matchesPattern(`${craftedPath}reviews/x`, REVIEWS_RULE),
    expected: true,
    before: () => legacy.matchesPattern(`${craftedPath}reviews/x`, REVIEWS_RULE),
  },
  {
    // The old regex needs ~n^(stars+1) steps here: 1.3 s at 30 characters, hours at 2 KB.
    name: 'invitation rule glob `*a*a…*b` (10 stars), 16 KB text; before: 24 characters',
    source: 'a rule pattern (≤ 256 characters, managers) against any path',
    run: () => matchesPattern('a'.repeat(16_000), `${'*a'.repeat(10)}*b`),
    expected: false,
    before: () => legacy.matchesPattern('a'.repeat(24), `${'*a'.repeat(10)}*b`),
  },
  {
    name: '/demo trailing slashes, 15 KB of slashes',
    source: 'any URL under /demo',
    run: () => renderDemoShop(slashes, 'demo-shop').status,
    expected: 200,
    before: () => legacy.trimTrailingSlashes(slashes),
  },
  {
    name: '/demo trailing slashes, 15 KB of slashes then a letter',
    source: 'any URL under /demo',
    run: () => renderDemoShop(slashesThenText, 'demo-shop').status,
    expected: 404,
    before: () => legacy.trimTrailingSlashes(slashesThenText),
  },
  {
    name: 'ingest ids [A-Za-z0-9_-]{8,64}, 60 KB',
    source: 'POST /api/collect body',
    run: () => issuePath(collectPayload, payload({ visitorId: 'a'.repeat(60_000) })),
    expected: 'visitorId',
  },
  {
    name: 'ingest screen \\d{2,5}x\\d{2,5}, 60 KB of digits',
    source: 'POST /api/collect body',
    run: () => issuePath(collectPayload, payload({ screen: '1'.repeat(60_000) })),
    expected: 'screen',
  },
  {
    name: 'ingest identify email (zod), 60 KB of "a."',
    source: 'POST /api/collect body',
    run: () => issuePath(collectPayload, payload({}, { type: 'identify', email: `${'a.'.repeat(30_000)}@` })),
    expected: 'events.0.email',
  },
  {
    name: 'ingest identify phone [+0-9 ()-]{3,32}, 60 KB',
    source: 'POST /api/collect body',
    run: () => issuePath(collectPayload, payload({}, { type: 'identify', phone: '1 '.repeat(30_000) })),
    expected: 'events.0.phone',
  },
  {
    name: 'ingest order currency [A-Z]{3}, 60 KB',
    source: 'POST /api/collect body',
    run: () =>
      issuePath(collectPayload, payload({}, { type: 'order', orderId: 'o1', value: 1, currency: 'A'.repeat(60_000) })),
    expected: 'events.0.currency',
  },
  {
    name: 'orders API email (zod), 60 KB domain of "a-"',
    source: 'POST /api/orders body',
    run: () => issuePath(orderApiInput, order({ email: `a@${'a-'.repeat(30_000)}!` })),
    expected: 'email',
  },
  {
    name: 'orders API visitorId and phone, 60 KB',
    source: 'POST /api/orders body',
    run: () => [
      issuePath(orderApiInput, order({ visitorId: '_'.repeat(60_000) })),
      issuePath(orderApiInput, order({ phone: '('.repeat(60_000) })),
    ],
    expected: ['visitorId', 'phone'],
  },
  {
    name: 'visitor socket chat.request email (zod), 16 KB',
    source: '/ws/visitor frame',
    run: () => issuePath(visitorToServer, { type: 'chat.request', email: `${"a'".repeat(8_000)}@x` }),
    expected: 'email',
  },
  {
    name: 'visitor socket hello url (new URL + ^https?$), 16 KB',
    source: '/ws/visitor frame',
    run: () =>
      issuePath(visitorToServer, {
        type: 'hello',
        site: 'site-test-1',
        visitorId: 'visitor-aaaa',
        sessionId: 'session-aaaa',
        url: `https://${'a.'.repeat(8_000)}`,
      }),
    expected: 'url',
  },
  {
    name: 'site domains (tRPC, admins), 16 KB of "a."',
    source: 'settings → sites',
    run: () =>
      issuePath(siteInput, { name: 'x', domains: [`${'a.'.repeat(8_000)}!`], timeZone: 'UTC', respectDnt: false }),
    expected: 'domains.0',
  },
  {
    name: 'user agent (ua-parser-js, isbot), 16 KB without spaces',
    source: 'User-Agent header of any request to /api/collect',
    run: () => parseUserAgent(freshUa(`Mozilla/5.0${'('.repeat(16_000)}`)).bot !== '',
    expected: true,
  },
  {
    name: 'user agent (ua-parser-js, isbot), 16 KB of a browser-like string',
    source: 'User-Agent header',
    run: () => {
      const client = parseUserAgent(
        freshUa(
          `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36${' (KHTML, like Gecko) Safari/537.36'.repeat(470)}`,
        ),
      );
      return [client.browser, client.bot];
    },
    expected: ['Chrome', ''],
  },
  {
    name: 'user agent, 16 KB of spaces then a word',
    source: 'User-Agent header',
    run: () => parseUserAgent(freshUa(`${' '.repeat(16_000)}x`)).bot !== '',
    expected: true,
  },
  {
    name: 'session cookie, 16 KB header of "a=;"',
    source: 'Cookie header',
    run: () => readCookie('a=;'.repeat(5_000), 'lt_session'),
    expected: null,
  },
];
