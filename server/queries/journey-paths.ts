import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Scope } from './fragments/report-scope.ts';
import type { JourneySteps } from '../contract/journeys.ts';
import { PATH_NAMES, sessionPaths } from './fragments/session-path.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface JourneyPaths {
  /** Sessions of the range with a page view: the base of every share. */
  sessions: number;
  rows: { steps: string[]; sessions: number }[];
}

/**
 * The most common runs of `steps` pages in a row, anywhere in a session's path, each session
 * counting a run once however often it took it. Every session also yields one empty run, so
 * the base count comes from the same scan; it is the largest group and is taken out here.
 */
export async function getJourneyPaths(
  client: ClickHouseClient,
  scope: Scope,
  steps: JourneySteps,
  limit = 100,
): Promise<JourneyPaths> {
  const rows = await readRows(
    client,
    {
      query: `WITH ${PATH_NAMES}
              SELECT arrayMap(h -> names[h], run) AS steps, count() AS sessions
              FROM (
                ${sessionPaths(scope)}
              )
              ARRAY JOIN arrayDistinct(arrayConcat([[]], arrayMap(
                i -> arraySlice(p, i, {steps:UInt8}),
                range(1, toUInt32(greatest(length(p) + 2, {steps:UInt8} + 1) - {steps:UInt8}))
              ))) AS run
              GROUP BY run
              ORDER BY sessions DESC, steps
              LIMIT {limit:UInt32}`,
      query_params: { ...scope.params, steps, limit: limit + 1 },
    },
    z.object({ steps: z.array(col.text), sessions: col.int }),
  );
  return {
    sessions: rows.find((r) => r.steps.length === 0)?.sessions ?? 0,
    rows: rows.filter((r) => r.steps.length > 0),
  };
}
