import { describe, expect, it } from 'vitest';
import { isStopWord, normalizeText, terms } from './terms.ts';

describe('normalizeText', () => {
  it('folds full-width forms to half-width and lower-cases', () => {
    expect(normalizeText('ＲＥＴＵＲＮ　１２３，？')).toBe('return 123,?');
  });

  it('turns traditional Chinese into simplified', () => {
    expect(normalizeText('請問運費多少？退貨要幾天')).toBe('请问运费多少?退货要几天');
  });

  it('leaves text without Han characters alone but for case', () => {
    expect(normalizeText('Where is My Order')).toBe('where is my order');
  });
});

describe('terms', () => {
  it('splits English on words and drops stop words', () => {
    expect(terms('Where is my order? I am shipping to Canada!')).toEqual(['order', 'shipping', 'canada']);
  });

  it('stems English words only when asked', () => {
    expect(terms('returns shipping invoices', { stem: true })).toEqual(['return', 'ship', 'invoic']);
    expect(terms('returns')).toEqual(['returns']);
  });

  it('segments Chinese and joins shop words the dictionary splits', () => {
    // ICU alone gives 退|货 and 尺|码.
    expect(terms('我想退货，衣服尺码不合适')).toEqual(['退货', '衣服', '尺码', '不', '合适']);
    expect(terms('包邮吗')).toEqual(['包邮']);
  });

  it('gives traditional, simplified and full-width text the same terms', () => {
    expect(terms('請問運費多少？退貨要幾天')).toEqual(terms('请问运费多少?退货要几天'));
    expect(terms('ＲＥＴＵＲＮＳ ｐｏｌｉｃｙ')).toEqual(terms('returns policy'));
  });

  it('adds Han bigrams for words the segmenter cuts wrongly', () => {
    // 开发票 segments as 开发|票; the bigram 发票 still matches an article about invoices.
    expect(terms('怎么开发票')).not.toContain('发票');
    expect(terms('怎么开发票', { cjkBigrams: true })).toContain('发票');
  });

  it('keeps stop words when asked and knows both languages', () => {
    expect(terms('the order', { stopWords: false })).toEqual(['the', 'order']);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('的')).toBe(true);
    expect(isStopWord('退货')).toBe(false);
  });

  it('keeps mixed text, numbers and apostrophes', () => {
    expect(terms("Size M 的T恤 can't fit after 30 days")).toEqual([
      'size',
      'm',
      't',
      '恤',
      'cant',
      'fit',
      'after',
      '30',
      'days',
    ]);
    expect(terms('')).toEqual([]);
  });
});
