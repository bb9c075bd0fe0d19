import { describe, expect, it } from 'vitest';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import { matchesPattern, ruleMatches } from './rule-match.ts';
import { ruleDefinition, type RuleCondition } from '../contract/rule-schema.ts';

const NOW = Date.UTC(2026, 10, 27, 10);
const visit: LiveVisitor = {
  visitorId: 'v1',
  sessionId: 's1',
  name: '',
  country: 'CN',
  region: 'GD',
  city: 'Shenzhen',
  device: 'desktop',
  browser: 'Chrome',
  os: 'Windows',
  source: 'Baidu',
  referrerDomain: 'www.baidu.com',
  utmSource: 'baidu',
  utmMedium: 'cpc',
  utmCampaign: 'Spring_Sale',
  visitNumber: 3,
  startedAt: NOW - 300_000,
  lastSeenAt: NOW,
  pageviews: 3,
  connected: true,
  trail: [
    { at: NOW - 300_000, path: '/', title: 'Home', engagedMs: 10_000 },
    { at: NOW - 200_000, path: '/products/tea-set', title: 'Tea set', engagedMs: 50_000 },
    { at: NOW - 45_000, path: '/pricing', title: 'Pricing', engagedMs: 0 },
  ],
};
const rule = (match: 'all' | 'any', ...conditions: RuleCondition[]) =>
  ruleDefinition.parse({ match, conditions, message: 'Hi', agentId: '', cap: { per: 'visit' } });
const signals = { visit, now: NOW, exitIntent: false };

describe('invitation rules', () => {
  it('matches URL patterns with * and by containment, ignoring case', () => {
    expect(matchesPattern('/Pricing', '/pricing')).toBe(true);
    expect(matchesPattern('/products/tea-set', '/products/*')).toBe(true);
    expect(matchesPattern('/products/tea-set', '*/tea-*')).toBe(true);
    expect(matchesPattern('/products', '/products/*')).toBe(false);
    expect(matchesPattern('/a.b', '/a?b')).toBe(false);
  });

  it.each<[RuleCondition, boolean]>([
    [{ kind: 'timeOnPage', seconds: 45 }, true],
    [{ kind: 'timeOnPage', seconds: 46 }, false],
    [{ kind: 'timeOnSite', seconds: 300 }, true],
    [{ kind: 'timeOnSite', seconds: 301 }, false],
    [{ kind: 'currentUrl', pattern: '/pricing' }, true],
    [{ kind: 'currentUrl', pattern: '/products/*' }, false],
    [{ kind: 'visitedUrl', pattern: '/products/*' }, true],
    [{ kind: 'pagesViewed', count: 3 }, true],
    [{ kind: 'pagesViewed', count: 4 }, false],
    [{ kind: 'referrer', pattern: 'baidu.com' }, true],
    [{ kind: 'referrer', pattern: 'google' }, false],
    [{ kind: 'utmCampaign', value: 'spring_sale' }, true],
    [{ kind: 'country', countries: ['US', 'CN'] }, true],
    [{ kind: 'country', countries: ['US'] }, false],
    [{ kind: 'returning' }, true],
    [{ kind: 'visitCount', count: 3 }, true],
    [{ kind: 'visitCount', count: 4 }, false],
    [{ kind: 'exitIntent' }, false],
  ])('%o holds: %s', (condition, expected) => {
    expect(ruleMatches(rule('all', condition), signals)).toBe(expected);
  });

  it('combines conditions with and / or; exit intent comes from the snippet', () => {
    const onPricing = { kind: 'currentUrl', pattern: '/pricing' } as const;
    const leaving = { kind: 'exitIntent' } as const;
    expect(ruleMatches(rule('all', onPricing, leaving), signals)).toBe(false);
    expect(ruleMatches(rule('any', onPricing, leaving), signals)).toBe(true);
    expect(ruleMatches(rule('all', onPricing, leaving), { ...signals, exitIntent: true })).toBe(true);
  });

  it('refuses definitions outside the contract', () => {
    expect(
      ruleDefinition.safeParse({ match: 'all', conditions: [], message: 'Hi', agentId: '', cap: { per: 'visit' } })
        .success,
    ).toBe(false);
    expect(
      ruleDefinition.safeParse({
        match: 'all',
        conditions: [{ kind: 'timeOnPage', seconds: -1 }],
        message: 'Hi',
        agentId: '',
        cap: { per: 'visit' },
      }).success,
    ).toBe(false);
    expect(
      ruleDefinition.safeParse({
        match: 'all',
        conditions: [{ kind: 'country', countries: ['china'] }],
        message: 'Hi',
        agentId: '',
        cap: { per: 'day', max: 2 },
      }).success,
    ).toBe(false);
  });
});
