import { describe, expect, it } from 'vitest';
import { placeKey } from './place-key.ts';
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

describe('city names', () => {
  it('turns geoip-lite pinyin into Chinese within the province', () => {
    expect(cityName('CN', 'ZJ', 'Hangzhou', 'zh')).toBe('杭州');
    expect(cityName('CN', 'GD', 'Guangzhou', 'zh')).toBe('广州');
    expect(cityName('CN', 'GD', 'Shenzhen', 'zh')).toBe('深圳');
    expect(cityName('CN', 'BJ', 'Beijing', 'zh')).toBe('北京');
    expect(cityName('CN', 'SN', "Xi'an", 'zh')).toBe('西安');
    expect(cityName('CN', 'ZJ', 'Yiwu', 'zh')).toBe('义乌');
  });

  it('tells apart cities of one sound by their province', () => {
    expect(cityName('CN', 'ZJ', 'Taizhou', 'zh')).toBe('台州');
    expect(cityName('CN', 'JS', 'Taizhou', 'zh')).toBe('泰州');
    expect(cityName('CN', 'JS', 'Suzhou', 'zh')).toBe('苏州');
    expect(cityName('CN', 'AH', 'Suzhou', 'zh')).toBe('宿州');
    // Without the province the sound is ambiguous: the English name stays.
    expect(cityName('CN', '', 'Suzhou', 'zh')).toBe('Suzhou');
    // Unique in the country: found without the province.
    expect(cityName('CN', '', 'Hangzhou', 'zh')).toBe('杭州');
  });

  it('keeps the English name where the package has none, and in English', () => {
    expect(cityName('CN', 'XJ', 'Urumqi', 'zh')).toBe('Urumqi');
    expect(cityName('CN', 'ZJ', 'Hangzhou', 'en')).toBe('Hangzhou');
    expect(cityName('US', 'CA', 'San Jose', 'zh')).toBe('San Jose');
    expect(cityName('CN', 'GD', '', 'zh')).toBe('');
  });

  it('compares spellings by latin letters only', () => {
    expect(placeKey("Xi'an")).toBe('xian');
    expect(placeKey('Lüliang')).toBe('luliang');
  });
});
