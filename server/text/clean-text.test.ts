import { describe, expect, it } from 'vitest';
import { storeJson } from '../../clickhouse/store-json.ts';
import { cleanDeep, cleanText, parseCleanJson } from './clean-text.ts';

describe('cleanText', () => {
  it('repairs lone surrogates and keeps pairs', () => {
    expect(cleanText('a\ud800b')).toBe('a\ufffdb');
    expect(cleanText('\udc00')).toBe('\ufffd');
    expect(cleanText('cut \ud83d')).toBe('cut \ufffd');
    expect(cleanText('emoji \ud83d\ude00 and 中文')).toBe('emoji 😀 and 中文');
  });

  it('drops control characters except tab, line feed and carriage return', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f')).toBe('abcdef');
    expect(cleanText('line one\r\n\tline two')).toBe('line one\r\n\tline two');
  });

  it('returns clean text as it is', () => {
    const text = 'Pricing — LeadTrail 价格';
    expect(cleanText(text)).toBe(text);
  });
});

describe('cleanDeep and parseCleanJson', () => {
  it('cleans every string, keys included, and leaves other values alone', () => {
    expect(cleanDeep({ ['k\ud800']: ['v\u0000', 1, true, null, { deep: '\udfff' }] })).toEqual({
      ['k\ufffd']: ['v', 1, true, null, { deep: '\ufffd' }],
    });
  });

  it('parses what JSON.parse parses, escapes as a hostile client writes them', () => {
    expect(parseCleanJson('{"title":"bad \\ud800 title","n":"\\u0000x"}')).toEqual({
      title: 'bad \ufffd title',
      n: 'x',
    });
    expect(() => parseCleanJson('{')).toThrow(SyntaxError);
  });

  it('cleans what the short escapes and raw characters write, and returns clean text as parsed', () => {
    expect(parseCleanJson('["a\\bb","c\\fd","e\\u007ff","raw\u0085x\ud800"]')).toEqual([
      'ab',
      'cd',
      'ef',
      'rawx\ufffd',
    ]);
    expect(parseCleanJson('{"t":"tab\\t nl\\n cr\\r \\" \\\\ ok"}')).toEqual({ t: 'tab\t nl\n cr\r " \\ ok' });
  });
});

describe('storeJson', () => {
  it('never writes a lone surrogate escape, and writes everything else as JSON.stringify does', () => {
    expect(storeJson({ title: 'a\ud800', ['k\udc00']: 1 })).toBe('{"title":"a\ufffd","k\ufffd":1}');
    const plain = { path: '/p', text: 'a literal \\ud800 stays', list: [1, 'two'] };
    expect(storeJson(plain)).toBe(JSON.stringify(plain));
    expect(JSON.parse(storeJson(plain))).toEqual(plain);
  });
});
