import { describe, expect, it } from 'vitest';
import { isFiller, queryWords, unswap } from './query-terms.ts';

describe('query terms', () => {
  const known = new Set(['return', 'card', 'size', 'later', 'alter']);
  const has = (t: string) => known.has(t);

  it('puts back one swapped pair only when exactly one known word comes out', () => {
    expect(unswap('retrun', has)).toBe('return');
    expect(unswap('crad', has)).toBe('card');
    // A known word is no typo, an unknown one with no known swap stays, and short ones are left.
    expect(unswap('later', has)).toBeNull();
    expect(unswap('zzzz', has)).toBeNull();
    expect(unswap('siez', has)).toBe('size');
    // Two readings: no guess.
    expect(unswap('bacd', (t) => t === 'abcd' || t === 'badc')).toBeNull();
    expect(unswap('abc', () => true)).toBeNull();
  });

  it('knows filler in the form the tokenizer gives it (stemmed)', () => {
    expect(isFiller('wonder')).toBe(true);
    expect(isFiller('possibl')).toBe(true);
    expect(isFiller('refund')).toBe(false);
  });

  it('gives the index’s terms, without filler, and keeps unknown words’ spelling', () => {
    const known = new Set(['return', 'ship', 'express']);
    const words = queryWords('I was wondering how to retrun my expres shipping', (t) => known.has(t));
    expect(words.typed).toEqual(['return', 'expr', 'ship']);
    expect([...words.spelt]).toEqual([['expres', 'expr']]);
    // Only filler: kept, or there would be nothing to search.
    expect(queryWords('possible?', () => false).typed).toEqual(['possibl']);
  });
});
