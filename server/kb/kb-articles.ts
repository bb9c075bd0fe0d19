import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus } from '../bus/bus.ts';
import { InvalidError, NotFoundError } from '../contract/errors.ts';
import {
  kbArticleInput,
  kbSynonymGroups,
  type KbArticle,
  type KbArticleInput,
  type KbFileFormat,
  type KbImportRow,
} from '../contract/kb.ts';
import { kbArticleHistory } from '../queries/kb-article-history.ts';
import { listKbArticles } from '../queries/kb-articles.ts';
import { parseKbImport } from './kb-import.ts';

// Writing the knowledge base. Every write is a new row with the article's next version
// (history is the older rows); the search index hears of it on the bus, since these run
// inside Next's tRPC while the index is the server's.

export class KbArticleNotFoundError extends NotFoundError {
  constructor(readonly articleId: string) {
    super('No such article');
  }
}

/** An import file with bad rows (or no rows): nothing was stored. */
export class KbImportRefusedError extends InvalidError {
  constructor(
    message: string,
    readonly rows: KbImportRow[],
  ) {
    super(message);
  }
}

export function newKbArticleId(): string {
  return `kb_${randomBytes(10).toString('hex')}`;
}

async function write(ch: ClickHouseClient, siteId: string, articles: KbArticle[]): Promise<void> {
  if (articles.length === 0) return;
  await ch.insert({
    table: TABLES.kbArticles,
    values: articles.map((a) => ({
      site_id: a.siteId,
      article_id: a.articleId,
      version: a.version,
      question: a.question,
      alternates: a.alternates,
      answer: a.answer,
      category: a.category,
      language: a.language,
      self_service_url: a.selfServiceUrl,
      enabled: a.enabled ? 1 : 0,
      edited_by: a.editedBy,
      edited_at: a.editedAt,
    })),
    format: 'JSONEachRow',
  });
  realtimeBus().publish('kb', { siteId, articles });
}

async function current(ch: ClickHouseClient, siteId: string, articleId: string): Promise<KbArticle> {
  const [newest] = await kbArticleHistory(ch, siteId, articleId);
  if (!newest) throw new KbArticleNotFoundError(articleId);
  return newest;
}

/**
 * Creates (no articleId) or edits an article. Two admins saving the same article at once
 * both get the same next version; readers then pick either, and history shows both.
 */
export async function saveKbArticle(
  ch: ClickHouseClient,
  siteId: string,
  raw: KbArticleInput & { articleId?: string },
  userId: string,
  now = Date.now(),
): Promise<KbArticle> {
  const input = kbArticleInput.parse(raw);
  const stored = raw.articleId ? await current(ch, siteId, raw.articleId) : null;
  const article: KbArticle = {
    ...input,
    siteId,
    articleId: stored?.articleId ?? newKbArticleId(),
    version: (stored?.version ?? 0) + 1,
    editedBy: userId,
    editedAt: now,
  };
  await write(ch, siteId, [article]);
  return article;
}

export async function setKbArticleEnabled(
  ch: ClickHouseClient,
  siteId: string,
  articleId: string,
  enabled: boolean,
  userId: string,
  now = Date.now(),
): Promise<KbArticle> {
  const stored = await current(ch, siteId, articleId);
  if (stored.enabled === enabled) return stored;
  const article = { ...stored, enabled, version: stored.version + 1, editedBy: userId, editedAt: now };
  await write(ch, siteId, [article]);
  return article;
}

/**
 * Stores every article of the file or none: rows are all checked first, and an id that is
 * not this site's article refuses the file too. Rows with an id edit that article.
 */
export async function importKbArticles(
  ch: ClickHouseClient,
  siteId: string,
  format: KbFileFormat,
  text: string,
  userId: string,
  now = Date.now(),
): Promise<{ created: number; updated: number }> {
  const parsed = await previewKbImport(ch, siteId, format, text);
  if (parsed.fileError) throw new KbImportRefusedError(parsed.fileError, []);
  const bad = parsed.rows.filter((r) => r.issues.length > 0).length;
  if (bad > 0) throw new KbImportRefusedError(`${bad} row(s) have errors; nothing was imported`, parsed.rows);
  const existing = new Map((await listKbArticles(ch, siteId)).map((a) => [a.articleId, a]));
  const articles = parsed.articles.map(({ articleId, ...input }): KbArticle => {
    const stored = articleId ? existing.get(articleId) : undefined;
    return {
      ...input,
      siteId,
      articleId: articleId ?? newKbArticleId(),
      version: (stored?.version ?? 0) + 1,
      editedBy: userId,
      editedAt: now,
    };
  });
  // One insert is one block: ClickHouse stores it whole or not at all.
  await write(ch, siteId, articles);
  const updated = articles.filter((a) => a.version > 1).length;
  return { created: articles.length - updated, updated };
}

/** The import's rows with their issues, ids of other sites' (or no) articles included; stores nothing. */
export async function previewKbImport(ch: ClickHouseClient, siteId: string, format: KbFileFormat, text: string) {
  const parsed = parseKbImport(format, text);
  if (parsed.fileError || !parsed.rows.some((r) => r.articleId)) return parsed;
  const known = new Set((await listKbArticles(ch, siteId)).map((a) => a.articleId));
  for (const row of parsed.rows)
    if (row.articleId && !known.has(row.articleId))
      row.issues.push({ field: 'articleId', message: 'No article of this site has this id' });
  parsed.articles = parsed.articles.filter((a) => !a.articleId || known.has(a.articleId));
  return parsed;
}

/** Replaces a site's synonym groups (terms trimmed, duplicates and one-term groups dropped). */
export async function saveKbSynonyms(
  ch: ClickHouseClient,
  siteId: string,
  raw: string[][],
  userId: string,
  now = Date.now(),
): Promise<string[][]> {
  const groups = kbSynonymGroups.parse(
    raw.map((g) => [...new Set(g.map((t) => t.trim()).filter(Boolean))]).filter((g) => g.length >= 2),
  );
  await ch.insert({
    table: TABLES.kbSynonyms,
    values: [{ site_id: siteId, groups, version: now, edited_by: userId, edited_at: now }],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('kb', { siteId, articles: [], synonyms: groups });
  return groups;
}
