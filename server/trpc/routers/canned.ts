import { z } from 'zod';
import { cannedReplyId, removeCannedReply, saveCannedReply, saveCannedReplyInput } from '../../chat/canned-replies.ts';
import { listCannedReplies } from '../../queries/list-canned-replies.ts';
import { router, siteProcedure } from '../init.ts';

// Writing takes the same capability as reading: canned replies belong to the team that
// serves the chats, and the agents who use them are the ones who notice a missing or
// outdated reply. There is no separate "manage replies" role; admins and managers serve too.
const serve = siteProcedure('chat:serve');

export const cannedRouter = router({
  list: serve.query(({ ctx, input }) => listCannedReplies(ctx.ch, input.siteId)),

  save: serve.input(saveCannedReplyInput).mutation(async ({ ctx, input }) => {
    const { siteId, ...reply } = input;
    const saved = await saveCannedReply(ctx.ch, siteId, reply);
    return { replyId: saved.replyId };
  }),

  remove: serve.input(z.object({ replyId: cannedReplyId })).mutation(async ({ ctx, input }) => {
    await removeCannedReply(ctx.ch, input.siteId, input.replyId);
    return { ok: true };
  }),
});
