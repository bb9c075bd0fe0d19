import { describe, expect, it } from 'vitest';
import { placeKey } from '../contract/place-key.ts';
import { cityName, countryPlaceNames, regionName } from './place-names.ts';

describe('region names', () => {
  it('names ISO 3166-2 subdivisions in English from CLDR', () => {
    expect(regionName('CN', 'GD', 'en')).toBe('Guangdong');
    expect(regionName('CN', 'ZJ', 'en')).toBe('Zhejiang');
    expect(regionName('US', 'CA', 'en')).toBe('California');
    // Shaanxi and Shanxi sound alike; the codes keep them apart.
    expect(regionName('CN', 'SN', 'en')).toBe('Shaanxi');
    expect(regionName('CN', 'SX', 'en')).toBe('Shanxi');
  });

  it('names mainland provinces in Chinese through the pre-2017 numeric codes', () => {
    expect(regionName('CN', 'GD', 'zh')).toBe('广东省');
    expect(regionName('CN', 'BJ', 'zh')).toBe('北京市');
    expect(regionName('CN', 'SN', 'zh')).toBe('陕西省');
    expect(regionName('CN', 'SX', 'zh')).toBe('山西省');
    expect(regionName('CN', 'MN', 'zh')).toBe('内蒙古自治区');
    // Every province, region and municipality; Taiwan, Hong Kong, Macao are countries here.
    expect(Object.keys(countryPlaceNames('CN', 'zh').regions)).toHaveLength(31);
  });

  it('uses CLDR Chinese where it has it and English where no package does', () => {
    expect(regionName('GB', 'SCT', 'zh')).toBe('苏格兰');
    expect(regionName('US', 'CA', 'zh')).toBe('California');
  });

  it('falls back to the code for an unknown region and keeps the unresolved one empty', () => {
    expect(regionName('CN', 'ZZ', 'en')).toBe('ZZ');
    expect(regionName('CN', 'ZZ', 'zh')).toBe('ZZ');
    expect(regionName('XX', 'GD', 'en')).toBe('GD');
    expect(regionName('CN', '', 'zh')).toBe('');
  });
});

// [why, country, region, geoip city, locale, expected]
const CITIES: [string, string, string, string, 'en' | 'zh', string][] = [
  ['pinyin → Chinese within the province', 'CN', 'ZJ', 'Hangzhou', 'zh', '杭州'],
  ['pinyin → Chinese within the province', 'CN', 'GD', 'Guangzhou', 'zh', '广州'],
  ['pinyin → Chinese within the province', 'CN', 'GD', 'Shenzhen', 'zh', '深圳'],
  ['a municipality is its own city', 'CN', 'BJ', 'Beijing', 'zh', '北京'],
  ['an apostrophe in the pinyin', 'CN', 'SN', "Xi'an", 'zh', '西安'],
  ['a county-level city', 'CN', 'ZJ', 'Yiwu', 'zh', '义乌'],
  ['one sound, two provinces', 'CN', 'ZJ', 'Taizhou', 'zh', '台州'],
  ['one sound, two provinces', 'CN', 'JS', 'Taizhou', 'zh', '泰州'],
  ['one sound, two provinces', 'CN', 'JS', 'Suzhou', 'zh', '苏州'],
  ['one sound, two provinces', 'CN', 'AH', 'Suzhou', 'zh', '宿州'],
  ['ambiguous without the province: English stays', 'CN', '', 'Suzhou', 'zh', 'Suzhou'],
  ['unique in the country: found without the province', 'CN', '', 'Hangzhou', 'zh', '杭州'],
  ['not pinyin: English stays', 'CN', 'XJ', 'Urumqi', 'zh', 'Urumqi'],
  ['English interface', 'CN', 'ZJ', 'Hangzhou', 'en', 'Hangzhou'],
  ["other countries keep geoip's name", 'US', 'CA', 'San Jose', 'zh', 'San Jose'],
  ['the unresolved city', 'CN', 'GD', '', 'zh', ''],
];

describe('city names', () => {
  it.each(CITIES)('%s: %s %s %s (%s) → %s', (_why, country, region, city, locale, expected) => {
    expect(cityName(country, region, city, locale)).toBe(expected);
  });

  it('compares spellings by latin letters only', () => {
    expect(placeKey("Xi'an")).toBe('xian');
    expect(placeKey('Lüliang')).toBe('luliang');
  });
});
