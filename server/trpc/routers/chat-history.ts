import { z } from 'zod';
import { getChatTranscript } from '../../queries/chat-transcript.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { CHAT_SORTS, listChats, type ChatSort } from '../../queries/list-chats.ts';
import { listUsers } from '../../queries/list-users.ts';
import { reportInput } from '../../reports/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';

/** Past chats: who asked, who answered, how it went; and each one's transcript. */
export const chatHistoryRouter = router({
  list: siteProcedure('chat:serve')
    .input(reportInput)
    .input(z.object({ sort: z.enum(Object.keys(CHAT_SORTS) as [ChatSort, ...ChatSort[]]).default('startedAt'), ...listPageFields }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const range = resolveRange(input.range, site.timeZone);
      const [result, users] = await Promise.all([
        listChats(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), { sort: input.sort, order: input.order, ...pageWindow(input) }),
        listUsers(ctx.ch),
      ]);
      const names = new Map(users.map((u) => [u.id, u.name || u.email]));
      return { total: result.total, rows: result.rows.map((r) => ({ ...r, agentName: names.get(r.agentId) ?? r.agentId })), timeZone: site.timeZone };
    }),

  transcript: siteProcedure('chat:serve')
    .input(z.object({ chatId: z.string().min(1).max(100) }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      return getChatTranscript(ctx.ch, site.id, input.chatId);
    }),
});
