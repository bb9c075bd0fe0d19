import { z } from 'zod';
import { can, ROLES } from '../../contract/roles.ts';
import { chatServingUser, createUser, deleteUser, updateUser } from '../../auth/user-service.ts';
import { defaultAgentSettings, setTakesChats } from '../../chat/agent-settings.ts';
import { listAgentSettings } from '../../queries/list-agent-settings.ts';
import { listUsers } from '../../queries/list-users.ts';
import { authedProcedure, router } from '../init.ts';

const userFields = {
  email: z.string().trim().toLowerCase().email().max(256),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  siteIds: z.array(z.string().min(1).max(64)).max(200),
};
export const newPassword = z.string().min(10, 'at least 10 characters').max(256);
const password = newPassword;

const admin = authedProcedure('admin:users');

export const userRouter = router({
  /** With whether each user takes chats (null for roles that never serve them). */
  list: admin.query(async ({ ctx }) => {
    const [users, settings] = await Promise.all([listUsers(ctx.ch), listAgentSettings(ctx.ch)]);
    return users.map(({ passwordHash: _hidden, ...u }) => ({
      ...u,
      takesChats: can(u, 'chat:serve') ? (settings.get(u.id) ?? defaultAgentSettings(u.role)).takesChats : null,
    }));
  }),

  /** Whether the user is offered chats; shown at once on their open tabs. */
  setTakesChats: admin
    .input(z.object({ id: z.string().min(1).max(64), takesChats: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const user = await chatServingUser(ctx.ch, input.id);
      const settings = await setTakesChats(ctx.ch, user, input.takesChats);
      return { id: user.id, takesChats: settings.takesChats };
    }),

  create: admin
    .input(z.object({ ...userFields, password }))
    .mutation(async ({ ctx, input }) => ({ id: (await createUser(ctx.ch, input)).id })),

  update: admin
    .input(z.object({ id: z.string().min(1).max(64), ...userFields, password: password.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      return { id: (await updateUser(ctx.ch, id, fields, { id: ctx.user.id, token: ctx.token })).id };
    }),

  remove: admin.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    await deleteUser(ctx.ch, input.id, ctx.user.id);
    return { ok: true };
  }),
});
