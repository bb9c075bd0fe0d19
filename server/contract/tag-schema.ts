import { z } from 'zod';

// Customer tags: what the settings screen, the tagging chips, the report filters and the
// automatic rules agree on. Stored rows are parsed with these schemas when read.

export const TAG_COLORS = [
  'blue',
  'green',
  'gold',
  'orange',
  'red',
  'magenta',
  'purple',
  'cyan',
  'geekblue',
  'lime',
] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const tagId = z.string().regex(/^tg_[A-Za-z0-9]{1,32}$/, 'a tag id');
export const tagRuleId = z.string().regex(/^tr_[A-Za-z0-9]{1,32}$/, 'a tag rule id');

export const tagInput = z.strictObject({
  /** Absent: a new tag. */
  tagId: tagId.optional(),
  name: z.string().trim().min(1).max(40),
  color: z.enum(TAG_COLORS),
  description: z.string().trim().max(300).default(''),
});
export type TagInput = z.input<typeof tagInput>;

export interface Tag {
  tagId: string;
  name: string;
  color: TagColor;
  description: string;
}

/** What carries a tag: a person (written on each of their visitor ids), a lead, a chat. */
export const TAG_SUBJECTS = ['visitor', 'lead', 'chat'] as const;
export type TagSubject = (typeof TAG_SUBJECTS)[number];

export const tagAssignInput = z.strictObject({
  kind: z.enum(TAG_SUBJECTS),
  /** A visitor id (the tag goes on every visitor id of that person), a lead id or a chat id. */
  subjectId: z.string().trim().min(1).max(128),
  tagId,
});
export type TagAssignInput = z.infer<typeof tagAssignInput>;

/** Report and list filters: every tag in `include` (any of them) and none in `exclude`. */
export const tagFilter = z.array(tagId).max(20).optional();

const count = z.number().int().min(1).max(100000);
const text = z.string().trim().min(1).max(256);

/**
 * One condition of an automatic rule, over all of a visitor id's history. Patterns use `*`
 * as in invitation rules (without `*` the path only has to contain the text).
 */
export const tagCondition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pageVisits'), pattern: text, count }),
  z.strictObject({ kind: z.literal('source'), value: text }),
  z.strictObject({ kind: z.literal('campaign'), value: text }),
  z.strictObject({ kind: z.literal('country'), value: z.string().regex(/^[A-Z]{2}$/, 'an ISO country code') }),
  z.strictObject({ kind: z.literal('device'), value: z.enum(['desktop', 'mobile', 'tablet']) }),
  z.strictObject({ kind: z.literal('visits'), count }),
  z.strictObject({
    kind: z.literal('ordered'),
    /** '' with minTotal 0: any order. */
    currency: z.string().regex(/^([A-Z]{3})?$/, 'an ISO currency code'),
    minTotal: z.number().min(0).max(1e12),
  }),
  z.strictObject({ kind: z.literal('chatted') }),
  z.strictObject({ kind: z.literal('lead') }),
  z.strictObject({ kind: z.literal('customEvent'), name: text }),
]);
export type TagCondition = z.infer<typeof tagCondition>;
export const TAG_CONDITION_KINDS = tagCondition.options.map((o) => o.shape.kind.value);
export type TagConditionKind = TagCondition['kind'];

export const tagRuleInput = z.strictObject({
  ruleId: tagRuleId.optional(),
  name: z.string().trim().min(1).max(100),
  tagId,
  condition: tagCondition,
});
export type TagRuleInput = z.infer<typeof tagRuleInput>;

export interface TagRule {
  ruleId: string;
  name: string;
  tagId: string;
  condition: TagCondition;
}

/** A rule's pass over stored history: done of total visitor ids written. */
export interface TagRuleProgress {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
}
