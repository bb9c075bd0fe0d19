import type { LiveVisitor } from '../contract/live-visitor.ts';
import { globMatch } from './glob.ts';
import type { RuleCondition, RuleDefinition } from '../contract/rule-schema.ts';

/** What the rules look at: the visit as presence knows it, plus the snippet's exit-intent signal. */
export interface RuleSignals {
  visit: LiveVisitor;
  now: number;
  /** The visitor moved to leave (pointer out of the top of the window) since the last page view. */
  exitIntent: boolean;
  /** The tag ids the visitor carries (server/tags keeps them in memory). */
  tags?: ReadonlySet<string>;
}

/**
 * The most of a text the rules look at. Ingest and the visitor socket bound URLs at 2,048
 * characters already; this keeps the per-second rule pass bounded whatever feeds the trail.
 */
export const MAX_MATCHED_TEXT = 2048;

/** `*` is a wildcard; a pattern without one matches when the text contains it. Case-insensitive. */
export function matchesPattern(text: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.slice(0, MAX_MATCHED_TEXT).toLowerCase();
  if (!p.includes('*')) return t.includes(p);
  return globMatch(t, p);
}

function holds(c: RuleCondition, { visit, now, exitIntent, tags }: RuleSignals): boolean {
  const current = visit.trail.at(-1);
  switch (c.kind) {
    case 'timeOnPage':
      return current !== undefined && now - current.at >= c.seconds * 1000;
    case 'timeOnSite':
      return visit.startedAt > 0 && now - visit.startedAt >= c.seconds * 1000;
    case 'currentUrl':
      return current !== undefined && matchesPattern(current.path, c.pattern);
    case 'visitedUrl':
      return visit.trail.some((s) => matchesPattern(s.path, c.pattern));
    case 'pagesViewed':
      return visit.pageviews >= c.count;
    case 'referrer':
      return matchesPattern(visit.referrerDomain, c.pattern);
    case 'utmCampaign':
      return visit.utmCampaign.toLowerCase() === c.value.toLowerCase();
    case 'country':
      return c.countries.includes(visit.country);
    case 'returning':
      return visit.visitNumber > 1;
    case 'visitCount':
      return visit.visitNumber >= c.count;
    case 'exitIntent':
      return exitIntent;
    case 'hasTag':
      return c.tagIds.some((id) => tags?.has(id));
    case 'lacksTag':
      return !c.tagIds.some((id) => tags?.has(id));
  }
}

export function ruleMatches(rule: RuleDefinition, signals: RuleSignals): boolean {
  return rule.match === 'all'
    ? rule.conditions.every((c) => holds(c, signals))
    : rule.conditions.some((c) => holds(c, signals));
}
