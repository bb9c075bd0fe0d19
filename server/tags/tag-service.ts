import type { ClickHouseClient } from '@clickhouse/client';
import { randomBytes } from 'node:crypto';
import { TABLES } from '../../clickhouse/tables.ts';
import { NotFoundError, ConflictError } from '../contract/errors.ts';
import { tagInput, TAG_SUBJECTS, type Tag, type TagAssignInput, type TagInput } from '../contract/tag-schema.ts';
import { listTags } from '../queries/list-tags.ts';
import { getSubjectTags } from '../queries/subject-tags.ts';
import { getPerson } from '../queries/visitor-people.ts';
import { nextTagVersion, recordAssignments } from './record-assignments.ts';

export function newTagKey(prefix: 'tg' | 'tr'): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 14)}`;
}

async function writeTag(client: ClickHouseClient, siteId: string, tag: Tag, deleted: boolean): Promise<void> {
  await client.insert({
    table: TABLES.tags,
    values: [
      {
        site_id: siteId,
        tag_id: tag.tagId,
        name: tag.name,
        color: tag.color,
        description: tag.description,
        version: nextTagVersion(),
        is_deleted: deleted ? 1 : 0,
      },
    ],
    format: 'JSONEachRow',
  });
}

/** Creates or edits a tag. Names are unique per site, compared without case. */
export async function saveTag(client: ClickHouseClient, siteId: string, raw: TagInput): Promise<Tag> {
  const input = tagInput.parse(raw);
  const tags = await listTags(client, siteId);
  if (input.tagId !== undefined && !tags.some((t) => t.tagId === input.tagId)) throw new NotFoundError('No such tag');
  if (tags.some((t) => t.name.toLowerCase() === input.name.toLowerCase() && t.tagId !== input.tagId))
    throw new ConflictError(`A tag named ${input.name} exists already`);
  const tag: Tag = {
    tagId: input.tagId ?? newTagKey('tg'),
    name: input.name,
    color: input.color,
    description: input.description,
  };
  await writeTag(client, siteId, tag, false);
  return tag;
}

/** Deletes a tag and takes it off every visitor, lead and chat that carried it. */
export async function removeTag(client: ClickHouseClient, siteId: string, tagId: string): Promise<number> {
  const tag = (await listTags(client, siteId)).find((t) => t.tagId === tagId);
  if (!tag) throw new NotFoundError('No such tag');
  let removed = 0;
  // Removals first: were the tag row deleted first, the reads below (of live tags) would find nothing.
  for (const kind of TAG_SUBJECTS) {
    const held = await getSubjectTags(client, siteId, kind, { tagId });
    removed += await recordAssignments(
      client,
      siteId,
      held.map((h) => ({
        kind,
        subjectId: h.subjectId,
        tagId,
        origin: h.origin,
        ruleId: h.ruleId,
        userId: '',
        removed: true,
      })),
    );
  }
  await writeTag(client, siteId, tag, true);
  return removed;
}

async function requireTag(client: ClickHouseClient, siteId: string, tagId: string): Promise<void> {
  if (!(await listTags(client, siteId)).some((t) => t.tagId === tagId)) throw new NotFoundError('No such tag');
}

/** A visitor's tag goes on every visitor id of their person; a lead's or chat's on that one id. */
async function subjectIds(client: ClickHouseClient, siteId: string, input: TagAssignInput): Promise<string[]> {
  if (input.kind !== 'visitor') return [input.subjectId];
  return (await getPerson(client, siteId, input.subjectId)).visitorIds;
}

export async function assignTag(client: ClickHouseClient, siteId: string, input: TagAssignInput, userId: string) {
  await requireTag(client, siteId, input.tagId);
  await setByHand(client, siteId, input, userId, false);
}

export async function unassignTag(client: ClickHouseClient, siteId: string, input: TagAssignInput, userId: string) {
  await setByHand(client, siteId, input, userId, true);
}

async function setByHand(
  client: ClickHouseClient,
  siteId: string,
  input: TagAssignInput,
  userId: string,
  removed: boolean,
): Promise<void> {
  const ids = await subjectIds(client, siteId, input);
  const { kind, tagId } = input;
  await recordAssignments(
    client,
    siteId,
    ids.map((id) => ({ kind, subjectId: id, tagId, origin: 'manual', ruleId: '', userId, removed })),
  );
}

/** The tags a subject shows: for a visitor, those of any of their person's visitor ids. */
export async function tagsOf(
  client: ClickHouseClient,
  siteId: string,
  kind: TagAssignInput['kind'],
  subjectId: string,
): Promise<string[]> {
  const ids = await subjectIds(client, siteId, { kind, subjectId, tagId: 'tg_x' });
  const held = await getSubjectTags(client, siteId, kind, { subjectIds: ids });
  return [...new Set(held.map((h) => h.tagId))];
}
