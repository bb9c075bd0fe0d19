import { z } from 'zod';
import { NotFoundError } from '../../contract/errors.ts';
import { TAG_COLORS, TAG_SUBJECTS, tagId as tagIdSchema, type TagAssignInput } from '../../contract/tag-schema.ts';
import { getLead } from '../../queries/get-lead.ts';
import { listTags } from '../../queries/list-tags.ts';
import { loadVisitorProfile } from '../../reports/visitor-profile.ts';
import { assignTag, tagsOf, unassignTag } from '../../tags/tag-service.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute } from '../route.ts';
import { findChat } from './chats.ts';

// Tags from a CRM: read the site's tags, put one on a person (all their visitor ids), a lead
// or a chat, or take it off, the same as the console's chips do.

const apiTag = z
  .object({ id: z.string(), name: z.string(), color: z.enum(TAG_COLORS), description: z.string() })
  .meta({ id: 'Tag' });

const subject = z.object({
  kind: z.enum(TAG_SUBJECTS).meta({ description: 'visitor: the tag goes on every visitor id of their person' }),
  subject_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
});

/** 404 unless the visitor, lead or chat is this site's: a key never tags another site's ids. */
async function requireSubject(
  ch: Parameters<typeof getLead>[0],
  siteId: string,
  kind: TagAssignInput['kind'],
  id: string,
): Promise<void> {
  if (kind === 'lead' && !(await getLead(ch, siteId, id))) throw new ApiError('not_found', 'No such lead');
  if (kind === 'chat') await findChat(ch, siteId, id);
  if (kind === 'visitor')
    await loadVisitorProfile(ch, siteId, id).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new ApiError('not_found', 'No such visitor') : error;
    });
}

const tagParam = z.object({ tagId: tagIdSchema });

export const tagRoutes = [
  defineRoute({
    method: 'get',
    path: '/tags',
    tag: 'tags',
    summary: "List the site's tags",
    scope: 'read',
    response: z.object({ data: z.array(apiTag) }),
    handler: async ({ deps, siteId }) => ({
      data: (await listTags(deps.ch, siteId)).map((t) => ({
        id: t.tagId,
        name: t.name,
        color: t.color,
        description: t.description,
      })),
    }),
  }),

  defineRoute({
    method: 'get',
    path: '/tags/of',
    tag: 'tags',
    summary: 'The tags a visitor (any id of their person), lead or chat carries',
    scope: 'read',
    query: subject,
    response: z.object({ tag_ids: z.array(z.string()) }),
    handler: async ({ deps, siteId, query }) => {
      await requireSubject(deps.ch, siteId, query.kind, query.subject_id);
      return { tag_ids: await tagsOf(deps.ch, siteId, query.kind, query.subject_id) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/tags/{tagId}/assignments',
    tag: 'tags',
    summary: 'Put a tag on a visitor, lead or chat',
    description: 'Sends the `tag.added` webhook when the subject did not carry it yet.',
    scope: 'write',
    params: tagParam,
    body: subject,
    status: 201,
    response: z.object({ tag_id: z.string(), kind: z.enum(TAG_SUBJECTS), subject_id: z.string() }),
    handler: async ({ deps, siteId, keyId, params, body }) => {
      await requireSubject(deps.ch, siteId, body.kind, body.subject_id);
      await assignTag(
        deps.ch,
        siteId,
        { kind: body.kind, subjectId: body.subject_id, tagId: params.tagId },
        `api:${keyId}`,
      );
      return { tag_id: params.tagId, kind: body.kind, subject_id: body.subject_id };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/tags/{tagId}/assignments',
    tag: 'tags',
    summary: 'Take a tag off a visitor, lead or chat',
    scope: 'write',
    params: tagParam,
    query: subject,
    response: z.object({ tag_id: z.string(), kind: z.enum(TAG_SUBJECTS), subject_id: z.string() }),
    handler: async ({ deps, siteId, keyId, params, query }) => {
      await requireSubject(deps.ch, siteId, query.kind, query.subject_id);
      if (!(await listTags(deps.ch, siteId)).some((t) => t.tagId === params.tagId))
        throw new ApiError('not_found', 'No such tag');
      await unassignTag(
        deps.ch,
        siteId,
        { kind: query.kind, subjectId: query.subject_id, tagId: params.tagId },
        `api:${keyId}`,
      );
      return { tag_id: params.tagId, kind: query.kind, subject_id: query.subject_id };
    },
  }),
];
