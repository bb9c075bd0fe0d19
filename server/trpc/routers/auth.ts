import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { env } from '../../env.ts';
import { sessionCookie } from '../../auth/cookies.ts';
import { verifyPassword } from '../../auth/password.ts';
import { AttemptLimiter } from '../../auth/rate-limit.ts';
import { capabilitiesOf } from '../../auth/roles.ts';
import { createSession, revokeSession, SESSION_COOKIE, SESSION_TTL_MS } from '../../auth/session-store.ts';
import { listUsers } from '../../queries/list-users.ts';
import { authedProcedure, publicProcedure, router } from '../init.ts';

// 5 failures per email and 20 per address in 15 minutes; shared through globalThis
// because Next may load this module more than once in the one process.
const LIMITER_KEY = Symbol.for('leadtrail.signInLimiter');
const g = globalThis as { [LIMITER_KEY]?: { byEmail: AttemptLimiter; byIp: AttemptLimiter } };
const limiters = (g[LIMITER_KEY] ??= { byEmail: new AttemptLimiter(5, 15 * 60_000), byIp: new AttemptLimiter(20, 15 * 60_000) });

export const signInInput = z.object({ email: z.string().trim().toLowerCase().email().max(256), password: z.string().min(1).max(256) });

const secureCookies = () => (env.PUBLIC_URL ?? '').startsWith('https:');

export const authRouter = router({
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const wait = Math.max(limiters.byEmail.blockedFor(input.email), limiters.byIp.blockedFor(ctx.ip));
    if (wait > 0) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many attempts, try again in ${Math.ceil(wait / 60_000)} min` });
    const [user] = await listUsers(ctx.ch, input.email);
    if (!user || !(await verifyPassword(input.password, user.passwordHash))) {
      limiters.byEmail.fail(input.email);
      limiters.byIp.fail(ctx.ip);
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    }
    limiters.byEmail.reset(input.email);
    const session = await createSession(ctx.ch, user.id);
    ctx.resHeaders.append('set-cookie', sessionCookie(SESSION_COOKIE, session.token, SESSION_TTL_MS / 1000, secureCookies()));
    return { ok: true };
  }),

  signOut: authedProcedure().mutation(async ({ ctx }) => {
    if (ctx.token) await revokeSession(ctx.ch, ctx.token);
    ctx.resHeaders.append('set-cookie', sessionCookie(SESSION_COOKIE, '', 0, secureCookies()));
    return { ok: true };
  }),

  me: authedProcedure().query(({ ctx }) => ({ ...ctx.user, capabilities: capabilitiesOf(ctx.user) })),
});
