import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { env } from '../../env.ts';
import { sessionCookie } from '../../auth/cookies.ts';
import { capabilitiesOf } from '../../contract/roles.ts';
import { checkPassword, type SignInResult } from '../../auth/sign-in.ts';
import { createSession, revokeSession, SESSION_COOKIE, SESSION_TTL_MS } from '../../auth/session-store.ts';
import { changePassword, endUserSessions } from '../../auth/user-service.ts';
import { authedProcedure, publicProcedure, router, type Context } from '../init.ts';
import { newPassword } from './user.ts';

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email().max(256),
  password: z.string().min(1).max(256),
});

// Secure whenever the browser reached us over TLS (directly or through a trusted proxy), or
// the public URL says it does: the cookie must never travel in clear text after that.
const secureCookie = (ctx: Context) => ctx.secure === true || (env.PUBLIC_URL ?? '').startsWith('https:');

function refused(ctx: Context, result: Exclude<SignInResult, { ok: true }>): TRPCError {
  if (result.reason === 'wrong') return new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
  const seconds = Math.ceil(result.waitMs / 1000);
  ctx.resHeaders.set('retry-after', String(seconds));
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message:
      seconds > 90
        ? `Too many attempts, try again in ${Math.ceil(seconds / 60)} min`
        : `Too many attempts, try again in ${seconds} s`,
  });
}

export const authRouter = router({
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const result = await checkPassword(ctx.ch, input.email, input.password, ctx.ip);
    if (!result.ok) throw refused(ctx, result);
    const session = await createSession(ctx.ch, result.user.id);
    ctx.resHeaders.append(
      'set-cookie',
      sessionCookie(SESSION_COOKIE, session.token, SESSION_TTL_MS / 1000, secureCookie(ctx)),
    );
    return { ok: true };
  }),

  signOut: authedProcedure().mutation(async ({ ctx }) => {
    if (ctx.token) await revokeSession(ctx.ch, ctx.token);
    ctx.resHeaders.append('set-cookie', sessionCookie(SESSION_COOKIE, '', 0, secureCookie(ctx)));
    return { ok: true };
  }),

  /** Ends every session of this user, this one included (a lost laptop, a shared computer). */
  signOutEverywhere: authedProcedure().mutation(async ({ ctx }) => {
    await endUserSessions(ctx.ch, ctx.user.id, null);
    ctx.resHeaders.append('set-cookie', sessionCookie(SESSION_COOKIE, '', 0, secureCookie(ctx)));
    return { ok: true };
  }),

  /** The current password is asked for (and counted like a sign-in): a session left open must not be enough. */
  changePassword: authedProcedure()
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword }))
    .mutation(async ({ ctx, input }) => {
      const result = await checkPassword(ctx.ch, ctx.user.email, input.currentPassword, ctx.ip);
      if (!result.ok) {
        if (result.reason === 'wrong')
          throw new TRPCError({ code: 'FORBIDDEN', message: 'The current password is wrong' });
        throw refused(ctx, result);
      }
      await changePassword(ctx.ch, result.user, input.newPassword, ctx.token);
      return { ok: true };
    }),

  me: authedProcedure().query(({ ctx }) => ({ ...ctx.user, capabilities: capabilitiesOf(ctx.user) })),
});
