import { describe, expect, it } from 'vitest';
import { lookupGeo } from '../ingest/geo.ts';
import { parseUserAgent } from '../ingest/user-agent.ts';
import { BOT_AGENTS, PLACES, USER_AGENTS } from './demo-world.ts';

describe('demo world', () => {
  it.each(PLACES.flatMap((p) => p.ips.map((ip) => [ip, p.country, p.city] as const)))(
    '%s resolves to %s / %s with geoip-lite',
    (ip, country, city) => {
      expect(lookupGeo(ip)).toMatchObject({ country, city });
    },
  );

  it('uses user agents that parse as people, and bot agents that parse as bots', () => {
    for (const { ua } of USER_AGENTS) expect(parseUserAgent(ua).bot).toBe('');
    for (const ua of BOT_AGENTS) expect(parseUserAgent(ua).bot).not.toBe('');
    expect(new Set(USER_AGENTS.map((a) => parseUserAgent(a.ua).device))).toEqual(
      new Set(['desktop', 'mobile', 'tablet']),
    );
  });
});
