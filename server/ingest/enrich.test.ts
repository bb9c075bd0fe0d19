import { describe, expect, it } from 'vitest';
import { enrich } from './enrich.ts';
import type { CollectPayload } from './payload.ts';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const payload = (events: CollectPayload['events']): CollectPayload => ({
  site: 'demo-shop',
  visitorId: 'visitor0001',
  sessionId: 'session0001',
  screen: '390x844',
  language: 'en-US',
  events,
});

describe('enrich', () => {
  it('resolves geo from the IP without keeping the IP', () => {
    const out = enrich(payload([{ type: 'pageview', url: 'https://shop.example/' }]), {
      ip: '::ffff:202.96.134.133',
      userAgent: CHROME_MAC,
      receivedAt: 1_700_000_000_000,
    });
    const row = out.events[0];
    expect(row).toMatchObject({ country: 'CN', region: 'GD' });
    expect(JSON.stringify(out)).not.toContain('202.96.134.133');
  });

  it('parses browser, OS and device', () => {
    const desktop = enrich(payload([{ type: 'pageview', url: 'https://shop.example/' }]), {
      ip: '8.8.8.8',
      userAgent: CHROME_MAC,
      receivedAt: 1,
    }).events[0];
    const phone = enrich(payload([{ type: 'pageview', url: 'https://shop.example/' }]), {
      ip: '8.8.8.8',
      userAgent: IPHONE,
      receivedAt: 1,
    }).events[0];
    expect(desktop).toMatchObject({
      browser: 'Chrome',
      browser_version: '126',
      os: 'Mac OS',
      device: 'desktop',
      country: 'US',
    });
    expect(phone).toMatchObject({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
  });

  it('keeps bots apart', () => {
    const out = enrich(payload([{ type: 'pageview', url: 'https://shop.example/p' }]), {
      ip: '66.249.66.1',
      userAgent: GOOGLEBOT,
      receivedAt: 5,
    });
    expect(out.events).toHaveLength(0);
    expect(out.bots).toEqual([expect.objectContaining({ site_id: 'demo-shop', path: '/p', type: 'pageview', ts: 5 })]);
    expect(out.bots[0]?.reason).not.toBe('');
  });

  it('treats an empty user agent as a bot', () => {
    const out = enrich(payload([{ type: 'pageview', url: 'https://shop.example/' }]), {
      ip: '8.8.8.8',
      userAgent: '',
      receivedAt: 5,
    });
    expect(out.bots[0]?.reason).toBe('empty user agent');
  });

  it('extracts referrer domain, UTM tags and click ids from page views', () => {
    const url = 'https://shop.example/p?utm_source=Newsletter&utm_medium=Email&utm_campaign=Spring%20Sale&gclid=abc';
    const row = enrich(payload([{ type: 'pageview', url, referrer: 'https://www.baidu.com/s?wd=x' }]), {
      ip: '8.8.8.8',
      userAgent: CHROME_MAC,
      receivedAt: 1,
    }).events[0];
    expect(row).toMatchObject({
      referrer_domain: 'baidu.com',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'Spring Sale',
      click_id_type: 'gclid',
      click_id: 'abc',
      path: '/p',
    });
  });

  it('drops internal referrers', () => {
    const row = enrich(
      payload([{ type: 'pageview', url: 'https://shop.example/b', referrer: 'https://www.shop.example/a' }]),
      { ip: '8.8.8.8', userAgent: CHROME_MAC, receivedAt: 1 },
    ).events[0];
    expect(row?.referrer_domain).toBe('');
  });

  it('writes identities and orders beside their events', () => {
    const out = enrich(
      payload([
        { type: 'identify', url: 'https://shop.example/', email: 'Li@Example.COM', name: 'Li Lei' },
        { type: 'order', url: 'https://shop.example/', orderId: 'o-9', value: 12.5, currency: 'CNY' },
      ]),
      { ip: '8.8.8.8', userAgent: CHROME_MAC, receivedAt: 100 },
    );
    expect(out.identities).toEqual([
      expect.objectContaining({ visitor_id: 'visitor0001', email: 'li@example.com', name: 'Li Lei' }),
    ]);
    expect(out.orders).toEqual([
      expect.objectContaining({ order_id: 'o-9', value: 12.5, currency: 'CNY', status: 'placed', origin: 'snippet' }),
    ]);
    expect(out.events.map((e) => e.type)).toEqual(['identify', 'order']);
    expect(out.events[1]).toMatchObject({ order_id: 'o-9', revenue: 12.5 });
  });

  it('keeps the gaps between batched events but never trusts the client clock further than an hour', () => {
    const out = enrich(
      payload([
        { type: 'pageview', url: 'https://shop.example/', ts: 1_000 },
        { type: 'engagement', url: 'https://shop.example/', engagedMs: 5, ts: 5_000 },
        { type: 'pageview', url: 'https://shop.example/old', ts: 5_000 - 10 * 3_600_000 },
      ]),
      { ip: '8.8.8.8', userAgent: CHROME_MAC, receivedAt: 50_000_000 },
    );
    expect(out.events.map((e) => e.ts)).toEqual([50_000_000 - 4_000, 50_000_000, 50_000_000 - 3_600_000]);
  });
});
