import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { notReplacedOrder } from './fragments/report-scope.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

const t = col.text;
/** Exported for bench/read-rows.ts, which times reading this very shape. */
export const timelineRow = z.object({
  ts: col.ms,
  type: t,
  visitorId: t,
  sessionId: t,
  path: t,
  url: t,
  title: t,
  referrerDomain: t,
  utmSource: t,
  utmMedium: t,
  utmCampaign: t,
  country: t,
  region: t,
  city: t,
  device: t,
  browser: t,
  os: t,
  name: t,
  engagedMs: col.int,
  target: t,
  agentId: t,
  ruleId: t,
  chatId: t,
  leadId: t,
  orderId: t,
  revenue: col.decimal,
  currency: t,
}) satisfies z.ZodType<TimelineEvent>;

export interface TimelineEvent {
  ts: number;
  type: string;
  visitorId: string;
  sessionId: string;
  path: string;
  url: string;
  title: string;
  referrerDomain: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  country: string;
  region: string;
  city: string;
  device: string;
  browser: string;
  os: string;
  name: string;
  engagedMs: number;
  target: string;
  agentId: string;
  ruleId: string;
  chatId: string;
  leadId: string;
  orderId: string;
  revenue: number;
  currency: string;
}

/**
 * Every event of these visitor ids across all time, oldest first. Capped at the newest
 * `limit` (a profile, not an export): a caller that gets `limit` events back knows the
 * oldest are cut. Chat messages are left out: a trail shows that a chat happened, the
 * transcript lives with the chat. An order shows once, as the orders API reported it when it did.
 *
 * At equal timestamps a page view sorts after the other events: the snippet sends the
 * left page's engagement and the next page view in the same instant, in that order.
 */
export async function getVisitorEvents(
  client: ClickHouseClient,
  siteId: string,
  visitorIds: string[],
  limit = 5000,
): Promise<TimelineEvent[]> {
  const newestFirst = await readRows(
    client,
    {
      query: `SELECT toUnixTimestamp64Milli(ts) AS ts, type, visitor_id AS visitorId, session_id AS sessionId, path, url, title,
                   referrer_domain AS referrerDomain, utm_source AS utmSource, utm_medium AS utmMedium, utm_campaign AS utmCampaign,
                   country, region, city, device, browser, os, name, engaged_ms AS engagedMs, target,
                   agent_id AS agentId, rule_id AS ruleId, chat_id AS chatId, lead_id AS leadId, order_id AS orderId,
                   toFloat64(revenue) AS revenue, currency
            FROM ${TABLES.events}
            WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)} AND type != 'chat_message'
              AND (type != 'order' OR ${notReplacedOrder('order_id', `toUnixTimestamp64Milli(${TABLES.events}.ts)`)})
            ORDER BY ts DESC, type = 'pageview' DESC
            LIMIT {limit:UInt32}`,
      query_params: { siteId, ids: visitorIds, limit },
    },
    timelineRow,
  );
  return newestFirst.reverse();
}
