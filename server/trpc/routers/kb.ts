import { z } from 'zod';
import { KB_FILE_FORMATS, KB_LANGUAGES, kbArticleId, kbArticleInput } from '../../contract/kb.ts';
import {
  importKbArticles,
  previewKbImport,
  saveKbArticle,
  saveKbSynonyms,
  setKbArticleEnabled,
} from '../../kb/kb-articles.ts';
import { kbHistoryEntries } from '../../kb/kb-history.ts';
import { kbExportFile } from '../../kb/kb-import.ts';
import { kbSearchIndex } from '../../kb/kb-search.ts';
import { kbArticleHistory } from '../../queries/kb-article-history.ts';
import { listKbArticles } from '../../queries/kb-articles.ts';
import { listKbSynonyms } from '../../queries/kb-synonyms.ts';
import { getUserNames } from '../../queries/user-names.ts';
import { router, siteProcedure } from '../init.ts';

const manage = siteProcedure('kb:manage');
/** Import files travel as text in the request body, which Next caps at 1 MB. */
const file = z.object({ format: z.enum(KB_FILE_FORMATS), text: z.string().min(1).max(1_000_000) });

export const kbRouter = router({
  list: manage.query(({ ctx, input }) => listKbArticles(ctx.ch, input.siteId)),

  /** The robot's own search, disabled articles included: ids in rank order with their confidence. */
  search: manage
    .input(z.object({ query: z.string().trim().min(1).max(500), language: z.enum(KB_LANGUAGES).optional() }))
    .query(({ input }) => {
      const index = kbSearchIndex();
      const hits = index.searchArticles(input.siteId, input.query, {
        language: input.language,
        includeDisabled: true,
        limit: 100,
      });
      return {
        ready: index.isReady,
        hits: hits.map((h) => ({ articleId: h.article.articleId, confidence: h.confidence })),
      };
    }),

  save: manage
    .input(z.object({ articleId: kbArticleId.optional(), article: kbArticleInput }))
    .mutation(({ ctx, input }) =>
      saveKbArticle(ctx.ch, input.siteId, { ...input.article, articleId: input.articleId }, ctx.user.id),
    ),

  setEnabled: manage
    .input(z.object({ articleId: kbArticleId, enabled: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setKbArticleEnabled(ctx.ch, input.siteId, input.articleId, input.enabled, ctx.user.id),
    ),

  history: manage.input(z.object({ articleId: kbArticleId })).query(async ({ ctx, input }) => {
    const [versions, names] = await Promise.all([
      kbArticleHistory(ctx.ch, input.siteId, input.articleId),
      getUserNames(ctx.ch),
    ]);
    return kbHistoryEntries(versions).map((entry) => ({
      ...entry,
      editorName: names.get(entry.article.editedBy) ?? entry.article.editedBy,
    }));
  }),

  synonyms: manage.query(async ({ ctx, input }) => (await listKbSynonyms(ctx.ch, input.siteId))[0]?.groups ?? []),

  saveSynonyms: manage
    // Loose here: the service trims, drops empty and one-term groups, then checks the rest.
    .input(z.object({ groups: z.array(z.array(z.string().max(100)).max(50)).max(1000) }))
    .mutation(({ ctx, input }) => saveKbSynonyms(ctx.ch, input.siteId, input.groups, ctx.user.id)),

  /** Every row of an import file with its issues; stores nothing. */
  importPreview: manage.input(file).mutation(async ({ ctx, input }) => {
    const parsed = await previewKbImport(ctx.ch, input.siteId, input.format, input.text);
    return { rows: parsed.rows, fileError: parsed.fileError };
  }),

  /** Stores the whole file, or nothing when any row is bad (BAD_REQUEST with the reason). */
  import: manage
    .input(file)
    .mutation(({ ctx, input }) => importKbArticles(ctx.ch, input.siteId, input.format, input.text, ctx.user.id)),

  export: manage
    .input(z.object({ format: z.enum(KB_FILE_FORMATS) }))
    .query(async ({ ctx, input }) => kbExportFile(input.format, await listKbArticles(ctx.ch, input.siteId))),
});
