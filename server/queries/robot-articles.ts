import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Scope } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface RobotArticleUse {
  articleId: string;
  /** Robot answers from this article in the range. */
  answers: number;
  helpful: number;
  notHelpful: number;
}

/** The articles the robot answered with, most used first, with the visitors' ratings of those answers. */
export async function getRobotArticles(
  client: ClickHouseClient,
  scope: Scope,
  limit: number,
): Promise<RobotArticleUse[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT props['article_id'] AS article_id,
                   countIf(type = 'robot_answered') AS answers,
                   countIf(type = 'robot_rated' AND props['helpful'] = '1') AS helpful,
                   countIf(type = 'robot_rated' AND props['helpful'] = '0') AS not_helpful
            FROM ${TABLES.events}
            WHERE ${scope.where}
              AND ((type = 'robot_answered' AND props['kind'] = 'answer') OR type = 'robot_rated')
              AND props['article_id'] != ''
            GROUP BY article_id
            HAVING answers > 0
            ORDER BY answers DESC, helpful DESC, article_id
            LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, limit },
    },
    z.object({ article_id: col.text, answers: col.int, helpful: col.int, not_helpful: col.int }),
  );
  return rows.map((r) => ({
    articleId: r.article_id,
    answers: r.answers,
    helpful: r.helpful,
    notHelpful: r.not_helpful,
  }));
}
