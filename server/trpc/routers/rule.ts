import { z } from 'zod';
import { can, canAccessSite } from '../../contract/roles.ts';
import { removeInviteRule, saveInviteRule } from '../../chat/rule-store.ts';
import { ruleInput } from '../../contract/rule-schema.ts';
import { listInviteRules } from '../../queries/list-invite-rules.ts';
import { listUsers } from '../../queries/list-users.ts';
import { getRuleNames } from '../../queries/rule-names.ts';
import { getRulePerformance } from '../../queries/rule-performance.ts';
import { userDisplayName } from '../../queries/user-names.ts';
import { router, siteProcedure } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

export const ruleRouter = router({
  list: siteProcedure('rules:manage').query(({ ctx, input }) => listInviteRules(ctx.ch, input.siteId)),

  /** Who a rule can name as the inviting agent: the site's users who serve chats. */
  agents: siteProcedure('rules:manage').query(async ({ ctx, input }) =>
    (await listUsers(ctx.ch))
      .filter((u) => can(u, 'chat:serve') && canAccessSite(u, input.siteId))
      .map((u) => ({ id: u.id, name: userDisplayName(u) })),
  ),

  save: siteProcedure('rules:manage')
    .input(z.object({ rule: ruleInput }))
    .mutation(({ ctx, input }) => saveInviteRule(ctx.ch, input.siteId, input.rule)),

  /** Each rule's invitations in the range, by invitation; deleted rules by their last name. */
  performance: reportProcedure('reports:read')
    .input(z.object({ windowDays: z.number().int().min(1).max(90).default(30) }))
    .query(async ({ ctx: { ch, site, scope }, input }) => {
      const [rows, names] = await Promise.all([
        getRulePerformance(ch, scope, input.windowDays * 86_400_000),
        getRuleNames(ch, site.id),
      ]);
      return rows.map((r) => ({
        ...r,
        name: names.get(r.ruleId)?.name ?? '',
        deleted: names.get(r.ruleId)?.deleted ?? true,
      }));
    }),

  remove: siteProcedure('rules:manage')
    .input(z.object({ ruleId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }))
    .mutation(({ ctx, input }) => removeInviteRule(ctx.ch, input.siteId, input.ruleId)),
});
