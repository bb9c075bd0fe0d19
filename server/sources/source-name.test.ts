import { describe, expect, it } from 'vitest';
import { DIRECT, pageSource, sourceName } from './source-name.ts';

describe('sourceName', () => {
  it.each([
    ['baidu', 'Baidu'],
    ['Baidu', 'Baidu'],
    ['baidu.com', 'Baidu'],
    ['www.baidu.com', 'Baidu'],
    ['m.baidu.com', 'Baidu'],
    ['google', 'Google'],
    ['google.com', 'Google'],
    ['google.co.uk', 'Google'],
    ['www.google.de', 'Google'],
    ['fb', 'Facebook'],
    ['facebook', 'Facebook'],
    ['l.facebook.com', 'Facebook'],
    ['lm.facebook.com', 'Facebook'],
    ['m.facebook.com', 'Facebook'],
    ['wechat', 'WeChat'],
    ['weixin', 'WeChat'],
    ['mp.weixin.qq.com', 'WeChat'],
    ['weibo', 'Weibo'],
    ['weibo.com', 'Weibo'],
    ['bing', 'Bing'],
    ['cn.bing.com', 'Bing'],
    ['t.co', 'Twitter'],
    ['x.com', 'Twitter'],
  ])('names the known source %s as %s', (value, name) => {
    expect(sourceName(value)).toBe(name);
  });

  it('keeps an unknown host without www. or m., and an unknown word as it is', () => {
    expect(sourceName('www.example.org')).toBe('example.org');
    expect(sourceName('m.example.org')).toBe('example.org');
    expect(sourceName('blog.example.org')).toBe('blog.example.org');
    expect(sourceName('newsletter')).toBe('newsletter');
  });

  it('maps a name it gave to itself, so filter values pass through again', () => {
    for (const v of ['Baidu', 'Yahoo!', 'WeChat', 'example.org', 'newsletter', DIRECT])
      expect(sourceName(sourceName(v))).toBe(sourceName(v));
    expect(sourceName('')).toBe(DIRECT);
  });
});

describe('pageSource', () => {
  it('takes the UTM source first, then the referrer, else (direct)', () => {
    expect(pageSource('baidu', 'google.com')).toBe('Baidu');
    expect(pageSource('', 'm.baidu.com')).toBe('Baidu');
    expect(pageSource('', '')).toBe(DIRECT);
  });
});
