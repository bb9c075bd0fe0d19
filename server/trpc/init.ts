import { initTRPC, TRPCError } from '@trpc/server';
import type { ClickHouseClient } from '@clickhouse/client';
import { z, ZodError } from 'zod';
import { getClickHouse } from '../../clickhouse/client.ts';
import { DomainError, type DomainErrorKind } from '../contract/errors.ts';
import { canAccessSite, can, type Capability, type SessionUser } from '../contract/roles.ts';
import type { Site } from '../contract/site.ts';
import { findSite } from '../sites/find-site.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/session-store.ts';
import { readCookie } from '../auth/cookies.ts';
import { cleanDeep } from '../text/clean-text.ts';
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from '../auth/request-origin.ts';
import { findShareSession, SHARE_COOKIE, type ShareSession } from '../auth/share-links.ts';

export interface Context {
  ch: ClickHouseClient;
  user: SessionUser | null;
  token: string | null;
  /** Client address, for sign-in rate limiting. */
  ip: string;
  /** The browser reached the server over TLS (directly or through a trusted proxy): cookies get `Secure`. */
  secure?: boolean;
  resHeaders: Headers;
  /** A share link's read-only view of one site (server/auth/share-links.ts); only `shareableSiteProcedure`s accept it. */
  share?: ShareSession | null;
}

/** `ch` defaults to the process's store; tests that serve tRPC over HTTP pass their own. */
export async function createContext({
  req,
  resHeaders,
  ch = getClickHouse(),
}: {
  req: Request;
  resHeaders: Headers;
  ch?: ClickHouseClient;
}): Promise<Context> {
  const token = readCookie(req.headers.get('cookie'), SESSION_COOKIE);
  const user = token ? await findSessionUser(ch, token) : null;
  const shareCookie = user ? null : readCookie(req.headers.get('cookie'), SHARE_COOKIE);
  const share = shareCookie ? await findShareSession(ch, shareCookie) : null;
  // Both headers are set by the custom server (server/app.ts), overwriting whatever the client sent.
  return {
    ch,
    user,
    token,
    share,
    ip: req.headers.get(CLIENT_IP_HEADER) ?? '',
    secure: req.headers.get(CLIENT_PROTO_HEADER) === 'https',
    resHeaders,
  };
}

const t = initTRPC.context<Context>().create({
  // One place that shapes errors for the UI: validation issues become a short readable line.
  // Unexpected failures (a ClickHouse error, a bug) are logged here and reach the UI only
  // as a generic message: SQL and internals stay on the server.
  errorFormatter({ shape, error }) {
    const zod =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : null;
    if (error.code === 'INTERNAL_SERVER_ERROR') console.error('tRPC procedure failed', error.cause ?? error);
    const message =
      zod ??
      (error.code === 'INTERNAL_SERVER_ERROR'
        ? 'The server could not answer this request; please retry'
        : shape.message);
    return { ...shape, message, data: { ...shape.data, stack: undefined } };
  },
});

export const router = t.router;

const DOMAIN_CODES = {
  'not-found': 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
} as const satisfies Record<DomainErrorKind, TRPCError['code']>;

/**
 * The one place services' refusals (server/contract/errors.ts) become tRPC codes, with their
 * message as the reason: services stay free of tRPC, and nothing else throws TRPCError.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw new TRPCError({
      code: DOMAIN_CODES[result.error.cause.kind],
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  return result;
});

/** Every procedure's input is cleaned (server/text/clean-text.ts) before its schema parses it. */
export const publicProcedure = t.procedure.use(domainErrors).use(async ({ getRawInput, next }) => {
  const input = cleanDeep(await getRawInput());
  return next({ getRawInput: () => Promise.resolve(input) });
});

/** Signed in, with `capability`. */
export function authedProcedure(capability?: Capability) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
    if (capability && !can(ctx.user, capability))
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role may not do this' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

/** Signed in, with `capability`, on a site the user may open: every per-site procedure starts here. */
export function siteProcedure(capability: Capability) {
  return authedProcedure(capability)
    .input(z.object({ siteId: z.string().min(1).max(64) }))
    .use(({ ctx, input, next }) => {
      if (!canAccessSite(ctx.user, input.siteId))
        throw new TRPCError({ code: 'FORBIDDEN', message: 'No access to this site' });
      return next();
    });
}

/** `siteProcedure` for a site that must exist: it is read once into `ctx.site` (NOT_FOUND otherwise). */
export function knownSiteProcedure(capability: Capability) {
  return siteProcedure(capability).use(async ({ ctx, input, next }) => {
    const site: Site = await findSite(ctx.ch, input.siteId);
    return next({ ctx: { ...ctx, site } });
  });
}

/**
 * A per-site read that a share link may make too: the allow-list of what a share session
 * sees is exactly the procedures built on this (aggregate analytics, nothing personal).
 * A signed-in user needs `capability` and the site as usual; a share session only its own site.
 */
export function shareableSiteProcedure(capability: Capability) {
  return publicProcedure.input(z.object({ siteId: z.string().min(1).max(64) })).use(async ({ ctx, input, next }) => {
    if (ctx.user) {
      if (!can(ctx.user, capability)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role may not do this' });
      if (!canAccessSite(ctx.user, input.siteId))
        throw new TRPCError({ code: 'FORBIDDEN', message: 'No access to this site' });
    } else if (!ctx.share) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
    } else if (ctx.share.siteId !== input.siteId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'This share link is for another site' });
    }
    const site: Site = await findSite(ctx.ch, input.siteId);
    return next({ ctx: { ...ctx, site } });
  });
}
