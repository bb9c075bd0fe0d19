import { describe, expect, it } from 'vitest';
import { collectPayload, LIMITS } from './payload.ts';
import { isPlainValid, parsePayload } from './payload-check.ts';

const base = {
  site: 'demo-shop',
  visitorId: 'visitor-0001',
  sessionId: 'session-0001',
  screen: '1920x1080',
  language: 'zh-CN',
  events: [
    {
      type: 'pageview',
      url: 'https://shop.example/a?utm_source=x',
      referrer: 'https://www.baidu.com/',
      title: 'A',
      ts: 5,
    },
    { type: 'engagement', url: 'https://shop.example/a', engagedMs: 1200, scrollPct: 40, ts: 9 },
    { type: 'outbound', url: 'https://shop.example/a', href: 'http://other.example/', ts: 10 },
    {
      type: 'custom',
      url: 'https://shop.example/a',
      name: 'add_to_cart',
      props: { sku: 'A1', qty: 2, gift: false },
      ts: 11,
    },
    { type: 'exit_intent', url: 'https://shop.example/a', ts: 12 },
  ],
};
type Json = Record<string, unknown>;
const event = (i: number, over: Json): Json => ({ ...base, events: [{ ...base.events[i], ...over }] });

// Values each field must refuse or accept at the edge: every one is tried on every field.
const odd: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'a'.repeat(7),
  'a'.repeat(8),
  'a'.repeat(64),
  'a'.repeat(65),
  'a b c d e f',
  'ftp://shop.example/',
  'javascript:alert(1)',
  'https://',
  'https://shop.example/' + 'p'.repeat(LIMITS.url),
  'https://shop.example/ok',
  't'.repeat(LIMITS.title + 1),
  '99x99',
  '1x1',
  '123456x1',
  -1,
  0,
  1.5,
  100,
  101,
  24 * 3600 * 1000 + 1,
  Number.MAX_SAFE_INTEGER + 2,
  Number.NaN,
  Infinity,
  true,
  [],
  {},
  ['https://shop.example/'],
];

function inputs(): unknown[] {
  const out: unknown[] = [base, { ...base, screen: undefined }, { ...base, events: [] }];
  out.push({ ...base, events: Array.from({ length: LIMITS.eventsPerRequest + 1 }, () => base.events[0]) });
  out.push({ ...base, events: Array.from({ length: LIMITS.eventsPerRequest }, () => base.events[1]) });
  for (const v of odd) {
    for (const key of ['site', 'visitorId', 'sessionId', 'screen', 'language', 'events', 'extra'])
      out.push({ ...base, [key]: v });
    for (const [i, keys] of [
      [0, ['type', 'url', 'ts', 'referrer', 'title', 'engagedMs', 'name']],
      [1, ['type', 'url', 'ts', 'engagedMs', 'scrollPct', 'title']],
      [2, ['type', 'url', 'ts', 'href', 'referrer']],
      [3, ['type', 'url', 'ts', 'name', 'props', 'href']],
      [4, ['type', 'url', 'ts', 'title']],
    ] as const)
      for (const key of keys) out.push(event(i, { [key]: v }));
  }
  for (const type of ['custom', 'identify', 'order', 'exit_intent', 'nope', 'PAGEVIEW'])
    out.push(event(0, { type }), { ...base, events: [{ type, url: 'https://shop.example/' }] });
  out.push(
    JSON.parse(
      '{"site":"demo-shop","visitorId":"visitor-0001","sessionId":"session-0001","__proto__":{"x":1},"events":[{"type":"pageview","url":"https://a.example/"}]}',
    ),
  );
  out.push({ ...base, events: [Object.assign(Object.create({ title: 'inherited' }), base.events[0])] });
  return out;
}

describe('the hand check of common payloads', () => {
  it('accepts only what the schema accepts, with the same data, and decides the common requests alone', () => {
    let alone = 0;
    const all = inputs();
    for (const input of all) {
      const schema = collectPayload.safeParse(input);
      const fast = parsePayload(input);
      if (isPlainValid(input)) {
        alone++;
        expect(schema.success, JSON.stringify(input)).toBe(true);
        expect(fast.data).toEqual(schema.data);
      }
      expect(fast.success).toBe(schema.success);
    }
    expect(isPlainValid(base)).toBe(true);
    // Most edge values are refused, and many accepted inputs still reach the schema's side.
    expect(alone).toBeGreaterThan(30);
    expect(alone).toBeLessThan(all.length / 2);
  });
});
