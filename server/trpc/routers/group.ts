import { z } from 'zod';
import {
  groupCandidates,
  listChannelRoutes,
  listGroups,
  removeGroup,
  saveGroup,
  setChannelRoute,
} from '../../chat/group-store.ts';
import { channelRouteInput, groupId, groupInput } from '../../contract/groups.ts';
import { router, siteProcedure } from '../init.ts';

// Everyone who serves chats reads the groups (the console's queue and transfer name them);
// admins, who assign people to sites, also assign them to groups.
const serve = siteProcedure('chat:serve');
const admin = siteProcedure('admin:users');

export const groupRouter = router({
  /** The site's groups, the people who may be members, and each channel's default group. */
  list: serve.query(async ({ ctx, input }) => {
    const [groups, people, routes] = await Promise.all([
      listGroups(ctx.ch, input.siteId),
      groupCandidates(ctx.ch, input.siteId),
      listChannelRoutes(ctx.ch, input.siteId),
    ]);
    return { groups, people, routes };
  }),

  save: admin
    .input(groupInput)
    .mutation(async ({ ctx, input }) => ({ groupId: (await saveGroup(ctx.ch, input)).groupId })),

  remove: admin.input(z.object({ groupId })).mutation(async ({ ctx, input }) => {
    await removeGroup(ctx.ch, input.siteId, input.groupId);
    return { ok: true };
  }),

  setRoute: admin.input(channelRouteInput).mutation(async ({ ctx, input }) => {
    await setChannelRoute(ctx.ch, input);
    return { ok: true };
  }),
});
