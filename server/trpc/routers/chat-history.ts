import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { getChatTranscript } from '../../queries/chat-transcript.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { CHAT_SORT_KEYS } from '../../contract/lists.ts';
import { listChatAgents, listChats } from '../../queries/list-chats.ts';
import { listUsers } from '../../queries/list-users.ts';
import { reportInput } from '../../contract/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';

const chatId = z.string().min(1).max(100);
const DAY_MS = 86_400_000;

const withAgentNames = <R extends { agentId: string }>(rows: R[], users: { id: string; name: string; email: string }[]) => {
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  return rows.map((r) => ({ ...r, agentName: names.get(r.agentId) ?? r.agentId }));
};

/** Past chats: who asked, who answered, how it went; and each one's transcript. */
export const chatHistoryRouter = router({
  list: siteProcedure('chat:serve')
    .input(reportInput)
    .input(z.object({ sort: z.enum(CHAT_SORT_KEYS).default('startedAt'), agentId: z.string().max(100).default(''), ...listPageFields }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const range = resolveRange(input.range, site.timeZone);
      const scope = reportScope(site.id, range.from, range.to, input.filters);
      const [result, agents, users] = await Promise.all([
        listChats(ctx.ch, scope, { agentId: input.agentId, sort: input.sort, order: input.order, ...pageWindow(input) }),
        listChatAgents(ctx.ch, scope),
        listUsers(ctx.ch),
      ]);
      return { total: result.total, rows: withAgentNames(result.rows, users), agents: withAgentNames(agents.map((agentId) => ({ agentId })), users), timeZone: site.timeZone };
    }),

  /** One chat as the list shows it, whenever it was (a visitor's profile links to it). */
  get: siteProcedure('chat:serve')
    .input(z.object({ chatId }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      const [result, users] = await Promise.all([
        listChats(ctx.ch, reportScope(site.id, 0, Date.now() + DAY_MS, {}), { chatId: input.chatId, sort: 'startedAt', order: 'desc', offset: 0, limit: 1 }),
        listUsers(ctx.ch),
      ]);
      const [row] = withAgentNames(result.rows, users);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such chat' });
      return row;
    }),

  transcript: siteProcedure('chat:serve')
    .input(z.object({ chatId }))
    .query(async ({ ctx, input }) => {
      const site = await findSite(ctx.ch, input.siteId);
      return getChatTranscript(ctx.ch, site.id, input.chatId);
    }),
});
