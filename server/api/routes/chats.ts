import { z } from 'zod';
import { getChatTranscript } from '../../queries/chat-transcript.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { listChats, type ChatHistoryRow } from '../../queries/list-chats.ts';
import { ApiError } from '../api-errors.ts';
import {
  defineRoute,
  iso,
  isoOrNull,
  pageFrom,
  pageOf,
  pageQuery,
  rangeQuery,
  readCursor,
  resolveApiRange,
} from '../route.ts';

export const apiChat = z
  .object({
    chat_id: z.string(),
    visitor_id: z.string(),
    started_at: z.string(),
    ended_at: z.string().nullable().meta({ description: 'null while open or never closed' }),
    agent_id: z.string().meta({ description: "'' when no agent took it" }),
    origin: z.enum(['invitation', 'visitor']),
    messages: z.number().int(),
    rating: z.number().int().meta({ description: '1–5, 0 for none' }),
    lead: z.boolean(),
    name: z.string(),
    email: z.string(),
    country: z.string(),
  })
  .meta({ id: 'Chat' });

const toApiChat = (c: ChatHistoryRow): z.input<typeof apiChat> => ({
  chat_id: c.chatId,
  visitor_id: c.visitorId,
  started_at: iso(c.startedAt),
  ended_at: isoOrNull(c.endedAt),
  agent_id: c.agentId,
  origin: c.origin,
  messages: c.messages,
  rating: c.rating,
  lead: c.lead,
  name: c.name,
  email: c.email,
  country: c.country,
});

const chatIdParam = z.object({ chatId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });
const DAY_MS = 86_400_000;

/** One chat of the site, whenever it was; 404 for another site's. */
export async function findChat(
  ch: Parameters<typeof listChats>[0],
  siteId: string,
  chatId: string,
): Promise<ChatHistoryRow> {
  const { rows } = await listChats(ch, reportScope(siteId, 0, Date.now() + DAY_MS, {}), {
    chatId,
    sort: 'startedAt',
    order: 'asc',
    offset: 0,
    limit: 1,
  });
  const [chat] = rows;
  if (!chat) throw new ApiError('not_found', 'No such chat');
  return chat;
}

export const chatRoutes = [
  defineRoute({
    method: 'get',
    path: '/chats',
    tag: 'chats',
    summary: 'List chats',
    description: 'Chats asked for or started in the range, oldest first.',
    scope: 'read',
    query: z.object({ ...rangeQuery, ...pageQuery }),
    response: pageOf(apiChat),
    handler: async ({ deps, siteId, query }) => {
      const { from, to } = resolveApiRange(query);
      const offset = readCursor(query.cursor);
      const { rows } = await listChats(deps.ch, reportScope(siteId, from, to, {}), {
        sort: 'startedAt',
        order: 'asc',
        offset,
        limit: query.limit + 1,
      });
      return pageFrom(rows.map(toApiChat), offset, query.limit);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/chats/{chatId}',
    tag: 'chats',
    summary: 'Get a chat',
    scope: 'read',
    params: chatIdParam,
    response: apiChat,
    handler: async ({ deps, siteId, params }) => toApiChat(await findChat(deps.ch, siteId, params.chatId)),
  }),

  defineRoute({
    method: 'get',
    path: '/chats/{chatId}/messages',
    tag: 'chats',
    summary: 'A chat’s transcript',
    scope: 'read',
    params: chatIdParam,
    response: z.object({
      data: z.array(
        z.object({
          seq: z.number().int(),
          at: z.string(),
          sender: z.enum(['visitor', 'agent', 'robot', 'system']).meta({
            description:
              'robot: an answer the robot gave from the knowledge base; system: a line the server wrote (a web call: `call_ended:<seconds>`)',
          }),
          agent_id: z.string(),
          body: z.string(),
        }),
      ),
    }),
    handler: async ({ deps, siteId, params }) => {
      await findChat(deps.ch, siteId, params.chatId);
      const messages = await getChatTranscript(deps.ch, siteId, params.chatId);
      return {
        // Whispers and transfer notes are for staff: the query leaves them out, and so does the type.
        data: messages.flatMap((m) =>
          m.sender === 'staff'
            ? []
            : [{ seq: m.seq, at: iso(m.at), sender: m.sender, agent_id: m.agentId, body: m.body }],
        ),
      };
    },
  }),
];
