'use client';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { useTRPC } from '@/app/_lib/trpc';
import type { RuleCap, RuleCondition } from '@/server/contract/rule-schema';

/** A rule in one readable line per part, in the user's language. */
export function useRuleText() {
  const t = useTranslations('rules');
  const trpc = useTRPC();
  const { siteId } = useParams<{ siteId: string }>();
  const tags = useQuery(trpc.tag.list.queryOptions({ siteId }));
  const tagNames = (ids: string[]) =>
    ids.map((id) => tags.data?.find((tag) => tag.tagId === id)?.name ?? id).join(', ');
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
        case 'hasTag':
        case 'lacksTag':
          return t(`kind.${c.kind}`, { tags: tagNames(c.tagIds) });
      }
    },
    cap: (cap: RuleCap) => (cap.per === 'day' ? t('cap.day', { max: cap.max }) : t(`cap.${cap.per}`)),
  };
}
