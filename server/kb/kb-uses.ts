import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { KbUseKind } from '../contract/kb.ts';

/** One use of an article (picked, rated up or down), kept for the ranking after a restart. */
export async function recordKbUse(
  ch: ClickHouseClient,
  siteId: string,
  articleId: string,
  kind: KbUseKind,
  at = Date.now(),
): Promise<void> {
  await ch.insert({
    table: TABLES.kbArticleUses,
    values: [{ site_id: siteId, article_id: articleId, kind, at }],
    format: 'JSONEachRow',
  });
}
