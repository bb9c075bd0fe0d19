import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { sessionCookie } from '../../auth/cookies.ts';
import {
  createShareLink,
  openShareLink,
  revokeShareLink,
  SHARE_COOKIE,
  SHARE_COOKIE_SECONDS,
} from '../../auth/share-links.ts';
import { createShareLinkInput, openShareInput, shareLinkIdInput } from '../../contract/share-links.ts';
import { listShareLinks } from '../../queries/list-share-links.ts';
import { knownSiteProcedure, publicProcedure, router, shareableSiteProcedure } from '../init.ts';

/** Read-only share links of a site's analytics: made and revoked by admins, opened by anyone holding one. */
export const shareRouter = router({
  list: knownSiteProcedure('admin:sites').query(async ({ ctx: { ch, site } }) =>
    (await listShareLinks(ch, site.id)).map(({ linkId, name, hasPassword, createdAt, revokedAt }) => ({
      linkId,
      name,
      hasPassword,
      createdAt,
      revokedAt,
    })),
  ),

  /** The token is in this answer only; the store keeps its hash. */
  create: knownSiteProcedure('admin:sites')
    .input(createShareLinkInput)
    .mutation(({ ctx: { ch, site, user }, input }) => createShareLink(ch, site.id, input, user.id)),

  revoke: knownSiteProcedure('admin:sites')
    .input(z.object({ linkId: shareLinkIdInput }))
    .mutation(({ ctx: { ch, site }, input }) => revokeShareLink(ch, site.id, input.linkId)),

  /** Opening a link sets the share cookie; a refusal says why (`ShareRefusal`) for the screen to translate. */
  open: publicProcedure.input(openShareInput).mutation(async ({ ctx, input }) => {
    const result = await openShareLink(ctx.ch, input.token, input.password);
    if (!result.ok) {
      if (result.reason === 'password_needed' || result.reason === 'password_wrong') return result;
      throw new TRPCError({ code: 'NOT_FOUND', message: result.reason });
    }
    ctx.resHeaders.append(
      'set-cookie',
      sessionCookie(SHARE_COOKIE, result.cookie, SHARE_COOKIE_SECONDS, ctx.secure === true),
    );
    return { ok: true as const, siteId: result.siteId };
  }),

  /** What a shared view shows in its header: the site's name and time zone, nothing else. */
  site: shareableSiteProcedure('reports:read').query(({ ctx: { site } }) => ({
    id: site.id,
    name: site.name,
    timeZone: site.timeZone,
  })),
});
