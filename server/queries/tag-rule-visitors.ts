import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { readRows } from '../../clickhouse/read-rows.ts';
import type { TagCondition } from '../contract/tag-schema.ts';
import { sourceName } from '../sources/source-name.ts';
import { liveOrder } from './fragments/report-scope.ts';

// Each condition as the events it looks at (WHERE) and what one visitor id's rows must
// add up to (HAVING). Only these fixed fragments are spliced; values are bound.
const ORDER = `type = 'order' AND ${liveOrder('order_id', 'toUnixTimestamp64Milli(ts)')}`;
const SQL: Record<TagCondition['kind'], { where: string; having: string }> = {
  pageVisits: { where: `type = 'pageview' AND path IN {paths:Array(String)}`, having: 'count() >= {n:UInt64}' },
  source: { where: `type = 'pageview' AND session_source = {v:String}`, having: '1' },
  campaign: { where: `type = 'pageview' AND session_campaign = {v:String}`, having: '1' },
  country: { where: `type = 'pageview' AND country = {v:String}`, having: '1' },
  device: { where: `type = 'pageview' AND device = {v:String}`, having: '1' },
  visits: { where: `type = 'pageview'`, having: 'uniqExact(session_id) >= {n:UInt64}' },
  ordered: {
    where: `${ORDER} AND ({v:String} = '' OR currency = {v:String})`,
    having: `toFloat64(sum(revenue)) >= {min:Float64}`,
  },
  chatted: { where: `type = 'chat_started'`, having: '1' },
  lead: { where: `type = 'lead_created'`, having: '1' },
  customEvent: { where: `type = 'custom' AND name = {v:String}`, having: '1' },
};

function params(c: TagCondition, paths: readonly string[]): Record<string, unknown> {
  switch (c.kind) {
    case 'pageVisits':
      return { paths: [...paths], n: c.count };
    case 'visits':
      return { n: c.count };
    case 'source':
      // Sources are stored by name (Baidu for baidu.com): a rule typed as a domain still finds it.
      return { v: sourceName(c.value) };
    case 'campaign':
    case 'country':
    case 'device':
      return { v: c.value };
    case 'ordered':
      return { v: c.currency, min: c.currency ? c.minTotal : 0 };
    case 'customEvent':
      return { v: c.name };
    case 'chatted':
    case 'lead':
      return {};
  }
}

/**
 * The visitor ids of a site that meet a tag rule's condition over all their stored events
 * (of `visitorIds` only when given: the live pass over the visitors a batch touched).
 * `paths` are the page paths that match a pageVisits pattern (server/tags decides which).
 */
export async function getTagRuleVisitors(
  client: ClickHouseClient,
  siteId: string,
  condition: TagCondition,
  opts: { visitorIds?: readonly string[]; paths?: readonly string[] } = {},
): Promise<string[]> {
  const { where, having } = SQL[condition.kind];
  const rows = await readRows(
    client,
    {
      query: `SELECT visitor_id FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id != ''
              AND ({all:Bool} OR visitor_id IN {ids:Array(String)})
              AND ${where}
            GROUP BY visitor_id
            HAVING ${having}`,
      query_params: {
        siteId,
        all: opts.visitorIds === undefined,
        ids: [...(opts.visitorIds ?? [])],
        ...params(condition, opts.paths ?? []),
      },
    },
    z.object({ visitor_id: z.string() }),
  );
  return rows.map((r) => r.visitor_id);
}
