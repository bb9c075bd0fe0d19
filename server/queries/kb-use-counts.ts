import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';
import { KB_USE_KINDS, type KbUseCount } from '../contract/kb.ts';

/** How often each article of every site was picked or rated, for the index's ranking. */
export async function kbUseCounts(client: ClickHouseClient): Promise<KbUseCount[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT site_id, article_id, kind, count() AS uses
            FROM ${TABLES.kbArticleUses}
            GROUP BY site_id, article_id, kind`,
    },
    z.object({
      site_id: col.text,
      article_id: col.text,
      kind: z.enum(KB_USE_KINDS),
      uses: col.int,
    }),
  );
  return rows.map((r) => ({ siteId: r.site_id, articleId: r.article_id, kind: r.kind, count: r.uses }));
}
