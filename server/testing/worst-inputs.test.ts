import { describe, expect, it } from 'vitest';
import { globMatch, type GlobWork } from '../chat/glob.ts';
import { MAX_MATCHED_TEXT, matchesPattern } from '../chat/rule-match.ts';
import { trimTrailingSlashes } from '../demo/shop.ts';
import { legacy, WORST_CASES } from './worst-inputs.ts';

// Answers only: how long each takes is bench/regex.ts's business (npm run bench -- --only regex).
describe('pattern matchers on hostile input', () => {
  it.each(WORST_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(c.run()).toEqual(c.expected);
  });

  it("the rule glob gives the old regex's answers (random small cases)", () => {
    // A fixed Park-Miller sequence: the same cases on every run.
    let seed = 22;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const pick = (alphabet: string, max: number) =>
      Array.from({ length: next(max + 1) }, () => alphabet[next(alphabet.length)]).join('');
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick('ab/.A', 12);
      const pattern = pick('ab/*.', 7) || '*';
      const expected = legacy.matchesPattern(text, pattern);
      expect([text, pattern, matchesPattern(text, pattern)]).toEqual([text, pattern, expected]);
      if (expected) matched++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(matched).toBeGreaterThan(2_000);
    expect(matched).toBeLessThan(18_000);
  });

  it('the rule glob only moves forward: work is bounded by text + pattern length', () => {
    const pattern = '*/en/*/p/*/reviews*';
    for (const text of [
      `/${'en/p/'.repeat(340)}`,
      `/en${'/p'.repeat(1_000)}/review`,
      `${'/en/p'.repeat(400)}/reviews`,
      '/'.repeat(2_048),
    ]) {
      const work: GlobWork = { positions: 0 };
      globMatch(text, pattern, work);
      expect(work.positions).toBeLessThanOrEqual(text.length + pattern.length);
    }
    const work: GlobWork = { positions: 0 };
    expect(globMatch('a'.repeat(16_000), `${'*a'.repeat(100)}*b`, work)).toBe(false);
    expect(work.positions).toBeLessThanOrEqual(16_000 + 201);
  });

  it('rules look at the first 2,048 characters of a text', () => {
    const long = `/shop/${'x'.repeat(MAX_MATCHED_TEXT)}/reviews`;
    expect(matchesPattern(long, '/shop/*')).toBe(true);
    expect(matchesPattern(long, '*/reviews')).toBe(false);
    expect(matchesPattern(long, 'reviews')).toBe(false);
  });

  it('trims trailing slashes in one pass', () => {
    expect(trimTrailingSlashes('/demo/pricing///')).toBe('/demo/pricing');
    expect(trimTrailingSlashes('///')).toBe('');
    expect(trimTrailingSlashes('/demo//x')).toBe('/demo//x');
  });
});
