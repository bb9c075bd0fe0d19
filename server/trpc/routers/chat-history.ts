import { z } from 'zod';
import { NotFoundError } from '../../contract/errors.ts';
import { getChatTranscript } from '../../queries/chat-transcript.ts';
import { getChatRecordings } from '../../queries/chat-recordings.ts';
import { recordingPath } from '../../contract/calls.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { CHAT_CHANNELS } from '../../contract/channels.ts';
import { CHAT_SERVED_FILTERS, CHAT_SORT_KEYS } from '../../contract/lists.ts';
import { listChatAgents, listChats } from '../../queries/list-chats.ts';
import { getUserNames } from '../../queries/user-names.ts';
import { knownSiteProcedure, router } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';
import { reportProcedure } from '../report-procedure.ts';

const chatId = z.object({ chatId: z.string().min(1).max(100) });
const DAY_MS = 86_400_000;

import { withTagIds } from '../../tags/attach-tags.ts';

const withAgentNames = <R extends { agentId: string }>(rows: R[], names: Map<string, string>) =>
  rows.map((r) => ({ ...r, agentName: names.get(r.agentId) ?? r.agentId }));

/** Past chats: who asked, who answered, how it went; and each one's transcript. */
export const chatHistoryRouter = router({
  list: reportProcedure('chat:serve')
    .input(
      z.object({
        sort: z.enum(CHAT_SORT_KEYS).default('startedAt'),
        agentId: z.string().max(100).default(''),
        robot: z.enum(CHAT_SERVED_FILTERS).default(''),
        channel: z.enum(['', ...CHAT_CHANNELS]).default(''),
        /** A hot word (Hot words screen): only chats where the visitor wrote it. */
        term: z.string().max(100).default(''),
        /** Only chats during which the visitor and an agent had (or missed) a web call. */
        withCalls: z.boolean().default(false),
        ...listPageFields,
      }),
    )
    .query(async ({ ctx: { ch, site, scope }, input }) => {
      const [result, agents, names] = await Promise.all([
        listChats(ch, scope, {
          agentId: input.agentId,
          robot: input.robot,
          channel: input.channel || undefined,
          term: input.term,
          withCalls: input.withCalls,
          sort: input.sort,
          order: input.order,
          ...pageWindow(input),
        }),
        listChatAgents(ch, scope),
        getUserNames(ch),
      ]);
      return {
        total: result.total,
        rows: withAgentNames(
          await withTagIds(ch, site.id, result.rows, {
            visitor: (r) => r.visitorId,
            own: { kind: 'chat', id: (r) => r.chatId },
          }),
          names,
        ),
        agents: withAgentNames(
          agents.map((agentId) => ({ agentId })),
          names,
        ),
        timeZone: site.timeZone,
      };
    }),

  /** One chat as the list shows it, whenever it was (a visitor's profile links to it). */
  get: knownSiteProcedure('chat:serve')
    .input(chatId)
    .query(async ({ ctx: { ch, site }, input }) => {
      const [result, names] = await Promise.all([
        listChats(ch, reportScope(site.id, 0, Date.now() + DAY_MS, {}), {
          chatId: input.chatId,
          sort: 'startedAt',
          order: 'desc',
          offset: 0,
          limit: 1,
        }),
        getUserNames(ch),
      ]);
      const byChat = {
        visitor: (r: { visitorId: string }) => r.visitorId,
        own: { kind: 'chat' as const, id: (r: { chatId: string }) => r.chatId },
      };
      const [row] = withAgentNames(await withTagIds(ch, site.id, result.rows, byChat), names);
      if (!row) throw new NotFoundError('no such chat');
      return row;
    }),

  transcript: knownSiteProcedure('chat:serve')
    .input(chatId)
    .query(({ ctx: { ch, site }, input }) => getChatTranscript(ch, site.id, input.chatId, true)),

  /** The chat's recorded calls and where to play them: managers and admins only. */
  recordings: knownSiteProcedure('calls:recordings')
    .input(chatId)
    .query(async ({ ctx: { ch, site }, input }) =>
      (await getChatRecordings(ch, site.id, input.chatId)).map((r) => ({
        callId: r.call_id,
        createdAt: r.created_ms,
        durationMs: r.duration_ms,
        bytes: r.bytes,
        src: recordingPath(site.id, r.call_id),
      })),
    ),
});
