'use client';
import { useTranslations } from 'use-intl';
import type { RuleCap, RuleCondition } from '@/server/contract/rule-schema';

/** A rule in one readable line per part, in the user's language. */
export function useRuleText() {
  const t = useTranslations('rules');
  return {
    condition: (c: RuleCondition) => {
      switch (c.kind) {
        case 'timeOnPage':
        case 'timeOnSite':
          return t(`kind.${c.kind}`, { seconds: c.seconds });
        case 'currentUrl':
        case 'visitedUrl':
        case 'referrer':
          return t(`kind.${c.kind}`, { pattern: c.pattern });
        case 'pagesViewed':
        case 'visitCount':
          return t(`kind.${c.kind}`, { count: c.count });
        case 'utmCampaign':
          return t('kind.utmCampaign', { value: c.value });
        case 'country':
          return t('kind.country', { countries: c.countries.join(', ') });
        case 'returning':
        case 'exitIntent':
          return t(`kind.${c.kind}`);
      }
    },
    cap: (cap: RuleCap) => (cap.per === 'day' ? t('cap.day', { max: cap.max }) : t(`cap.${cap.per}`)),
  };
}
