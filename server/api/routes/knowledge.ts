import { z } from 'zod';
import { KB_LANGUAGES, kbArticleInput, type KbArticle } from '../../contract/kb.ts';
import { addKbArticles } from '../../kb/kb-articles.ts';
import { DEFAULT_ROBOT_CONFIDENCE, kbIndex } from '../../kb/kb-search.ts';
import { kbArticleHistory } from '../../queries/kb-article-history.ts';
import { listKbArticles } from '../../queries/kb-articles.ts';
import { serviceSettings } from '../../sites/service-settings.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute, idParam, iso, pageOf, pageQuery } from '../route.ts';

// The knowledge base of the robot and of agents' suggestions, for a CMS or a help centre to
// fill and for a bot of the shop's own to ask. Searches are the robot's own search.

/** Articles one import may carry: a help centre's worth, inside IMPORT_BYTES. */
const IMPORT_MAX = 1000;
const IMPORT_BYTES = 1024 * 1024;

const apiArticleInput = z
  .object({
    question: kbArticleInput.shape.question,
    alternates: kbArticleInput.shape.alternates.meta({ description: 'Other ways visitors ask it' }),
    answer: kbArticleInput.shape.answer.meta({ description: 'Markdown: links, lists, images by URL' }),
    category: kbArticleInput.shape.category,
    language: kbArticleInput.shape.language,
    self_service_url: kbArticleInput.shape.selfServiceUrl.meta({
      description: 'A page where the visitor does it themselves (shown as a button under the answer)',
    }),
    enabled: kbArticleInput.shape.enabled,
  })
  .meta({ id: 'ArticleInput' });

const apiArticle = z
  .object({
    id: z.string(),
    question: z.string(),
    alternates: z.array(z.string()),
    answer: z.string(),
    category: z.string(),
    language: z.enum(KB_LANGUAGES),
    self_service_url: z.string(),
    enabled: z.boolean(),
    version: z.number().int(),
    updated_at: z.string(),
  })
  .meta({ id: 'Article' });

const toApiArticle = (a: KbArticle): z.input<typeof apiArticle> => ({
  id: a.articleId,
  question: a.question,
  alternates: a.alternates,
  answer: a.answer,
  category: a.category,
  language: a.language,
  self_service_url: a.selfServiceUrl,
  enabled: a.enabled,
  version: a.version,
  updated_at: iso(a.editedAt),
});

// Articles are walked in id order and the cursor is the last id read: an article created
// during a walk (random id) lands before or after the cursor, never shifting what follows.
const cursorOf = (articleId: string) => Buffer.from(JSON.stringify({ a: articleId })).toString('base64url');
function afterId(cursor: string | undefined): string {
  if (cursor === undefined) return '';
  try {
    return z.object({ a: z.string().max(100) }).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).a;
  } catch {
    throw new ApiError('invalid_request', 'cursor: not a cursor this API gave');
  }
}

export const knowledgeRoutes = [
  defineRoute({
    method: 'post',
    path: '/knowledge/articles',
    tag: 'knowledge',
    summary: 'Import articles',
    description: `Up to ${IMPORT_MAX} new articles, stored all or none: one invalid article refuses the request (400, naming its index and field). Returns the new ids in the order sent; the robot and agents' suggestions use them at once.`,
    scope: 'write',
    maxBodyBytes: IMPORT_BYTES,
    status: 201,
    body: z.array(apiArticleInput).min(1).max(IMPORT_MAX),
    response: z.object({ ids: z.array(z.string()) }),
    handler: async ({ deps, siteId, keyId, body }) => {
      const articles = await addKbArticles(
        deps.ch,
        siteId,
        body.map(({ self_service_url, ...a }) => ({ ...a, selfServiceUrl: self_service_url })),
        `api:${keyId}`,
      );
      return { ids: articles.map((a) => a.articleId) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/knowledge/articles',
    tag: 'knowledge',
    summary: 'List articles',
    description: 'The current version of every article (disabled ones too), in id order.',
    scope: 'read',
    query: z.object({ ...pageQuery, language: z.enum(KB_LANGUAGES).optional() }),
    response: pageOf(apiArticle),
    handler: async ({ deps, siteId, query }) => {
      const after = afterId(query.cursor);
      const rows = (await listKbArticles(deps.ch, siteId))
        .filter((a) => a.articleId > after && (!query.language || a.language === query.language))
        .sort((a, b) => (a.articleId < b.articleId ? -1 : 1));
      const data = rows.slice(0, query.limit);
      const last = data.at(-1);
      return {
        data: data.map(toApiArticle),
        next_cursor: rows.length > query.limit && last ? cursorOf(last.articleId) : null,
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/knowledge/articles/{articleId}',
    tag: 'knowledge',
    summary: 'Get an article',
    scope: 'read',
    params: idParam('articleId', 'The id the import returned'),
    response: apiArticle,
    handler: async ({ deps, siteId, params }) => {
      const [newest] = await kbArticleHistory(deps.ch, siteId, params.articleId);
      if (!newest) throw new ApiError('not_found', 'No such article');
      return toApiArticle(newest);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/knowledge/search',
    tag: 'knowledge',
    summary: 'Search articles as the robot does',
    description:
      "Enabled articles ranked for a visitor's question. `confidence` (0–1) is what the robot compares with the site's threshold: `robot_would_answer` is true for the first result when it passes.",
    scope: 'read',
    query: z.object({
      q: z.string().trim().min(1).max(500),
      limit: z.coerce.number().int().min(1).max(20).default(5),
      language: z.enum(KB_LANGUAGES).optional(),
    }),
    response: z.object({
      threshold: z.number(),
      data: z.array(
        z.object({
          id: z.string(),
          question: z.string(),
          answer: z.string(),
          category: z.string(),
          language: z.string(),
          self_service_url: z.string(),
          score: z.number(),
          confidence: z.number(),
          robot_would_answer: z.boolean(),
        }),
      ),
    }),
    handler: ({ siteId, query }) => {
      const threshold = serviceSettings().get(siteId).robot.threshold ?? DEFAULT_ROBOT_CONFIDENCE;
      const hits = kbIndex().search(siteId, query.q, { limit: query.limit, language: query.language });
      return Promise.resolve({
        threshold,
        data: hits.map((h, i) => ({
          id: h.articleId,
          question: h.question,
          answer: h.answer,
          category: h.category,
          language: h.language,
          self_service_url: h.selfServiceUrl,
          score: h.score,
          confidence: h.confidence,
          robot_would_answer: i === 0 && h.confidence >= threshold,
        })),
      });
    },
  }),
];
