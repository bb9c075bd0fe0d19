import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { KB_LANGUAGES, type KbArticle } from '../contract/kb.ts';

export const kbArticleRow = z.object({
  site_id: col.text,
  article_id: col.text,
  version: col.int,
  question: col.text,
  alternates: col.texts,
  answer: col.text,
  category: col.text,
  language: z.enum(KB_LANGUAGES),
  self_service_url: col.text,
  enabled: col.flag,
  edited_by: col.text,
  edited_at: col.ms,
});

export const KB_ARTICLE_COLUMNS = `site_id, article_id, version, question, alternates, answer, category, language,
  self_service_url, enabled, edited_by, toUnixTimestamp64Milli(edited_at) AS edited_at`;

export function toKbArticle(r: z.output<typeof kbArticleRow>): KbArticle {
  return {
    siteId: r.site_id,
    articleId: r.article_id,
    version: r.version,
    question: r.question,
    alternates: r.alternates,
    answer: r.answer,
    category: r.category,
    language: r.language,
    selfServiceUrl: r.self_service_url,
    enabled: r.enabled,
    editedBy: r.edited_by,
    editedAt: r.edited_at,
  };
}

/** Every article's newest version, of one site or (siteId null, to build the index) of all. */
export async function listKbArticles(client: ClickHouseClient, siteId: string | null): Promise<KbArticle[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT ${KB_ARTICLE_COLUMNS}
            FROM ${TABLES.kbArticles}
            WHERE {all:Bool} OR site_id = {siteId:String}
            ORDER BY site_id, article_id, version DESC
            LIMIT 1 BY site_id, article_id`,
      query_params: { all: siteId === null, siteId: siteId ?? '' },
    },
    kbArticleRow,
  );
  return rows.map(toKbArticle);
}
