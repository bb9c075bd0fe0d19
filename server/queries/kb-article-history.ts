import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import type { KbArticle } from '../contract/kb.ts';
import { KB_ARTICLE_COLUMNS, kbArticleRow, toKbArticle } from './kb-articles.ts';

/** Every stored version of one article, newest first: its edit history. */
export async function kbArticleHistory(
  client: ClickHouseClient,
  siteId: string,
  articleId: string,
): Promise<KbArticle[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT ${KB_ARTICLE_COLUMNS}
            FROM ${TABLES.kbArticles}
            WHERE site_id = {siteId:String} AND article_id = {articleId:String}
            ORDER BY version DESC, edited_at DESC`,
      query_params: { siteId, articleId },
    },
    kbArticleRow,
  );
  return rows.map(toKbArticle);
}
