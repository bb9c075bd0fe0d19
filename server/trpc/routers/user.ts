import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { can, ROLES } from '../../contract/roles.ts';
import { forgetCachedSessions } from '../../auth/session-store.ts';
import { endUserSessions, removeUser, saveUser } from '../../auth/user-service.ts';
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
  setTakesChats: admin.input(z.object({ id: z.string().min(1).max(64), takesChats: z.boolean() })).mutation(async ({ ctx, input }) => {
    const user = (await listUsers(ctx.ch)).find((u) => u.id === input.id);
    if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user' });
    if (!can(user, 'chat:serve')) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This role does not serve chats' });
    const settings = await setTakesChats(ctx.ch, user, input.takesChats);
    return { id: user.id, takesChats: settings.takesChats };
  }),

  create: admin.input(z.object({ ...userFields, password })).mutation(async ({ ctx, input }) => {
    if ((await listUsers(ctx.ch, input.email)).length > 0) throw new TRPCError({ code: 'CONFLICT', message: 'A user with this email exists' });
    const user = await saveUser(ctx.ch, input);
    return { id: user.id };
  }),

  update: admin.input(z.object({ id: z.string().min(1).max(64), ...userFields, password: password.optional() })).mutation(async ({ ctx, input }) => {
    const users = await listUsers(ctx.ch);
    const existing = users.find((u) => u.id === input.id);
    if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user' });
    if (users.some((u) => u.email === input.email && u.id !== input.id)) throw new TRPCError({ code: 'CONFLICT', message: 'A user with this email exists' });
    if (existing.role === 'admin' && input.role !== 'admin' && users.filter((u) => u.role === 'admin').length === 1) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'The last admin cannot lose the admin role' });
    }
    await saveUser(ctx.ch, input, existing);
    forgetCachedSessions();
    // A new password ends the user's other sessions: whoever knew the old one may hold them.
    if (input.password) await endUserSessions(ctx.ch, existing.id, existing.id === ctx.user.id ? ctx.token : null);
    return { id: existing.id };
  }),

  remove: admin.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const users = await listUsers(ctx.ch);
    const existing = users.find((u) => u.id === input.id);
    if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user' });
    if (existing.id === ctx.user.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'You cannot remove yourself' });
    await removeUser(ctx.ch, existing);
    forgetCachedSessions();
    await endUserSessions(ctx.ch, existing.id, null);
    return { ok: true };
  }),
});
