import { z } from 'zod';
import { can, canAccessSite } from '../../contract/roles.ts';
import { removeInviteRule, saveInviteRule } from '../../chat/rule-store.ts';
import { ruleInput } from '../../contract/rule-schema.ts';
import { listInviteRules } from '../../queries/list-invite-rules.ts';
import { listUsers } from '../../queries/list-users.ts';
import { router, siteProcedure } from '../init.ts';

export const ruleRouter = router({
  list: siteProcedure('rules:manage').query(({ ctx, input }) => listInviteRules(ctx.ch, input.siteId)),

  /** Who a rule can name as the inviting agent: the site's users who serve chats. */
  agents: siteProcedure('rules:manage').query(async ({ ctx, input }) =>
    (await listUsers(ctx.ch)).filter((u) => can(u, 'chat:serve') && canAccessSite(u, input.siteId)).map((u) => ({ id: u.id, name: u.name || u.email })),
  ),

  save: siteProcedure('rules:manage')
    .input(z.object({ rule: ruleInput }))
    .mutation(({ ctx, input }) => saveInviteRule(ctx.ch, input.siteId, input.rule)),

  remove: siteProcedure('rules:manage')
    .input(z.object({ ruleId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }))
    .mutation(({ ctx, input }) => removeInviteRule(ctx.ch, input.siteId, input.ruleId)),
});
