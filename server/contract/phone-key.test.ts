import { describe, expect, it } from 'vitest';
import { phoneKey, phoneSearchDigits, regionOfTimeZone } from './phone-key.ts';

describe('phoneKey', () => {
  it('reads national, +country and 00 spellings of one number as its E.164 in the region', () => {
    for (const raw of ['+86 138 0013 8000', '138 0013 8000', '008613800138000', '(+86) 138-0013-8000'])
      expect(phoneKey(raw, 'CN')).toBe('+8613800138000');
    expect(phoneKey('030 1234567', 'DE')).toBe('+49301234567');
    // A foreign number keeps its own country, whatever the site's region.
    expect(phoneKey('+49 30 1234567', 'CN')).toBe('+49301234567');
  });

  it('without a region reads only a number that names its country, else keys its digits', () => {
    expect(phoneKey('+86 138 0013 8000')).toBe('+8613800138000');
    expect(phoneKey('0086 138 0013 8000')).toBe('+8613800138000');
    expect(phoneKey('138-0013-8000')).toBe('13800138000');
    expect(phoneKey('12345', 'CN')).toBe('12345');
    expect(phoneKey('', 'CN')).toBe('');
  });
});

describe('regionOfTimeZone', () => {
  it('maps a zone to the one country it belongs to, and zones of no country to none', () => {
    expect(regionOfTimeZone('Asia/Shanghai')).toBe('CN');
    expect(regionOfTimeZone('Europe/Berlin')).toBe('DE');
    expect(regionOfTimeZone('America/New_York')).toBe('US');
    expect(regionOfTimeZone('Asia/Kolkata')).toBe('IN');
    expect(regionOfTimeZone('UTC')).toBeUndefined();
    expect(regionOfTimeZone('Not/AZone')).toBeUndefined();
  });
});

describe('phoneSearchDigits', () => {
  it('takes a search written like a phone as the digits of its key, anything else as no phone', () => {
    expect(phoneSearchDigits('138-0013-8000')).toBe('13800138000');
    expect(phoneSearchDigits('(030) 1234567')).toBe('301234567');
    expect(phoneSearchDigits('+86 138')).toBe('86138');
    expect(phoneSearchDigits('1380')).toBe('');
    expect(phoneSearchDigits('order 13800138000')).toBe('');
  });
});
