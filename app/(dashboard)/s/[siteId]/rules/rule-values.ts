import type { ConditionKind, InviteRule, RuleCondition, RuleInput } from '@/server/contract/rule-schema';

// The rule form's values and the rule they stand for, both ways.

/** A condition row as the form holds it: every possible field, only the kind's ones filled. */
export type ConditionRow = {
  kind: ConditionKind;
  seconds?: number;
  pattern?: string;
  count?: number;
  value?: string;
  countries?: string[];
  tagIds?: string[];
};
export interface FormValues {
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: ConditionRow[];
  message: string;
  /** '' (the pool), an agent's id, or GROUP_PREFIX + a group's id. */
  agentId: string;
  per: 'visit' | 'visitor' | 'day';
  max?: number;
}

export const GROUP_PREFIX = 'group:';

export const FIELD_OF: Record<
  ConditionKind,
  'seconds' | 'pattern' | 'count' | 'value' | 'countries' | 'tagIds' | null
> = {
  timeOnPage: 'seconds',
  timeOnSite: 'seconds',
  currentUrl: 'pattern',
  visitedUrl: 'pattern',
  pagesViewed: 'count',
  referrer: 'pattern',
  utmCampaign: 'value',
  country: 'countries',
  returning: null,
  visitCount: 'count',
  exitIntent: null,
  hasTag: 'tagIds',
  lacksTag: 'tagIds',
};

/** Only the fields of the row's kind: the server accepts nothing else. */
function toCondition(row: ConditionRow): RuleCondition {
  const field = FIELD_OF[row.kind];
  if (field === 'countries')
    return { kind: row.kind, countries: (row.countries ?? []).map((c) => c.trim().toUpperCase()) } as RuleCondition;
  return (field ? { kind: row.kind, [field]: row[field] } : { kind: row.kind }) as RuleCondition;
}

export function toValues(rule: InviteRule | null): FormValues {
  if (!rule)
    return {
      name: '',
      enabled: true,
      match: 'all',
      conditions: [
        { kind: 'currentUrl', pattern: '/pricing' },
        { kind: 'timeOnPage', seconds: 30 },
      ],
      message: '',
      agentId: '',
      per: 'visit',
    };
  const d = rule.definition;
  return {
    name: rule.name,
    enabled: rule.enabled,
    match: d.match,
    conditions: d.conditions,
    message: d.message,
    agentId: d.agentId || (d.groupId ? `${GROUP_PREFIX}${d.groupId}` : ''),
    per: d.cap.per,
    max: d.cap.per === 'day' ? d.cap.max : undefined,
  };
}

export function toRuleInput(values: FormValues, ruleId?: string): RuleInput {
  return {
    ruleId,
    name: values.name,
    enabled: values.enabled,
    definition: {
      match: values.match,
      conditions: values.conditions.map(toCondition),
      message: values.message,
      ...(values.agentId.startsWith(GROUP_PREFIX)
        ? { agentId: '', groupId: values.agentId.slice(GROUP_PREFIX.length) }
        : { agentId: values.agentId }),
      cap: values.per === 'day' ? { per: 'day', max: values.max ?? 1 } : { per: values.per },
    },
  };
}
