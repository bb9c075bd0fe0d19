import { describe, expect, it } from 'vitest';
import { collectPayload, LIMITS } from './payload.ts';

const valid = {
  site: 'demo-shop',
  visitorId: 'v1234567890',
  sessionId: 's1234567890',
  screen: '1920x1080',
  language: 'zh-CN',
  events: [
    { type: 'pageview', url: 'https://shop.example/a?utm_source=x', referrer: 'https://www.google.com/', title: 'A' },
  ],
};

const withEvent = (event: object) => ({ ...valid, events: [event] });

describe('collectPayload', () => {
  it('accepts every event type the tracker sends', () => {
    const events = [
      { type: 'pageview', url: 'https://shop.example/' },
      { type: 'engagement', url: 'https://shop.example/', engagedMs: 1200 },
      { type: 'engagement', url: 'https://shop.example/', engagedMs: 1200, scrollPct: 100 },
      { type: 'outbound', url: 'https://shop.example/', href: 'https://example.org/' },
      { type: 'custom', url: 'https://shop.example/', name: 'signup', props: { plan: 'pro', seats: 3, trial: true } },
      { type: 'identify', url: 'https://shop.example/', email: 'a@b.co' },
      { type: 'order', url: 'https://shop.example/', orderId: 'o-1', value: 99.5, currency: 'CNY' },
      { type: 'exit_intent', url: 'https://shop.example/' },
    ];
    expect(collectPayload.safeParse({ ...valid, events }).success).toBe(true);
  });

  it.each([
    ['unknown event type', withEvent({ type: 'hack', url: 'https://shop.example/' })],
    ['extra key', withEvent({ type: 'pageview', url: 'https://shop.example/', evil: 1 })],
    ['javascript: url', withEvent({ type: 'pageview', url: 'javascript:alert(1)' })],
    ['oversized url', withEvent({ type: 'pageview', url: `https://shop.example/${'a'.repeat(LIMITS.url)}` })],
    [
      'oversized title',
      withEvent({ type: 'pageview', url: 'https://shop.example/', title: 'x'.repeat(LIMITS.title + 1) }),
    ],
    ['negative engagement', withEvent({ type: 'engagement', url: 'https://shop.example/', engagedMs: -1 })],
    [
      'scroll past the end',
      withEvent({ type: 'engagement', url: 'https://shop.example/', engagedMs: 5, scrollPct: 101 }),
    ],
    [
      'fractional scroll',
      withEvent({ type: 'engagement', url: 'https://shop.example/', engagedMs: 5, scrollPct: 50.5 }),
    ],
    ['empty identify', withEvent({ type: 'identify', url: 'https://shop.example/' })],
    ['bad email', withEvent({ type: 'identify', url: 'https://shop.example/', email: 'nope' })],
    [
      'bad currency',
      withEvent({ type: 'order', url: 'https://shop.example/', orderId: 'o', value: 1, currency: 'yuan' }),
    ],
    [
      'NaN value',
      withEvent({ type: 'order', url: 'https://shop.example/', orderId: 'o', value: Number.NaN, currency: 'CNY' }),
    ],
    [
      'too many props',
      withEvent({
        type: 'custom',
        url: 'https://shop.example/',
        name: 'n',
        props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])),
      }),
    ],
    [
      'object prop value',
      withEvent({ type: 'custom', url: 'https://shop.example/', name: 'n', props: { a: { b: 1 } } }),
    ],
    ['short visitor id', { ...valid, visitorId: 'abc' }],
    ['visitor id with spaces', { ...valid, visitorId: 'abc def ghi' }],
    ['no events', { ...valid, events: [] }],
    [
      'too many events',
      { ...valid, events: Array.from({ length: LIMITS.eventsPerRequest + 1 }, () => valid.events[0]) },
    ],
    ['bad screen', { ...valid, screen: '<script>' }],
  ])('rejects %s', (_name, payload) => {
    expect(collectPayload.safeParse(payload).success).toBe(false);
  });
});
