import type { useTranslations } from 'use-intl';
import type { GoalDefinition } from '@/server/contract/goals';

/** A goal's definition in words ("Page /pricing", "Event signup with plan = pro"). */
export function goalText(t: ReturnType<typeof useTranslations<'goals.goals'>>, d: GoalDefinition): string {
  if (d.kind === 'page') return t('pageDef', { pattern: d.pattern });
  if (d.propKey === '') return t('eventDef', { name: d.eventName });
  if (d.propValue === '') return t('eventKeyDef', { name: d.eventName, key: d.propKey });
  return t('eventPropDef', { name: d.eventName, key: d.propKey, value: d.propValue });
}
