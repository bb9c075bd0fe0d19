import { describe, expect, it } from 'vitest';
import { drillInto, drillParams, parseGeoView } from './geo-view';

describe('geo view in the URL', () => {
  const parse = (q: string) => parseGeoView(new URLSearchParams(q));

  it('round-trips every drill level, including an unknown region', () => {
    for (const drill of [
      { level: 'country' },
      { level: 'region', country: 'CN' },
      { level: 'city', country: 'CN', region: 'GD' },
      { level: 'city', country: 'CN', region: '' },
    ] as const) {
      const q = new URLSearchParams(
        Object.entries(drillParams(drill)).filter((e): e is [string, string] => e[1] !== undefined),
      );
      expect(parseGeoView(q).drill).toEqual(drill);
    }
  });

  it('falls back to the world and visitors on anything malformed', () => {
    expect(parse('level=region')).toEqual({ metric: 'visitors', drill: { level: 'country' } });
    expect(parse('level=city&geoCountry=china&metric=bounce')).toEqual({
      metric: 'visitors',
      drill: { level: 'country' },
    });
    expect(parse('level=region&geoCountry=US&metric=chats')).toEqual({
      metric: 'chats',
      drill: { level: 'region', country: 'US' },
    });
  });

  it('drills country → region → city and stops there', () => {
    expect(drillInto({ level: 'country' }, 'CN')).toEqual({ level: 'region', country: 'CN' });
    expect(drillInto({ level: 'country' }, '')).toBeNull();
    expect(drillInto({ level: 'region', country: 'CN' }, '')).toEqual({ level: 'city', country: 'CN', region: '' });
    expect(drillInto({ level: 'city', country: 'CN', region: 'GD' }, 'Shenzhen')).toBeNull();
  });
});
