import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { GroupInsert } from '../../clickhouse/group-insert.ts';
import type { ChatMessageRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { chatChannel, type ChatMessage, type ChatSummary, type RobotNote } from '../contract/channels.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import type { ChatFile } from '../contract/chat-files.ts';

/** Chats still open after this long without an end are not restored: the visitor is long gone. */
const RESTORE_WINDOW_HOURS = 24;

const t = col.text;
const openChatRow = z.object({
  site_id: t,
  chat_id: t,
  visitor_id: t,
  session_id: t,
  agent_id: t,
  agent_name: t,
  group_id: t,
  transferred: col.int,
  origin: t,
  channel: t,
  invitation_id: t,
  rule_id: t,
  started: col.int,
  robot_started: col.int,
  handed_over: col.int,
  requested_at: col.ms,
  rating: col.int,
  name: t,
  email: t,
  phone: t,
  question: t,
});

/**
 * What survives a restart: the open and queued chats of every site, rebuilt from their
 * lifecycle events (requested → started → ended), with their transcripts. A chat's seq
 * continues from its stored messages, so nothing is numbered twice.
 */
export async function loadOpenChats(
  ch: ClickHouseClient,
): Promise<{ siteId: string; chat: ChatSummary; messages: ChatMessage[]; transferred: boolean }[]> {
  const rows = await readRows(
    ch,
    {
      query: `SELECT site_id, chat_id,
                   any(visitor_id) AS visitor_id, argMin(session_id, ts) AS session_id,
                   argMaxIf(agent_id, ts, type IN ('chat_started', 'chat_transferred', 'chat_assigned')) AS agent_id,
                   argMaxIf(props['agent_name'], ts, type IN ('chat_started', 'chat_transferred', 'chat_assigned')) AS agent_name,
                   argMaxIf(props['group_id'], ts, type IN ('chat_requested', 'chat_transferred')) AS group_id,
                   countIf(type = 'chat_transferred') AS transferred,
                   countIf(type = 'chat_started' AND props['robot'] = '1') AS robot_started,
                   countIf(type = 'chat_handover' AND props['outcome'] = 'queued') AS handed_over,
                   anyIf(props['origin'], type = 'chat_requested') AS origin,
                   anyIf(props['channel'], type = 'chat_requested') AS channel,
                   any(invitation_id) AS invitation_id, any(rule_id) AS rule_id,
                   countIf(type = 'chat_started') AS started,
                   toUnixTimestamp64Milli(min(ts)) AS requested_at,
                   maxIf(toUInt8OrZero(props['rating']), type = 'chat_rated') AS rating,
                   anyIf(props['name'], type = 'chat_requested') AS name,
                   anyIf(props['email'], type = 'chat_requested') AS email,
                   anyIf(props['phone'], type = 'chat_requested') AS phone,
                   anyIf(props['question'], type = 'chat_requested') AS question
            FROM ${TABLES.events}
            WHERE ts > now64(3) - INTERVAL ${RESTORE_WINDOW_HOURS} HOUR
              AND type IN ('chat_requested', 'chat_started', 'chat_ended', 'chat_rated', 'chat_handover',
                           'chat_transferred', 'chat_assigned') AND chat_id != ''
            GROUP BY site_id, chat_id
            HAVING countIf(type = 'chat_ended') = 0
            ORDER BY requested_at`,
    },
    openChatRow,
  );
  if (rows.length === 0) return [];
  const messages = await loadMessages(
    ch,
    rows.map((r) => r.chat_id),
  );
  return rows.map((r) => {
    // A chat the robot handed over waits in the queue until a person's chat_started follows.
    const withPerson = r.started > r.robot_started;
    const withRobot = r.robot_started > 0 && r.handed_over === 0;
    // A transfer to a group with nobody free left it waiting: its last hand-over names no agent.
    const started = (withPerson || withRobot) && r.agent_id !== '';
    return {
      transferred: r.transferred > 0,
      siteId: r.site_id,
      chat: {
        chatId: r.chat_id,
        channel: chatChannel(r.channel),
        groupId: r.group_id,
        visitorId: r.visitor_id,
        sessionId: r.session_id,
        agentId: started ? r.agent_id : '',
        agentName: started ? r.agent_name : '',
        status: started ? 'open' : 'queued',
        origin: r.origin === 'invitation' ? 'invitation' : 'visitor',
        invitationId: r.invitation_id,
        ruleId: r.rule_id,
        startedAt: r.requested_at,
        endedAt: 0,
        rating: r.rating,
        visitor: { name: r.name, email: r.email, phone: r.phone, question: r.question },
        queuePosition: 0,
        robot: r.handed_over > 0 ? 'handed_over' : r.robot_started > 0 ? 'serving' : 'none',
      },
      messages: messages.get(r.chat_id) ?? [],
    };
  });
}

async function loadMessages(ch: ClickHouseClient, chatIds: string[]): Promise<Map<string, ChatMessage[]>> {
  // FINAL: a message re-sent after a reconnect may still be two rows until they merge.
  const stored = await readRows(
    ch,
    {
      query: `SELECT chat_id, message_id, seq, toUnixTimestamp64Milli(ts) AS at, sender, agent_id, body, meta
            FROM ${TABLES.chatMessages} FINAL
            WHERE chat_id IN {chatIds:Array(String)}
            ORDER BY chat_id, seq`,
      query_params: { chatIds },
    },
    z.object({
      chat_id: col.text,
      message_id: col.text,
      seq: col.int,
      at: col.ms,
      sender: z.enum(['visitor', 'agent', 'system', 'robot', 'staff']),
      agent_id: col.text,
      body: col.text,
      meta: col.text,
    }),
  );
  const out = new Map<string, ChatMessage[]>();
  for (const r of stored) {
    const list = out.get(r.chat_id) ?? [];
    const robot = r.sender === 'robot' ? readRobotMeta(r.meta) : undefined;
    const file = r.sender !== 'robot' && r.sender !== 'staff' && r.meta ? readFileMeta(r.meta) : undefined;
    const staff = r.sender === 'staff' ? readStaffMeta(r.meta) : undefined;
    list.push({
      chatId: r.chat_id,
      seq: r.seq,
      messageId: r.message_id,
      sender: r.sender,
      agentName: robot?.name ?? staff?.name ?? '',
      body: r.body,
      at: r.at,
      ...(robot && { robot: robot.note }),
      ...(file && { file }),
      ...(staff && { staff: staff.staff }),
    });
    out.set(r.chat_id, list);
  }
  return out;
}

/** A robot message's stored note and name; a row that does not parse keeps its text without one. */
export function readRobotMeta(meta: string): { note: RobotNote; name: string } | undefined {
  try {
    const { name, ...note } = JSON.parse(meta) as RobotNote & { name: string };
    return { note, name };
  } catch {
    return undefined;
  }
}

/** A file message's stored file; a row that does not parse keeps its text (the name) without one. */
export function readFileMeta(meta: string): ChatFile | undefined {
  try {
    const parsed = storedFile.safeParse(JSON.parse(meta));
    return parsed.success ? parsed.data.file : undefined;
  } catch {
    return undefined;
  }
}

const storedFile = z.object({
  file: z.object({ id: z.string(), name: z.string(), size: z.number(), type: z.string() }),
});

/** A staff message's kind and author, as stored in `meta`. */
export function staffMeta(staff: 'whisper' | 'note', name: string): string {
  return JSON.stringify({ staff, name });
}

export function readStaffMeta(meta: string): { staff: 'whisper' | 'note'; name: string } {
  try {
    const { staff, name } = JSON.parse(meta) as { staff?: unknown; name?: unknown };
    return { staff: staff === 'note' ? 'note' : 'whisper', name: typeof name === 'string' ? name : '' };
  } catch {
    return { staff: 'whisper', name: '' };
  }
}

export function robotMeta(note: RobotNote, name: string): string {
  return JSON.stringify({ ...note, name });
}

/** Stores one message; resolves once it is in ClickHouse, before anyone is shown it. */
export async function storeMessage(ch: ClickHouseClient, row: ChatMessageRow): Promise<void> {
  await ch.insert({ table: TABLES.chatMessages, values: [row], format: 'JSONEachRow' });
}

/**
 * Chat messages stored by group commit (stored first, as storeMessage): twenty agents answering
 * in the same instant share inserts instead of waiting for twenty in turn.
 */
export class MessageWriter extends GroupInsert<ChatMessageRow> {
  constructor(ch: ClickHouseClient) {
    super(ch, TABLES.chatMessages);
  }
}
