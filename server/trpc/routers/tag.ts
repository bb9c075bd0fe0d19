import { z } from 'zod';
import { tagAssignInput, tagId, tagInput, tagRuleId, tagRuleInput, TAG_SUBJECTS } from '../../contract/tag-schema.ts';
import { listTagRules } from '../../queries/list-tag-rules.ts';
import { listTags } from '../../queries/list-tags.ts';
import { getTagReport } from '../../queries/tag-report.ts';
import { assignTag, removeTag, saveTag, tagsOf, unassignTag } from '../../tags/tag-service.ts';
import { removeTagRule, ruleProgress, saveTagRule } from '../../tags/tag-rules.ts';
import { router, siteProcedure } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

const manage = siteProcedure('tags:manage');
const assign = siteProcedure('tags:assign');
// Not the strict schema itself: tRPC merges it with the procedure's { siteId }.
const assignInput = z.object(tagAssignInput.shape);

export const tagRouter = router({
  /** Every role that tags or filters needs the names and colours. */
  list: siteProcedure('visitors:read').query(({ ctx, input }) => listTags(ctx.ch, input.siteId)),

  save: manage
    .input(z.object({ tag: tagInput }))
    .mutation(({ ctx, input }) => saveTag(ctx.ch, input.siteId, input.tag)),

  remove: manage
    .input(z.object({ tagId }))
    .mutation(async ({ ctx, input }) => ({ removed: await removeTag(ctx.ch, input.siteId, input.tagId) })),

  /** The tag ids a visitor (any of their person's visitor ids), lead or chat carries. */
  of: siteProcedure('visitors:read')
    .input(z.object({ kind: z.enum(TAG_SUBJECTS), subjectId: z.string().trim().min(1).max(128) }))
    .query(({ ctx, input }) => tagsOf(ctx.ch, input.siteId, input.kind, input.subjectId)),

  assign: assign.input(assignInput).mutation(async ({ ctx, input }) => {
    const { siteId, ...a } = input;
    await assignTag(ctx.ch, siteId, a, ctx.user.id);
    return { ok: true };
  }),

  unassign: assign.input(assignInput).mutation(async ({ ctx, input }) => {
    const { siteId, ...a } = input;
    await unassignTag(ctx.ch, siteId, a, ctx.user.id);
    return { ok: true };
  }),

  /** Per tag: people, chats, leads, orders, revenue per currency and buyers, in the range under the filters. */
  report: reportProcedure('reports:read').query(({ ctx }) => getTagReport(ctx.ch, ctx.scope)),

  rules: manage.query(async ({ ctx, input }) =>
    (await listTagRules(ctx.ch, input.siteId)).map(({ siteId: _site, version: _v, ...r }) => ({
      ...r,
      progress: ruleProgress(r.ruleId),
    })),
  ),

  saveRule: manage.input(z.object({ rule: tagRuleInput })).mutation(async ({ ctx, input }) => {
    const { rule } = await saveTagRule(ctx.ch, input.siteId, input.rule);
    return { ruleId: rule.ruleId };
  }),

  removeRule: manage
    .input(z.object({ ruleId: tagRuleId }))
    .mutation(async ({ ctx, input }) => ({ removed: await removeTagRule(ctx.ch, input.siteId, input.ruleId) })),
});
