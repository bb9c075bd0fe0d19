import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { TABLES } from '../../clickhouse/tables.ts';
import { listCannedReplies, type CannedReply } from '../queries/list-canned-replies.ts';
import { InvalidError, NotFoundError } from '../contract/errors.ts';
import { newId } from '../sites/site-service.ts';

// Canned replies: a site's team-wide snippets an agent inserts by typing `/shortcut`.

export const cannedReplyId = z.string().regex(/^cr_[A-Za-z0-9]{1,32}$/);

export const saveCannedReplyInput = z.object({
  /** Absent: a new reply. */
  replyId: cannedReplyId.optional(),
  shortcut: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _ (at most 32)'),
  body: z.string().trim().min(1).max(2000),
});
export type SaveCannedReplyInput = z.input<typeof saveCannedReplyInput>;

/** Another reply of the site already uses the shortcut (BAD_REQUEST, as the screen checks it like a bad shortcut). */
export class CannedShortcutTakenError extends InvalidError {
  constructor(readonly shortcut: string) {
    super(`The shortcut /${shortcut} is already used by another reply`);
  }
}

/** The reply does not exist on this site (never did, deleted, or another site's). */
export class CannedReplyNotFoundError extends NotFoundError {
  constructor(readonly replyId: string) {
    super('No such canned reply');
  }
}

// ReplacingMergeTree keeps the highest version, so versions must only grow: two writes
// in one millisecond, or a clock behind the stored row, must still order correctly.
let lastVersion = 0;
function nextVersion(stored: CannedReply | undefined, now: number): number {
  lastVersion = Math.max(now, lastVersion + 1, (stored?.version ?? 0) + 1);
  return lastVersion;
}

async function write(
  client: ClickHouseClient,
  siteId: string,
  reply: Omit<CannedReply, 'version'>,
  version: number,
  deleted: boolean,
): Promise<void> {
  await client.insert({
    table: TABLES.cannedReplies,
    values: [
      {
        site_id: siteId,
        reply_id: reply.replyId,
        shortcut: reply.shortcut,
        body: reply.body,
        version,
        is_deleted: deleted ? 1 : 0,
      },
    ],
    format: 'JSONEachRow',
  });
}

/**
 * Creates or updates a reply. Shortcuts are unique per site; the check reads before it
 * writes, so two people saving the same new shortcut in the same instant could both win.
 * The table has no unique constraint to lean on; a team edits its replies rarely, so this
 * is accepted (the list still shows both and either can be renamed or removed).
 */
export async function saveCannedReply(
  client: ClickHouseClient,
  siteId: string,
  raw: SaveCannedReplyInput,
  now = Date.now(),
): Promise<CannedReply> {
  const input = saveCannedReplyInput.parse(raw);
  const replies = await listCannedReplies(client, siteId);
  const stored = input.replyId === undefined ? undefined : replies.find((r) => r.replyId === input.replyId);
  if (input.replyId !== undefined && !stored) throw new CannedReplyNotFoundError(input.replyId);
  if (replies.some((r) => r.shortcut === input.shortcut && r.replyId !== input.replyId))
    throw new CannedShortcutTakenError(input.shortcut);
  const reply = { replyId: input.replyId ?? `cr_${newId(16)}`, shortcut: input.shortcut, body: input.body };
  const version = nextVersion(stored, now);
  await write(client, siteId, reply, version, false);
  return { ...reply, version };
}

/** Deletes by writing a newer version marked is_deleted; FINAL reads then skip the reply. */
export async function removeCannedReply(
  client: ClickHouseClient,
  siteId: string,
  replyId: string,
  now = Date.now(),
): Promise<void> {
  const stored = (await listCannedReplies(client, siteId)).find((r) => r.replyId === replyId);
  if (!stored) throw new CannedReplyNotFoundError(replyId);
  await write(client, siteId, stored, nextVersion(stored, now), true);
}
